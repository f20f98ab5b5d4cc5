//! The delivery worker: claim due rows under a lease, POST each signed activity on its own task
//! (so signing spreads over all cores), record the outcome. Rows for a blocked domain fail
//! without a connection. A crash leaves claimed rows leased;
//! they are claimed again when the lease lapses, and receivers deduplicate by activity id.

use super::backoff::next_attempt;
use crate::db::{BLOCKED_DELIVERY_ERROR, ClaimedDelivery, DeliveryOutcome, Store, now_millis};
use crate::federation::context::{Federation, FederationError};
use crate::federation::egress::EgressPolicy;
use crate::federation::signatures::sign_request_cavage;
use crate::state::AppState;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue, USER_AGENT};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use url::Url;

/// How long a claimed row stays ours before another worker may take it (a crash's cost).
const LEASE_MS: i64 = 60_000;
/// Rows claimed per round.
const BATCH: i64 = 256;
/// A dead instance is probed at most this often.
const PROBE_INTERVAL_MS: i64 = 3_600_000;
/// How long the worker idles when nothing is due and nobody wakes it.
const IDLE_POLL: Duration = Duration::from_secs(2);

/// What one round of deliveries came to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub claimed: usize,
    pub delivered: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// Drains the delivery queue of one instance.
#[derive(Clone)]
pub struct DeliveryWorker {
    store: Store,
    federation: Federation,
    client: reqwest::Client,
    policy: Arc<EgressPolicy>,
    concurrency: Arc<Semaphore>,
}

