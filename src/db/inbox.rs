//! Received activities: stored once per id before the sender gets its 2xx, then processed by
//! a worker; the "done" mark is written after the effects, so a crash mid-processing means the
//! activity is processed again, never lost.

use super::dialect::{MAX_IN_LIST, placeholders, power_of_two_runs, skip_locked, value_rows};
use super::{DbError, Store, now_millis};
use crate::config::Backend;
use sqlx::any::{Any, AnyArguments};
use sqlx::pool::PoolConnection;
use sqlx::query::Query;

/// A verified activity to store.
#[derive(Debug)]
pub struct NewInboxActivity<'a> {
    pub ap_id: &'a str,
    pub actor_ap_id: &'a str,
    pub kind: &'a str,
    pub json: &'a str,
}

/// A stored activity claimed for processing.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimedInboxActivity {
    pub id: i64,
    pub ap_id: String,
    pub actor_ap_id: String,
    pub kind: String,
    pub json: String,
    pub attempts: i64,
    /// When our inbox took it (ms), whenever it is processed.
    pub received_at: i64,
}

/// Rows in one `INSERT` of received activities at most (a power of two).
const INSERT_CHUNK: usize = 64;

/// Stores `rows` received activities, each unless its id is stored already.
fn insert_activities(backend: Backend, rows: usize) -> String {
    format!(
        "INSERT INTO inbox_activities (ap_id, actor_ap_id, kind, json, state, next_attempt_at, \
         received_at) VALUES {} ON CONFLICT (ap_id) DO NOTHING",
        value_rows(backend, rows, 7)
    )
}

/// Binds `activities`, received at `now`, as the rows of an `insert_activities` statement.
fn bind_activities<'q>(
    mut query: Query<'q, Any, AnyArguments<'q>>,
    activities: &[NewInboxActivity<'q>],
    now: i64,
) -> Query<'q, Any, AnyArguments<'q>> {
    for activity in activities {
        query = query
            .bind(activity.ap_id)
            .bind(activity.actor_ap_id)
            .bind(activity.kind)
            .bind(activity.json)
            .bind("pending")
            .bind(now)
            .bind(now);
    }
    query
}

/// A pooled connection kept by one task between its statements: sqlx pings a connection each
/// time it goes back to the pool, a round trip to SQLite's thread or to PostgreSQL, and taking
/// one is another; the inbox writer, which commits hundreds of times a second in a flood, keeps
/// one while requests keep coming and lets it go when none waits (so that closing the pool,
/// which waits for every connection to come back, is not held up).
#[derive(Debug, Default)]
pub struct HeldConnection(Option<PoolConnection<Any>>);

impl HeldConnection {
    /// Gives the connection back to the pool, if one is kept.
    pub fn release(&mut self) {
        self.0 = None;
    }
}

/// Processing attempts after which an activity is set aside as dead (poison).
pub const MAX_INBOX_ATTEMPTS: i64 = 5;

