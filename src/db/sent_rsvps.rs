//! RSVPs local people send to events hosted elsewhere: stored with the Join that carries them,
//! settled by the host's answer, withdrawn with a Leave.

use super::deliveries::enqueue_in;
use super::{DbError, Reply, Store, now_millis};

/// How the host answered our Join.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentRsvpState {
    Pending,
    Accepted,
    Rejected,
    Ignored,
}

impl SentRsvpState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Ignored => "ignored",
        }
    }

    fn from_stored(text: &str) -> Result<Self, DbError> {
        Ok(match text {
            "pending" => Self::Pending,
            "accepted" => Self::Accepted,
            "rejected" => Self::Rejected,
            "ignored" => Self::Ignored,
            other => return Err(DbError::Corrupt(format!("sent RSVP state '{other}'"))),
        })
    }
}

/// One RSVP a local actor sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbSentRsvp {
    /// `event` or `action`.
    pub kind: String,
    pub object_ap_id: String,
    pub host_actor_ap_id: String,
    pub join_ap_id: String,
    pub state: SentRsvpState,
    pub updated_at: i64,
}

type Row = (String, String, String, String, String, i64);

fn from_row(
    (kind, object_ap_id, host_actor_ap_id, join_ap_id, state, updated_at): Row,
) -> Result<DbSentRsvp, DbError> {
    Ok(DbSentRsvp {
        state: SentRsvpState::from_stored(&state)?,
        kind,
        object_ap_id,
        host_actor_ap_id,
        join_ap_id,
        updated_at,
    })
}

impl Store {
    /// Records a pending RSVP (replacing an earlier one to the same event) and queues its Join.
    pub async fn add_sent_rsvp(
        &self,
        local_actor_id: i64,
        kind: &str,
        object_ap_id: &str,
        host_actor_ap_id: &str,
        join: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let now = now_millis();
        sqlx::query(
            "INSERT INTO sent_rsvps (local_actor_id, object_ap_id, host_actor_ap_id, join_ap_id, \
             state, created_at, updated_at, kind) VALUES ($1, $2, $3, $4, 'pending', $5, $5, $6) \
             ON CONFLICT (local_actor_id, object_ap_id) DO UPDATE SET \
             host_actor_ap_id = excluded.host_actor_ap_id, join_ap_id = excluded.join_ap_id, \
             state = 'pending', updated_at = excluded.updated_at",
        )
        .bind(local_actor_id)
        .bind(object_ap_id)
        .bind(host_actor_ap_id)
        .bind(join.activity.ap_id)
        .bind(now)
        .bind(kind)
        .execute(&mut *tx)
        .await?;
        enqueue_in(&mut tx, &join.activity, &join.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Settles our Join `join_ap_id` when `answerer` is the actor it was sent to; whether it
    /// was ours to settle.
    pub async fn settle_sent_rsvp(
        &self,
        join_ap_id: &str,
        answerer: &str,
        state: SentRsvpState,
    ) -> Result<bool, DbError> {
        let changed = sqlx::query(
            "UPDATE sent_rsvps SET state = $1, updated_at = $2 \
             WHERE join_ap_id = $3 AND host_actor_ap_id = $4",
        )
        .bind(state.as_str())
        .bind(now_millis())
        .bind(join_ap_id)
        .bind(answerer)
        .execute(self.pool())
        .await?;
        Ok(changed.rows_affected() > 0)
    }

    /// Forgets a local actor's RSVP to a remote event and queues the Leave that tells its host;
    /// whether there was one.
    pub async fn remove_sent_rsvp(
        &self,
        local_actor_id: i64,
        object_ap_id: &str,
        leave: &Reply<'_>,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let removed =
            sqlx::query("DELETE FROM sent_rsvps WHERE local_actor_id = $1 AND object_ap_id = $2")
                .bind(local_actor_id)
                .bind(object_ap_id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                > 0;
        if removed {
            enqueue_in(&mut tx, &leave.activity, &leave.recipients).await?;
        }
        tx.commit().await?;
        Ok(removed)
    }

    /// The RSVPs a local actor sent, newest first.
    pub async fn sent_rsvps(&self, local_actor_id: i64) -> Result<Vec<DbSentRsvp>, DbError> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT kind, object_ap_id, host_actor_ap_id, join_ap_id, state, updated_at \
             FROM sent_rsvps WHERE local_actor_id = $1 ORDER BY updated_at DESC, object_ap_id",
        )
        .bind(local_actor_id)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(from_row).collect()
    }
}