impl DeliveryWorker {
    /// A worker for `state`, sending at most `concurrency` requests at once.
    pub fn new(state: &AppState, concurrency: usize) -> Self {
        Self {
            store: state.store.clone(),
            federation: state.federation.clone(),
            client: state.federation.client().clone(),
            policy: Arc::new(EgressPolicy::from(&state.config.federation)),
            concurrency: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    /// Runs rounds until `shutdown` turns true; the round in flight finishes, and rows not yet
    /// claimed stay pending in the database for the next start.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        while !*shutdown.borrow() {
            match self.run_once().await {
                Ok(report) if report.claimed > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "delivery round failed"),
            }
            tokio::select! {
                () = self.store.deliveries_queued() => {}
                () = tokio::time::sleep(IDLE_POLL) => {}
                _ = shutdown.changed() => {}
            }
        }
    }

    /// One round: everything due now.
    pub async fn run_once(&self) -> Result<DeliveryReport, FederationError> {
        self.run_once_at(now_millis()).await
    }

    /// One round as if the time were `now` (ms), so tests can let hours pass without sleeping.
    pub async fn run_once_at(&self, now: i64) -> Result<DeliveryReport, FederationError> {
        let claimed = self
            .store
            .claim_deliveries(now, now + LEASE_MS, BATCH, PROBE_INTERVAL_MS)
            .await?;
        let mut report = DeliveryReport {
            claimed: claimed.len(),
            ..DeliveryReport::default()
        };
        let mut activities: HashMap<String, Arc<PreparedBody>> = HashMap::new();
        let mut blocked_hosts: HashMap<String, bool> = HashMap::new();
        let mut tasks = JoinSet::new();
        for delivery in claimed {
            if self.is_blocked(&mut blocked_hosts, &delivery.host).await? {
                // Never a connection to a blocked domain; its health is not ours to judge.
                let outcome = DeliveryOutcome::Failed {
                    error: BLOCKED_DELIVERY_ERROR.to_owned(),
                };
                self.store.finish_delivery(delivery.id, &outcome).await?;
                report.failed += 1;
                continue;
            }
            let body = match activities.get(&delivery.activity_id) {
                Some(body) => body.clone(),
                None => {
                    let body = Arc::new(self.prepare(&delivery.activity_id).await?);
                    activities.insert(delivery.activity_id.clone(), body.clone());
                    body
                }
            };
            let worker = self.clone();
            let permit = self.concurrency.clone().acquire_owned().await;
            tasks.spawn(async move {
                let _permit = permit;
                let outcome = worker.attempt(&delivery, &body, now).await;
                worker.record(&delivery, &outcome).await;
                outcome
            });
        }
        while let Some(result) = tasks.join_next().await {
            match result {
                Ok(DeliveryOutcome::Delivered) => report.delivered += 1,
                Ok(DeliveryOutcome::Retry { .. }) => report.retrying += 1,
                Ok(DeliveryOutcome::Failed { .. }) => report.failed += 1,
                Err(error) => {
                    tracing::error!(%error, "a delivery task panicked; its lease will lapse")
                }
            }
        }
        Ok(report)
    }

    /// Runs rounds until nothing is due (tests use this instead of sleeping).
    pub async fn drain(&self) -> Result<DeliveryReport, FederationError> {
        let mut total = DeliveryReport::default();
        loop {
            let report = self.run_once().await?;
            if report.claimed == 0 {
                return Ok(total);
            }
            total.claimed += report.claimed;
            total.delivered += report.delivered;
            total.retrying += report.retrying;
            total.failed += report.failed;
        }
    }

    /// Whether `host` is blocked, asked of the store once per host and round.
    async fn is_blocked(
        &self,
        known: &mut HashMap<String, bool>,
        host: &str,
    ) -> Result<bool, FederationError> {
        if let Some(blocked) = known.get(host) {
            return Ok(*blocked);
        }
        let blocked = self.store.is_blocked(host).await?;
        known.insert(host.to_owned(), blocked);
        Ok(blocked)
    }

    async fn prepare(&self, activity_id: &str) -> Result<PreparedBody, FederationError> {
        let (json, actor_id, handle) = self.store.outbox_activity_with_author(activity_id).await?;
        let key = self.federation.local_key(&self.store, actor_id).await?;
        Ok(PreparedBody {
            json: json.into_bytes(),
            key,
            key_id: self.federation.urls().key_id(&handle),
        })
    }

    async fn attempt(
        &self,
        delivery: &ClaimedDelivery,
        body: &PreparedBody,
        now: i64,
    ) -> DeliveryOutcome {
        let failed_attempts = delivery.attempts + 1;
        let retry = |error: String| match next_attempt(failed_attempts, delivery.created_at, now) {
            Some(next_attempt_at) => DeliveryOutcome::Retry {
                next_attempt_at,
                error,
            },
            None => DeliveryOutcome::Failed {
                error: format!("gave up after {failed_attempts} attempts: {error}"),
            },
        };
        let inbox = match Url::parse(&delivery.inbox) {
            Ok(url) => url,
            Err(e) => {
                return DeliveryOutcome::Failed {
                    error: format!("bad inbox URL: {e}"),
                };
            }
        };
        if let Err(e) = self.policy.check_url(&inbox) {
            return DeliveryOutcome::Failed {
                error: format!("refused by the egress policy: {e}"),
            };
        }
        let mut request = reqwest::Request::new(reqwest::Method::POST, inbox.clone());
        let headers = request.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/activity+json"),
        );
        headers.insert(
            ACCEPT,
            HeaderValue::from_static("application/activity+json"),
        );
        headers.insert(
            USER_AGENT,
            HeaderValue::from_static(concat!("Solidarity/", env!("CARGO_PKG_VERSION"))),
        );
        if let Err(e) = sign_request_cavage(
            &http::Method::POST,
            &inbox,
            request.headers_mut(),
            Some(&body.json),
            &body.key_id,
            &body.key,
            SystemTime::now(),
        ) {
            return retry(format!("signing failed: {e}"));
        }
        *request.body_mut() = Some(body.json.clone().into());
        match self.client.execute(request).await {
            Ok(response) if response.status().is_success() => DeliveryOutcome::Delivered,
            Ok(response) => {
                let status = response.status();
                let error = format!("{} answered {status}", delivery.host);
                // 401 is retried too: the receiver may hold a stale copy of our key, or a clock
                // that is off, and both heal.
                if status.is_server_error() || matches!(status.as_u16(), 401 | 408 | 429) {
                    retry(error)
                } else {
                    DeliveryOutcome::Failed { error }
                }
            }
            Err(e) => retry(format!("cannot reach {}: {e}", delivery.host)),
        }
    }

    async fn record(&self, delivery: &ClaimedDelivery, outcome: &DeliveryOutcome) {
        let health = match outcome {
            DeliveryOutcome::Delivered => self.store.record_instance_alive(&delivery.host).await,
            DeliveryOutcome::Retry { .. } | DeliveryOutcome::Failed { .. } => self
                .store
                .record_instance_failure(&delivery.host)
                .await
                .map(|_| ()),
        };
        if let Err(error) = health {
            tracing::warn!(%error, host = %delivery.host, "cannot record instance health");
        }
        if let Err(error) = self.store.finish_delivery(delivery.id, outcome).await {
            // The lease will lapse and the row be tried again: at-least-once, never lost.
            tracing::error!(%error, delivery = delivery.id, "cannot record a delivery outcome");
        }
        if let DeliveryOutcome::Failed { error } | DeliveryOutcome::Retry { error, .. } = outcome {
            tracing::info!(inbox = %delivery.inbox, %error, "delivery not accepted");
        }
    }
}

/// An activity's body and the key that signs it, shared by all its deliveries in a round.
struct PreparedBody {
    json: Vec<u8>,
    key: crate::federation::keys::ActorKeyPair,
    key_id: Url,
}
