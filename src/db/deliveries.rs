//! The durable delivery queue: each outgoing activity is stored with one row per target inbox
//! in the same transaction as the change that caused it; workers claim due rows under a lease.

use super::WriteTx;
use super::{DbError, Store, now_millis};

/// An activity we publish, as stored in `outbox_activities`.
#[derive(Debug)]
pub struct NewActivity<'a> {
    /// Our uuid of the activity; `ap_id` ends with it.
    pub id: &'a str,
    pub ap_id: &'a str,
    pub local_actor_id: i64,
    pub kind: &'a str,
    /// The object the activity carries, when it is ours (see the migration).
    pub object_ap_id: Option<&'a str>,
    pub public: bool,
    pub json: &'a str,
}

/// Who receives an activity.
#[derive(Clone, Debug)]
pub enum Recipients {
    /// The accepted followers of a local actor, one row per (shared) inbox.
    FollowersOf(i64),
    /// One inbox, e.g. the follower's for an Accept.
    Inbox { inbox: String, host: String },
    /// The live remote actors with these ids that we know, one row per (shared) inbox; the
    /// others are skipped.
    Actors(Vec<String>),
}

impl Recipients {
    /// The personal inbox of a remote actor.
    pub fn inbox_of(actor: &super::DbRemoteActor) -> Self {
        Self::Inbox {
            inbox: actor.inbox.clone(),
            host: actor.host.clone(),
        }
    }
}

/// A delivery a worker has claimed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedDelivery {
    pub id: i64,
    pub activity_id: String,
    pub inbox: String,
    pub host: String,
    /// Attempts made before this one.
    pub attempts: i64,
    pub created_at: i64,
}

/// What a delivery attempt came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Delivered,
    /// Try again at `next_attempt_at` (ms).
    Retry {
        next_attempt_at: i64,
        error: String,
    },
    /// Give up: a permanent refusal or the retry horizon passed.
    Failed {
        error: String,
    },
}

/// Pending and failed deliveries towards one instance.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct HostQueueStats {
    pub host: String,
    pub pending: i64,
    /// Of the pending ones, those that failed at least once and wait for a retry.
    pub failing: i64,
    /// Given up on ("dead"): a permanent refusal or the retry horizon passed.
    pub failed: i64,
    pub unreachable_since: Option<i64>,
}

