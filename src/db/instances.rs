//! Remote instances and their health: consecutive delivery failures mark one unreachable, and
//! any sign of life (a delivery that succeeds, a signed request from it) revives it at once.

use super::version::FRESH_FOR;
use super::{DbError, InstanceHealth, Store, now_millis};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// Hosts this process recorded alive lately, and when: a flood from one instance then reads its
/// row once a second (`FRESH_FOR`) instead of once per request. A failure recorded here forgets
/// the host at once; one recorded by another process is seen within that second.
#[derive(Clone, Debug, Default)]
pub(super) struct AliveHosts(Arc<Mutex<HashMap<String, Instant>>>);

/// Hosts remembered at most; when full, the memory starts again.
const MAX_ALIVE_HOSTS: usize = 4_096;

impl AliveHosts {
    fn lately(&self, host: &str, now: Instant) -> bool {
        let hosts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        hosts
            .get(host)
            .is_some_and(|at| now.duration_since(*at) < FRESH_FOR)
    }

    fn remember(&self, host: &str, at: Instant) {
        let mut hosts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if hosts.len() >= MAX_ALIVE_HOSTS {
            hosts.clear();
        }
        hosts.insert(host.to_owned(), at);
    }

    /// Deliveries to these hosts failed: the next sign of life is written again.
    pub(super) fn forget<'a>(&self, hosts: impl Iterator<Item = &'a str>) {
        let mut remembered = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        for host in hosts {
            remembered.remove(host);
        }
    }
}

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
        let began = Instant::now();
        if self.alive.lately(host, began) {
            return Ok(());
        }
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
            self.alive.remember(host, began);
            return Ok(());
        }
        let health = InstanceHealth {
            alive: vec![host.to_owned()],
            failing: Vec::new(),
        };
        self.finish_deliveries(&[], &health).await?;
        self.alive.remember(host, began);
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
