//! Follow relationships in both directions, changed together with the activities they cause.

use super::deliveries::enqueue_in;
use super::{DbError, NewActivity, Recipients, Store, now_millis};

/// The state of a follow request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowState {
    Pending,
    Accepted,
    Rejected,
}

impl FollowState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
        }
    }

    fn from_stored(text: &str) -> Result<Self, DbError> {
        match text {
            "pending" => Ok(Self::Pending),
            "accepted" => Ok(Self::Accepted),
            "rejected" => Ok(Self::Rejected),
            other => Err(DbError::Corrupt(format!("unknown follow state '{other}'"))),
        }
    }
}

/// A remote actor's request to follow a local one.
#[derive(Debug)]
pub struct NewFollower<'a> {
    pub local_actor_id: i64,
    pub remote_actor_id: i64,
    pub follow_ap_id: &'a str,
    pub state: FollowState,
}

/// An activity to queue together with a change.
#[derive(Debug)]
pub struct Reply<'a> {
    pub activity: NewActivity<'a>,
    pub recipients: Recipients,
}

impl Store {
    /// Records (or renews) a follower, and queues the reply (an Accept) in the same transaction.
    pub async fn add_follower(
        &self,
        follower: &NewFollower<'_>,
        reply: Option<&Reply<'_>>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO followers (local_actor_id, remote_actor_id, follow_ap_id, state, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (local_actor_id, remote_actor_id) \
             DO UPDATE SET follow_ap_id = excluded.follow_ap_id, state = excluded.state",
        )
        .bind(follower.local_actor_id)
        .bind(follower.remote_actor_id)
        .bind(follower.follow_ap_id)
        .bind(follower.state.as_str())
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
        if let Some(reply) = reply {
            enqueue_in(&mut tx, &reply.activity, &reply.recipients).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Follow requests waiting for a local actor's decision: (follower id, Follow id), oldest first.
    pub async fn pending_followers(
        &self,
        local_actor_id: i64,
    ) -> Result<Vec<(String, String)>, DbError> {
        Ok(sqlx::query_as(
            "SELECT r.ap_id, f.follow_ap_id FROM followers f \
             JOIN remote_actors r ON r.id = f.remote_actor_id \
             WHERE f.local_actor_id = $1 AND f.state = 'pending' ORDER BY f.created_at, r.id",
        )
        .bind(local_actor_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Decides a pending follow request: accepted (the row stays) or rejected (the row goes),
    /// with the answer queued in the same transaction. False when there was no such request.
    pub async fn decide_follower(
        &self,
        local_actor_id: i64,
        remote_actor_id: i64,
        accept: bool,
        answer: &Reply<'_>,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let sql = if accept {
            "UPDATE followers SET state = 'accepted' \
             WHERE local_actor_id = $1 AND remote_actor_id = $2 AND state = 'pending'"
        } else {
            "DELETE FROM followers WHERE local_actor_id = $1 AND remote_actor_id = $2 AND state = 'pending'"
        };
        let changed = sqlx::query(sql)
            .bind(local_actor_id)
            .bind(remote_actor_id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            return Ok(false);
        }
        enqueue_in(&mut tx, &answer.activity, &answer.recipients).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Removes a follower; returns whether there was one.
    pub async fn remove_follower(
        &self,
        local_actor_id: i64,
        remote_actor_id: i64,
    ) -> Result<bool, DbError> {
        let result =
            sqlx::query("DELETE FROM followers WHERE local_actor_id = $1 AND remote_actor_id = $2")
                .bind(local_actor_id)
                .bind(remote_actor_id)
                .execute(self.pool())
                .await?;
        Ok(result.rows_affected() > 0)
    }

    /// The state of `remote_actor_id`'s follow of `local_actor_id`, if any.
    pub async fn follower_state(
        &self,
        local_actor_id: i64,
        remote_actor_id: i64,
    ) -> Result<Option<FollowState>, DbError> {
        let state: Option<String> = sqlx::query_scalar(
            "SELECT state FROM followers WHERE local_actor_id = $1 AND remote_actor_id = $2",
        )
        .bind(local_actor_id)
        .bind(remote_actor_id)
        .fetch_optional(self.pool())
        .await?;
        state.as_deref().map(FollowState::from_stored).transpose()
    }

    /// The ids of the accepted followers of a local actor, oldest first.
    pub async fn follower_ids(&self, local_actor_id: i64) -> Result<Vec<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT r.ap_id FROM followers f JOIN remote_actors r ON r.id = f.remote_actor_id \
             WHERE f.local_actor_id = $1 AND f.state = 'accepted' ORDER BY f.created_at, r.id",
        )
        .bind(local_actor_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Records that a local actor asked to follow a remote one, with the Follow activity queued
    /// in the same transaction.
    pub async fn add_following(
        &self,
        local_actor_id: i64,
        remote_actor_id: i64,
        follow: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO following (local_actor_id, remote_actor_id, follow_ap_id, state, created_at) \
             VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT (local_actor_id, remote_actor_id) \
             DO UPDATE SET follow_ap_id = excluded.follow_ap_id, state = 'pending'",
        )
        .bind(local_actor_id)
        .bind(remote_actor_id)
        .bind(follow.activity.ap_id)
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
        enqueue_in(&mut tx, &follow.activity, &follow.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Settles our pending Follow `follow_ap_id` of `remote_actor_id` as accepted or rejected.
    /// Returns false when no such pending follow exists (a spoofed or stale answer).
    pub async fn settle_following(
        &self,
        follow_ap_id: &str,
        remote_actor_id: i64,
        state: FollowState,
    ) -> Result<bool, DbError> {
        let result = sqlx::query(
            "UPDATE following SET state = $1 \
             WHERE follow_ap_id = $2 AND remote_actor_id = $3 AND state = 'pending'",
        )
        .bind(state.as_str())
        .bind(follow_ap_id)
        .bind(remote_actor_id)
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() > 0)
    }

    /// The id of our Follow of `remote_actor_id` by `local_actor_id`, if any.
    pub async fn following_id(
        &self,
        local_actor_id: i64,
        remote_actor_id: i64,
    ) -> Result<Option<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT follow_ap_id FROM following WHERE local_actor_id = $1 AND remote_actor_id = $2",
        )
        .bind(local_actor_id)
        .bind(remote_actor_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Ends a local actor's follow of a remote one, queuing the Undo in the same transaction.
    pub async fn remove_following(
        &self,
        local_actor_id: i64,
        remote_actor_id: i64,
        undo: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM following WHERE local_actor_id = $1 AND remote_actor_id = $2")
            .bind(local_actor_id)
            .bind(remote_actor_id)
            .execute(&mut *tx)
            .await?;
        enqueue_in(&mut tx, &undo.activity, &undo.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many remote actors `local_actor_id` follows (accepted follows).
    pub async fn following_count(&self, local_actor_id: i64) -> Result<i64, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM following WHERE local_actor_id = $1 AND state = 'accepted'",
        )
        .bind(local_actor_id)
        .fetch_one(self.pool())
        .await?)
    }

    /// The state of `local_actor_id`'s follow of `remote_actor_id`, if any.
    pub async fn following_state(
        &self,
        local_actor_id: i64,
        remote_actor_id: i64,
    ) -> Result<Option<FollowState>, DbError> {
        let state: Option<String> = sqlx::query_scalar(
            "SELECT state FROM following WHERE local_actor_id = $1 AND remote_actor_id = $2",
        )
        .bind(local_actor_id)
        .bind(remote_actor_id)
        .fetch_optional(self.pool())
        .await?;
        state.as_deref().map(FollowState::from_stored).transpose()
    }

    /// Whom `local_actor_id` follows or asked to: `(actor id, handle-ish name@host, display
    /// name, state)`, newest first.
    pub async fn following_of(
        &self,
        local_actor_id: i64,
    ) -> Result<Vec<(String, String, String, String)>, DbError> {
        Ok(sqlx::query_as(
            "SELECT r.ap_id, r.preferred_username || '@' || r.host, r.name, f.state \
             FROM following f JOIN remote_actors r ON r.id = f.remote_actor_id \
             WHERE f.local_actor_id = $1 AND r.deleted_at IS NULL \
             ORDER BY f.created_at DESC, r.ap_id",
        )
        .bind(local_actor_id)
        .fetch_all(self.pool())
        .await?)
    }
}
