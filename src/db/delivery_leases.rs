//! Working the delivery queue: claiming due rows under a lease (skipping instances that are
//! unreachable or already busy), postponing rows a worker cannot take yet, and recording the
//! outcomes of many attempts, with what they say about each instance's health, in one
//! transaction.

use super::dialect::{MAX_IN_LIST, placeholders, skip_locked};
use super::instances::UNREACHABLE_AFTER_FAILURES;
use super::{ClaimedDelivery, DbError, DeliveryOutcome, Store, now_millis};

/// Instances written by one statement at most (two parameters each, well under SQLite's and
/// PostgreSQL's limits).
const HOSTS_PER_STATEMENT: usize = 256;

/// Hosts named in one claim's exclusion list at most (more busy hosts than this are left to
/// [`Store::release_deliveries`]).
pub const MAX_AVOIDED_HOSTS: usize = 1024;

/// What a batch of attempts says about the instances they reached.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstanceHealth {
    /// Hosts that accepted a delivery.
    pub alive: Vec<String>,
    /// Hosts that failed, with how many failures each.
    pub failing: Vec<(String, i64)>,
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    activity_id: String,
    inbox: String,
    host: String,
    attempts: i64,
    created_at: i64,
}

impl Store {
    /// Claims up to `limit` deliveries due at `now`, leasing them until `lease_until`. Rows of
    /// an unreachable instance are claimed only once its last failure is older than
    /// `probe_after` ms, so a dead server gets one probe per interval, not one per activity.
    pub async fn claim_deliveries(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
        probe_after: i64,
    ) -> Result<Vec<ClaimedDelivery>, DbError> {
        self.claim_deliveries_avoiding(now, lease_until, limit, probe_after, &[])
            .await
    }

    /// [`Store::claim_deliveries`], leaving alone the rows of the hosts in `busy` (at most
    /// [`MAX_AVOIDED_HOSTS`] of them are used), so that one busy instance's backlog does not
    /// fill every claim.
    pub async fn claim_deliveries_avoiding(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
        probe_after: i64,
        busy: &[String],
    ) -> Result<Vec<ClaimedDelivery>, DbError> {
        let busy = &busy[..busy.len().min(MAX_AVOIDED_HOSTS)];
        let avoid = if busy.is_empty() {
            String::new()
        } else {
            format!(" AND d.host NOT IN ({})", placeholders(5, busy.len()))
        };
        let sql = format!(
            "UPDATE deliveries SET lease_until = $1, updated_at = $2 WHERE id IN (\
             SELECT d.id FROM deliveries d LEFT JOIN instances i ON i.host = d.host \
             WHERE d.state = 'pending' AND d.next_attempt_at <= $2 \
             AND (d.lease_until IS NULL OR d.lease_until < $2) \
             AND (i.unreachable_since IS NULL OR i.last_failure_at IS NULL \
                  OR i.last_failure_at < $3){avoid} \
             ORDER BY d.next_attempt_at, d.id LIMIT $4{}) \
             RETURNING id, activity_id, inbox, host, attempts, created_at",
            skip_locked(self.backend(), "d")
        );
        let mut query = sqlx::query_as::<_, ClaimedRow>(&sql)
            .bind(lease_until)
            .bind(now)
            .bind(now - probe_after)
            .bind(limit);
        for host in busy {
            query = query.bind(host);
        }
        let _turn = self.turns.take().await?;
        let rows = query.fetch_all(self.pool()).await?;
        Ok(rows
            .into_iter()
            .map(|row| ClaimedDelivery {
                id: row.id,
                activity_id: row.activity_id,
                inbox: row.inbox,
                host: row.host,
                attempts: row.attempts,
                created_at: row.created_at,
            })
            .collect())
    }

    /// Gives claimed rows back unattempted (their host had no free slot).
    pub async fn release_deliveries(&self, ids: &[i64]) -> Result<(), DbError> {
        let _turn = self.turns.take().await?;
        for chunk in ids.chunks(MAX_IN_LIST) {
            let sql = format!(
                "UPDATE deliveries SET lease_until = NULL WHERE id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(id);
            }
            query.execute(self.pool()).await?;
        }
        Ok(())
    }

    /// Records the outcome of an attempt and releases the lease.
    pub async fn finish_delivery(&self, id: i64, outcome: &DeliveryOutcome) -> Result<(), DbError> {
        self.finish_deliveries(&[(id, outcome.clone())], &InstanceHealth::default())
            .await
    }