/// Stores `activity` and queues it for `recipients` inside `tx`, whose commit then wakes the
/// delivery worker.
pub(super) async fn enqueue_in(
    tx: &mut WriteTx,
    activity: &NewActivity<'_>,
    recipients: &Recipients,
) -> Result<(), DbError> {
    tx.queued_deliveries();
    let now = now_millis();
    sqlx::query(
        "INSERT INTO outbox_activities (id, ap_id, local_actor_id, kind, object_ap_id, public, \
         json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(activity.id)
    .bind(activity.ap_id)
    .bind(activity.local_actor_id)
    .bind(activity.kind)
    .bind(activity.object_ap_id)
    .bind(i64::from(activity.public))
    .bind(activity.json)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(DbError::conflict_on("activity"))?;
    tx.changes_documents();
    match recipients {
        Recipients::FollowersOf(local_actor_id) => {
            sqlx::query(
                "INSERT INTO deliveries (activity_id, inbox, host, state, next_attempt_at, \
                 created_at, updated_at) \
                 SELECT DISTINCT $1, COALESCE(r.shared_inbox, r.inbox), r.host, 'pending', $2, $2, $2 \
                 FROM followers f JOIN remote_actors r ON r.id = f.remote_actor_id \
                 WHERE f.local_actor_id = $3 AND f.state = 'accepted'",
            )
            .bind(activity.id)
            .bind(now)
            .bind(local_actor_id)
            .execute(&mut **tx)
            .await?;
        }
        Recipients::Inbox { inbox, host } => {
            sqlx::query(
                "INSERT INTO deliveries (activity_id, inbox, host, state, next_attempt_at, \
                 created_at, updated_at) VALUES ($1, $2, $3, 'pending', $4, $4, $4)",
            )
            .bind(activity.id)
            .bind(inbox)
            .bind(host)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        }
        Recipients::Actors(ids) => {
            for id in ids {
                sqlx::query(
                    "INSERT INTO deliveries (activity_id, inbox, host, state, next_attempt_at, \
                     created_at, updated_at) \
                     SELECT $1, COALESCE(r.shared_inbox, r.inbox), r.host, 'pending', $2, $2, $2 \
                     FROM remote_actors r WHERE r.ap_id = $3 AND r.deleted_at IS NULL \
                     ON CONFLICT (activity_id, inbox) DO NOTHING",
                )
                .bind(activity.id)
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(())
}

/// Adds to `activity_id`, already queued in `tx`, the inboxes of the live remote actors that
/// `selection` picks (an SQL condition on `remote_actors r`, with `$3` standing for `id`), one
/// row per inbox and none twice.
pub(super) async fn also_deliver_in(
    tx: &mut WriteTx,
    activity_id: &str,
    selection: &str,
    id: i64,
) -> Result<(), DbError> {
    tx.queued_deliveries();
    let now = now_millis();
    sqlx::query(&format!(
        "INSERT INTO deliveries (activity_id, inbox, host, state, next_attempt_at, created_at, \
         updated_at) \
         SELECT DISTINCT $1, COALESCE(r.shared_inbox, r.inbox), r.host, 'pending', $2, $2, $2 \
         FROM remote_actors r WHERE r.deleted_at IS NULL AND ({selection}) \
         ON CONFLICT (activity_id, inbox) DO NOTHING"
    ))
    .bind(activity_id)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Stores `activity` and queues its deliveries in one transaction.
    pub async fn enqueue_activity(
        &self,
        activity: &NewActivity<'_>,
        recipients: &Recipients,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        enqueue_in(&mut tx, activity, recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The JSON and signing actor of a stored outgoing activity.
    pub async fn outbox_activity(&self, id: &str) -> Result<(String, i64), DbError> {
        sqlx::query_as("SELECT json, local_actor_id FROM outbox_activities WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(DbError::NotFound)
    }

    /// The JSON of a stored outgoing activity and whether it is public (what its id answers to
    /// anyone who asks; the others only to their addressees).
    pub async fn outbox_activity_json(&self, id: &str) -> Result<(String, bool), DbError> {
        let (json, public): (String, i64) =
            sqlx::query_as("SELECT json, public FROM outbox_activities WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?
                .ok_or(DbError::NotFound)?;
        Ok((json, public != 0))
    }

    /// The JSON, signing actor id and handle of a stored outgoing activity.
    pub async fn outbox_activity_with_author(
        &self,
        id: &str,
    ) -> Result<(String, i64, crate::domain::Handle), DbError> {
        let (json, actor_id, handle): (String, i64, String) = sqlx::query_as(
            "SELECT o.json, o.local_actor_id, a.handle FROM outbox_activities o \
             JOIN local_actors a ON a.id = o.local_actor_id WHERE o.id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)?;
        Ok((json, actor_id, crate::domain::Handle::from_trusted(handle)))
    }

    /// The newest `limit` public Create activities of a local actor, and how many there are.
    pub async fn outbox_page(
        &self,
        local_actor_id: i64,
        limit: i64,
    ) -> Result<(i64, Vec<String>), DbError> {
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox_activities WHERE local_actor_id = $1 AND kind = 'Create' \
             AND public = 1",
        )
        .bind(local_actor_id)
        .fetch_one(self.pool())
        .await?;
        let items = sqlx::query_scalar(
            "SELECT json FROM outbox_activities WHERE local_actor_id = $1 AND kind = 'Create' \
             AND public = 1 ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(local_actor_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok((total, items))
    }

    /// Makes pending deliveries due now (all, or those to `host`); returns how many. For admins
    /// after a network problem was fixed, instead of waiting for the backoff.
    pub async fn retry_deliveries_now(&self, host: Option<&str>) -> Result<u64, DbError> {
        let now = now_millis();
        let result = match host {
            Some(host) => sqlx::query(
                "UPDATE deliveries SET next_attempt_at = $1 WHERE state = 'pending' AND host = $2",
            )
            .bind(now)
            .bind(host)
            .execute(self.pool())
            .await?,
            None => {
                sqlx::query("UPDATE deliveries SET next_attempt_at = $1 WHERE state = 'pending'")
                    .bind(now)
                    .execute(self.pool())
                    .await?
            }
        };
        Ok(result.rows_affected())
    }

    /// Pending and failed deliveries per instance, with unreachable instances, busiest first.
    pub async fn queue_stats(&self) -> Result<Vec<HostQueueStats>, DbError> {
        Ok(sqlx::query_as(
            "SELECT d.host AS host, \
             SUM(CASE WHEN d.state = 'pending' THEN 1 ELSE 0 END) AS pending, \
             SUM(CASE WHEN d.state = 'pending' AND d.attempts > 0 THEN 1 ELSE 0 END) AS failing, \
             SUM(CASE WHEN d.state = 'failed' THEN 1 ELSE 0 END) AS failed, \
             MAX(i.unreachable_since) AS unreachable_since \
             FROM deliveries d LEFT JOIN instances i ON i.host = d.host \
             WHERE d.state IN ('pending', 'failed') GROUP BY d.host ORDER BY pending DESC, d.host",
        )
        .fetch_all(self.pool())
        .await?)
    }
}
