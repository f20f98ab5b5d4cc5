//! Recording delivery outcomes in batches: one transaction for every attempt that finished
//! since the last one, with what they say about each instance's health. An instance that keeps
//! answering is written as alive at most once a minute. A crash before the write loses nothing:
//! the rows stay leased, are claimed again when the lease lapses, and receivers deduplicate.

use crate::db::{ClaimedDelivery, DeliveryOutcome, InstanceHealth, Store};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long an instance written as alive is not written as alive again.
const ALIVE_WRITTEN_FOR: Duration = Duration::from_secs(60);
/// Instances remembered as written alive before the old ones are forgotten.
const ALIVE_REMEMBERED: usize = 65_536;

/// What a number of attempts came to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub claimed: usize,
    pub delivered: usize,
    pub retrying: usize,
    pub failed: usize,
}

impl DeliveryReport {
    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &Self) {
        self.claimed += other.claimed;
        self.delivered += other.delivered;
        self.retrying += other.retrying;
        self.failed += other.failed;
    }

    fn count(&mut self, outcome: &DeliveryOutcome) {
        match outcome {
            DeliveryOutcome::Delivered => self.delivered += 1,
            DeliveryOutcome::Retry { .. } => self.retrying += 1,
            DeliveryOutcome::Failed { .. } => self.failed += 1,
        }
    }
}

/// Writes outcomes; shared by a worker's clones.
#[derive(Clone, Debug)]
pub struct Recorder {
    store: Store,
    alive_written: Arc<Mutex<HashMap<String, Instant>>>,
}

impl Recorder {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            alive_written: Arc::default(),
        }
    }

    /// Records `finished` in one transaction; returns what they came to. If the write fails
    /// the rows stay leased and will be tried again (at least once, never lost).
    pub async fn record(&self, finished: &[(ClaimedDelivery, DeliveryOutcome)]) -> DeliveryReport {
        let mut report = DeliveryReport::default();
        if finished.is_empty() {
            return report;
        }
        let health = self.health(finished);
        let outcomes: Vec<(i64, DeliveryOutcome)> = finished
            .iter()
            .map(|(delivery, outcome)| {
                report.count(outcome);
                if let DeliveryOutcome::Failed { error } | DeliveryOutcome::Retry { error, .. } =
                    outcome
                {
                    tracing::info!(inbox = %delivery.inbox, %error, "delivery not accepted");
                }
                (delivery.id, outcome.clone())
            })
            .collect();
        if let Err(error) = self.store.finish_deliveries(&outcomes, &health).await {
            tracing::error!(%error, count = outcomes.len(), "cannot record delivery outcomes");
            // Written again the next time they answer.
            let mut written = self
                .alive_written
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            for host in &health.alive {
                written.remove(host);
            }
        }
        report
    }

    /// The hosts to write as alive (those not written lately) and as failing.
    fn health(&self, finished: &[(ClaimedDelivery, DeliveryOutcome)]) -> InstanceHealth {
        let mut failing: HashMap<&str, i64> = HashMap::new();
        let mut answered: Vec<&str> = Vec::new();
        for (delivery, outcome) in finished {
            match outcome {
                DeliveryOutcome::Delivered => answered.push(&delivery.host),
                // Any attempt that did not deliver counts towards unreachable (rows that were
                // not attempted, for a blocked domain, are not recorded here).
                DeliveryOutcome::Failed { .. } | DeliveryOutcome::Retry { .. } => {
                    *failing.entry(&delivery.host).or_default() += 1;
                }
            }
        }
        let now = Instant::now();
        let mut written = self
            .alive_written
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for host in failing.keys() {
            written.remove(*host);
        }
        if written.len() >= ALIVE_REMEMBERED {
            written.retain(|_, at| now.duration_since(*at) < ALIVE_WRITTEN_FOR);
        }
        let mut alive = Vec::new();
        for host in answered {
            let fresh = written
                .get(host)
                .is_some_and(|at| now.duration_since(*at) < ALIVE_WRITTEN_FOR);
            if !fresh {
                written.insert(host.to_owned(), now);
                alive.push(host.to_owned());
            }
        }
        InstanceHealth {
            alive,
            failing: failing
                .into_iter()
                .map(|(host, n)| (host.to_owned(), n))
                .collect(),
        }
    }
}