    /// Records the outcomes of many attempts and what they showed of the instances' health, in
    /// one transaction. A failure counts towards making an instance unreachable (after
    /// [`UNREACHABLE_AFTER_FAILURES`] in a row); an instance that answered is reachable again,
    /// and its postponed deliveries are due at once. Failures are applied before successes.
    pub async fn finish_deliveries(
        &self,
        outcomes: &[(i64, DeliveryOutcome)],
        health: &InstanceHealth,
    ) -> Result<(), DbError> {
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        let delivered: Vec<i64> = outcomes
            .iter()
            .filter(|(_, outcome)| *outcome == DeliveryOutcome::Delivered)
            .map(|(id, _)| *id)
            .collect();
        for chunk in delivered.chunks(MAX_IN_LIST) {
            let list = placeholders(2, chunk.len());
            let sql = format!(
                "UPDATE deliveries SET state = 'done', next_attempt_at = $1, last_error = NULL, \
                 attempts = attempts + 1, lease_until = NULL, updated_at = $1 WHERE id IN ({list})"
            );
            let mut query = sqlx::query(&sql).bind(now);
            for id in chunk {
                query = query.bind(id);
            }
            query.execute(&mut *tx).await?;
        }
        for (id, outcome) in outcomes {
            let (state, next, error) = match outcome {
                DeliveryOutcome::Delivered => continue,
                DeliveryOutcome::Retry {
                    next_attempt_at,
                    error,
                } => ("pending", *next_attempt_at, error.as_str()),
                DeliveryOutcome::Failed { error } => ("failed", now, error.as_str()),
            };
            sqlx::query(
                "UPDATE deliveries SET state = $1, next_attempt_at = $2, last_error = $3, \
                 attempts = attempts + 1, lease_until = NULL, updated_at = $4 WHERE id = $5",
            )
            .bind(state)
            .bind(next)
            .bind(error)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        let mut failing = health.failing.clone();
        failing.sort();
        failing.dedup_by(|a, b| a.0 == b.0);
        for chunk in failing.chunks(HOSTS_PER_STATEMENT) {
            // $1 now, $2 the threshold, then (host, failures) per row.
            let rows = (0..chunk.len())
                .map(|n| {
                    let (host, count) = (2 * n + 3, 2 * n + 4);
                    format!("(${host}, $1, $1, ${count}, CASE WHEN ${count} >= $2 THEN $1 ELSE NULL END)")
                })
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO instances (host, first_seen_at, last_failure_at, \
                 consecutive_failures, unreachable_since) VALUES {rows} \
                 ON CONFLICT (host) DO UPDATE SET last_failure_at = excluded.last_failure_at, \
                 consecutive_failures = instances.consecutive_failures \
                 + excluded.consecutive_failures, \
                 unreachable_since = CASE WHEN instances.unreachable_since IS NULL \
                 AND instances.consecutive_failures + excluded.consecutive_failures >= $2 \
                 THEN excluded.last_failure_at ELSE instances.unreachable_since END"
            );
            let mut query = sqlx::query(&sql).bind(now).bind(UNREACHABLE_AFTER_FAILURES);
            for (host, failures) in chunk {
                query = query.bind(host).bind(failures);
            }
            query.execute(&mut *tx).await?;
        }
        let mut alive = health.alive.clone();
        alive.sort();
        alive.dedup();
        for chunk in alive.chunks(HOSTS_PER_STATEMENT) {
            let hosts = placeholders(2, chunk.len());
            // The postponed deliveries of those that were unreachable are due now.
            let revive = format!(
                "UPDATE deliveries SET next_attempt_at = $1 \
                 WHERE state = 'pending' AND next_attempt_at > $1 AND host IN (\
                 SELECT host FROM instances WHERE unreachable_since IS NOT NULL \
                 AND host IN ({hosts}))"
            );
            let rows = (0..chunk.len())
                .map(|n| format!("(${}, $1, $1)", n + 2))
                .collect::<Vec<_>>()
                .join(", ");
            let upsert = format!(
                "INSERT INTO instances (host, first_seen_at, last_success_at) VALUES {rows} \
                 ON CONFLICT (host) DO UPDATE SET last_success_at = excluded.last_success_at, \
                 consecutive_failures = 0, unreachable_since = NULL"
            );
            for sql in [revive, upsert] {
                let mut query = sqlx::query(&sql).bind(now);
                for host in chunk {
                    query = query.bind(host);
                }
                query.execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        self.alive
            .forget(failing.iter().map(|(host, _)| host.as_str()));
        Ok(())
    }
}
