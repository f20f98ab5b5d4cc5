//! Remote instances and their health: consecutive delivery failures mark one unreachable, and
//! any sign of life (a delivery that succeeds, a signed request from it) revives it at once.

use super::{DbError, InstanceHealth, Store, now_millis};

/// Consecutive failed deliveries after which an instance counts as unreachable.
pub const UNREACHABLE_AFTER_FAILURES: i64 = 5;

impl Store {
    /// Notes a failed delivery to `host`; returns true when this made it unreachable. The rule
    /// is [`Store::finish_deliveries`]'s, which records the failures of a worker's batches.
    pub async fn record_instance_failure(&self, host: &str) -> Result<bool, DbError> {
        let before = self.instance_unreachable_since(host).await?;
        let health = InstanceHealth {
            alive: Vec::new(),
            failing: vec![(host.to_owned(), 1)],
        };
        self.finish_deliveries(&[], &health).await?;
        Ok(before.is_none() && self.instance_unreachable_since(host).await?.is_some())
    }

    /// Notes that `host` answered (a delivery succeeded or it sent us a verified request). An
    /// unreachable instance becomes reachable and its postponed deliveries are due again now
    /// (written as [`Store::finish_deliveries`] writes a worker's answered instances). Called on
    /// every inbox POST, so it writes only when something changes or a minute passed.
    pub async fn record_instance_alive(&self, host: &str) -> Result<(), DbError> {
        let now = now_millis();
        let current: Option<(Option<i64>, i64, Option<i64>)> = sqlx::query_as(
            "SELECT unreachable_since, consecutive_failures, last_success_at FROM instances \
             WHERE host = $1",
        )
        .bind(host)
        .fetch_optional(self.pool())
        .await?;
        if let Some((None, 0, Some(last))) = current
            && last > now - 60_000
        {
            return Ok(());
        }
        let health = InstanceHealth {
            alive: vec![host.to_owned()],
            failing: Vec::new(),
        };
        self.finish_deliveries(&[], &health).await
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