impl Store {
    /// Stores each activity unless its id was seen before; returns how many were new. All rows
    /// go in one transaction, so the inbox can commit many requests at once, in multi-row
    /// statements: up to `INSERT_CHUNK` rows are one statement, which is its own transaction
    /// (no `BEGIN` and `COMMIT` round trips), on the connection `held` keeps (taken from the pool
    /// when it has none, and let go when the statement fails); more are several in one
    /// transaction.
    pub async fn insert_inbox_activities(
        &self,
        held: &mut HeldConnection,
        activities: &[NewInboxActivity<'_>],
    ) -> Result<u64, DbError> {
        let now = now_millis();
        if activities.len() <= INSERT_CHUNK {
            let sql = insert_activities(self.backend(), activities.len());
            let connection = match &mut held.0 {
                Some(connection) => connection,
                empty => empty.insert(self.pool().acquire().await?),
            };
            let turn = self.turns.take().await?;
            let done = bind_activities(sqlx::query(&sql), activities, now)
                .execute(&mut **connection)
                .await;
            drop(turn);
            if done.is_err() {
                held.release();
            }
            return Ok(done?.rows_affected());
        }
        let mut tx = self.begin_write().await?;
        let mut inserted = 0;
        for run in power_of_two_runs(activities, INSERT_CHUNK) {
            let sql = insert_activities(self.backend(), run.len());
            let done = bind_activities(sqlx::query(&sql), run, now)
                .execute(&mut *tx)
                .await?;
            inserted += done.rows_affected();
        }
        tx.commit().await?;
        Ok(inserted)
    }

    /// Claims up to `limit` stored activities due for processing, oldest first. The lease is
    /// written with only the ids returned; the activities are read after it, without holding
    /// SQLite's write lock for their JSON.
    pub async fn claim_inbox_activities(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> Result<Vec<ClaimedInboxActivity>, DbError> {
        let sql = format!(
            "UPDATE inbox_activities SET lease_until = $1 WHERE id IN (\
             SELECT i.id FROM inbox_activities i WHERE i.state = 'pending' \
             AND i.next_attempt_at <= $2 AND (i.lease_until IS NULL OR i.lease_until < $2) \
             ORDER BY i.id LIMIT $3{}) RETURNING id",
            skip_locked(self.backend(), "i")
        );
        let turn = self.turns.take().await?;
        let ids: Vec<i64> = sqlx::query_scalar(&sql)
            .bind(lease_until)
            .bind(now)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        drop(turn);
        let mut claimed = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(MAX_IN_LIST) {
            let sql = format!(
                "SELECT id, ap_id, actor_ap_id, kind, json, attempts, received_at \
                 FROM inbox_activities WHERE id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut query = sqlx::query_as::<_, ClaimedInboxActivity>(&sql);
            for id in chunk {
                query = query.bind(id);
            }
            claimed.extend(query.fetch_all(self.pool()).await?);
        }
        // Processed in arrival order.
        claimed.sort_by_key(|activity| activity.id);
        Ok(claimed)
    }

    /// Marks a stored activity processed.
    pub async fn finish_inbox_activity(&self, id: i64) -> Result<(), DbError> {
        self.finish_inbox_activities(&[id]).await
    }

    /// Marks stored activities processed, in one statement.
    pub async fn finish_inbox_activities(&self, ids: &[i64]) -> Result<(), DbError> {
        if ids.is_empty() {
            return Ok(());
        }
        let now = now_millis();
        let _turn = self.turns.take().await?;
        for chunk in ids.chunks(MAX_IN_LIST) {
            let sql = format!(
                "UPDATE inbox_activities SET state = 'done', processed_at = $1, lease_until = NULL \
                 WHERE id IN ({})",
                placeholders(2, chunk.len())
            );
            let mut query = sqlx::query(&sql).bind(now);
            for id in chunk {
                query = query.bind(id);
            }
            query.execute(self.pool()).await?;
        }
        Ok(())
    }

    /// Records a failed processing attempt: retried at `retry_at`, or set aside as dead once
    /// `MAX_INBOX_ATTEMPTS` is reached, so one poison activity cannot block the rest.
    pub async fn fail_inbox_activity(
        &self,
        id: i64,
        error: &str,
        retry_at: i64,
    ) -> Result<(), DbError> {
        sqlx::query(
            "UPDATE inbox_activities SET attempts = attempts + 1, last_error = $1, \
             next_attempt_at = $2, lease_until = NULL, \
             state = CASE WHEN attempts + 1 >= $3 THEN 'dead' ELSE 'pending' END WHERE id = $4",
        )
        .bind(error)
        .bind(retry_at)
        .bind(MAX_INBOX_ATTEMPTS)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Sets an activity aside as dead at once, with why: what the sender sent can never be
    /// applied, so trying again would only repeat the failure.
    pub async fn set_aside_inbox_activity(&self, id: i64, reason: &str) -> Result<(), DbError> {
        sqlx::query(
            "UPDATE inbox_activities SET state = 'dead', last_error = $1, processed_at = $2, \
             lease_until = NULL WHERE id = $3",
        )
        .bind(reason)
        .bind(now_millis())
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The state (`pending`, `done` or `dead`), attempts and last error of the received
    /// activity `ap_id`, if it is stored.
    pub async fn inbox_activity_state(
        &self,
        ap_id: &str,
    ) -> Result<Option<(String, i64, Option<String>)>, DbError> {
        Ok(sqlx::query_as(
            "SELECT state, CAST(attempts AS BIGINT), last_error FROM inbox_activities \
             WHERE ap_id = $1",
        )
        .bind(ap_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Whether any received activity waits to be applied (one index seek, cheap to ask often).
    pub async fn inbox_has_pending(&self) -> Result<bool, DbError> {
        let any: Option<i64> =
            sqlx::query_scalar("SELECT id FROM inbox_activities WHERE state = 'pending' LIMIT 1")
                .fetch_optional(self.pool())
                .await?;
        Ok(any.is_some())
    }

    /// How many received activities are stored in each state: (pending, done, dead).
    pub async fn inbox_backlog(&self) -> Result<(i64, i64, i64), DbError> {
        Ok(sqlx::query_as(
            "SELECT COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0), \
             COALESCE(SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END), 0), \
             COALESCE(SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), 0) FROM inbox_activities",
        )
        .fetch_one(self.pool())
        .await?)
    }

    /// How many received activities with this id are stored (0 or 1).
    pub async fn inbox_activity_count(&self, ap_id: &str) -> Result<i64, DbError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM inbox_activities WHERE ap_id = $1")
                .bind(ap_id)
                .fetch_one(self.pool())
                .await?,
        )
    }
}
