//! Remote instances and their health: consecutive delivery failures mark one unreachable, and
//! any sign of life (a delivery that succeeds, a signed request from it) revives it at once.

use super::{DbError, Store, now_millis};

/// Consecutive failed deliveries after which an instance counts as unreachable.
pub const UNREACHABLE_AFTER_FAILURES: i64 = 5;

impl Store {
    /// Notes a failed delivery to `host`; returns true when this made it unreachable.
    pub async fn record_instance_failure(&self, host: &str) -> Result<bool, DbError> {
        let now = now_millis();
        sqlx::query(
            "INSERT INTO instances (host, first_seen_at, last_failure_at, consecutive_failures) \
             VALUES ($1, $2, $2, 1) ON CONFLICT (host) DO UPDATE SET \
             last_failure_at = $2, consecutive_failures = instances.consecutive_failures + 1",
        )
        .bind(host)
        .bind(now)
        .execute(self.pool())
        .await?;
        let marked = sqlx::query(
            "UPDATE instances SET unreachable_since = $1 WHERE host = $2 \
             AND unreachable_since IS NULL AND consecutive_failures >= $3",
        )
        .bind(now)
        .bind(host)
        .bind(UNREACHABLE_AFTER_FAILURES)
        .execute(self.pool())
        .await?;
        Ok(marked.rows_affected() > 0)
    }

    /// Notes that `host` answered (a delivery succeeded or it sent us a verified request). An
    /// unreachable instance becomes reachable and its postponed deliveries are due again now.
    /// Called on every inbox POST, so it writes only when something changes or a minute passed.
    pub async fn record_instance_alive(&self, host: &str) -> Result<(), DbError> {
        let now = now_millis();
        let current: Option<(Option<i64>, i64, Option<i64>)> = sqlx::query_as(
            "SELECT unreachable_since, consecutive_failures, last_success_at FROM instances \
             WHERE host = $1",
        )
        .bind(host)
        .fetch_optional(self.pool())
        .await?;
        let was_unreachable = match current {
            Some((None, 0, Some(last))) if last > now - 60_000 => return Ok(()),
            Some((since, _, _)) => since.is_some(),
            None => false,
        };
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO instances (host, first_seen_at, last_success_at) VALUES ($1, $2, $2) \
             ON CONFLICT (host) DO UPDATE SET last_success_at = $2, consecutive_failures = 0, \
             unreachable_since = NULL",
        )
        .bind(host)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if was_unreachable {
            sqlx::query(
                "UPDATE deliveries SET next_attempt_at = $1 \
                 WHERE host = $2 AND state = 'pending' AND next_attempt_at > $1",
            )
            .bind(now)
            .bind(host)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// When `host` was marked unreachable, if it is.
    pub async fn instance_unreachable_since(&self, host: &str) -> Result<Option<i64>, DbError> {
        let since: Option<Option<i64>> =
            sqlx::query_scalar("SELECT unreachable_since FROM instances WHERE host = $1")
                .bind(host)
                .fetch_optional(self.pool())
                .await?;
        Ok(since.flatten())
    }
}
