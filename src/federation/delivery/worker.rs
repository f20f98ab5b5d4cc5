//! The delivery worker: claims due rows under a lease as soon as there is room for them (it
//! never waits for a whole batch to finish), POSTs each signed activity on its own task within a
//! global and a per-instance limit, and records outcomes in batches. Rows for a blocked domain
//! fail without a connection. A crash leaves claimed rows leased; they are claimed again when
//! the lease lapses, and receivers deduplicate by activity id.

use super::attempt::{PreparedBodies, attempt};
use super::limits::{DeliveryLimits, HostSlots};
use super::recorder::{DeliveryReport, Recorder};
use crate::db::{
    BLOCKED_DELIVERY_ERROR, ClaimedDelivery, DeliveryOutcome, InstanceHealth, Store, now_millis,
};
use crate::federation::context::{Federation, FederationError};
use crate::federation::egress::EgressPolicy;
use crate::state::AppState;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Semaphore, mpsc, watch};
use tokio::task::JoinSet;

/// Rows claimed at most at once.
const MAX_CLAIM: usize = 512;
/// A dead instance is probed at most this often.
const PROBE_INTERVAL_MS: i64 = 3_600_000;
/// How long the worker idles when nothing is due and nobody wakes it.
const IDLE_POLL: Duration = Duration::from_secs(2);
/// Outcomes recorded in one transaction at most.
const RECORD_BATCH: usize = 512;

type Finished = (ClaimedDelivery, DeliveryOutcome);

/// Drains the delivery queue of one instance.
#[derive(Clone)]
pub struct DeliveryWorker {
    store: Store,
    federation: Federation,
    client: reqwest::Client,
    policy: Arc<EgressPolicy>,
    limits: DeliveryLimits,
    in_flight: Arc<Semaphore>,
    hosts: Arc<HostSlots>,
    bodies: Arc<PreparedBodies>,
    recorder: Recorder,
}

impl DeliveryWorker {
    /// A worker for `state` within `limits`.
    pub fn new(state: &AppState, limits: DeliveryLimits) -> Self {
        Self {
            store: state.store.clone(),
            federation: state.federation.clone(),
            client: state.federation.client().clone(),
            policy: Arc::new(EgressPolicy::from(&state.config.federation)),
            limits,
            in_flight: Arc::new(Semaphore::new(limits.in_flight.max(1))),
            hosts: HostSlots::new(limits.per_host),
            bodies: Arc::default(),
            recorder: Recorder::new(state.store.clone()),
        }
    }

    /// Sends until `shutdown` turns true: claims whenever there is room, records outcomes as
    /// they come. On shutdown the requests in flight finish and are recorded; rows not yet
    /// claimed stay pending in the database for the next start.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let (finished, outcomes) = mpsc::unbounded_channel();
        let recorder = tokio::spawn(record_as_they_come(self.recorder.clone(), outcomes));
        let mut tasks = JoinSet::new();
        // Claim again only once this many slots are free, not for every finished request.
        let room_worth_a_claim = (self.limits.in_flight / 16).clamp(1, 64);
        while !*shutdown.borrow() {
            let room = self.in_flight.available_permits().min(MAX_CLAIM);
            let mut started = 0;
            if room >= room_worth_a_claim || tasks.is_empty() {
                match self.claim_and_start(now_millis(), room, &mut tasks).await {
                    Ok(claimed) => started = claimed.started + claimed.blocked,
                    Err(error) => tracing::error!(%error, "claiming deliveries failed"),
                }
            }
            while let Some(done) = tasks.try_join_next() {
                forward(done, &finished);
            }
            if started > 0 {
                continue;
            }
            tokio::select! {
                Some(done) = tasks.join_next(), if !tasks.is_empty() => forward(done, &finished),
                () = self.store.deliveries_queued() => {}
                () = tokio::time::sleep(IDLE_POLL) => {}
                _ = shutdown.changed() => {}
            }
        }
        while let Some(done) = tasks.join_next().await {
            forward(done, &finished);
        }
        drop(finished);
        let _ = recorder.await;
    }

    /// One round: up to a claim's worth of what is due now, waited for and recorded.
    pub async fn run_once(&self) -> Result<DeliveryReport, FederationError> {
        self.run_once_at(now_millis()).await
    }

    /// One round as if the time were `now` (ms), so tests can let hours pass without sleeping.
    pub async fn run_once_at(&self, now: i64) -> Result<DeliveryReport, FederationError> {
        let mut tasks = JoinSet::new();
        let room = self.in_flight.available_permits().min(MAX_CLAIM);
        let claimed = self.claim_and_start(now, room, &mut tasks).await?;
        let mut finished = Vec::new();
        while let Some(done) = tasks.join_next().await {
            finished.extend(outcome_of(done));
        }
        let mut report = self.recorder.record(&finished).await;
        report.claimed = claimed.claimed;
        report.failed += claimed.blocked;
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
            total.add(&report);
        }
    }

    /// Claims up to `room` due rows, leaving alone the hosts with no slot left, and starts a
    /// task for each; rows of a blocked domain fail at once, rows beyond their host's slots are
    /// released unattempted.
    async fn claim_and_start(
        &self,
        now: i64,
        room: usize,
        tasks: &mut JoinSet<Finished>,
    ) -> Result<Claimed, FederationError> {
        if room == 0 {
            return Ok(Claimed::default());
        }
        let lease_ms = i64::try_from(self.limits.lease.as_millis()).unwrap_or(i64::MAX);
        let busy = self.hosts.busy();
        let rows = self
            .store
            .claim_deliveries_avoiding(
                now,
                now.saturating_add(lease_ms),
                i64::try_from(room).unwrap_or(i64::MAX),
                PROBE_INTERVAL_MS,
                &busy,
            )
            .await?;
        let mut claimed = Claimed {
            claimed: rows.len(),
            ..Claimed::default()
        };
        let (mut blocked, mut released) = (Vec::new(), Vec::new());
        for delivery in rows {
            if self.store.is_blocked(&delivery.host).await? {
                // Never a connection to a blocked domain; its health is not ours to judge.
                let error = BLOCKED_DELIVERY_ERROR.to_owned();
                blocked.push((delivery.id, DeliveryOutcome::Failed { error }));
                continue;
            }
            let Some(slot) = self.hosts.take(&delivery.host) else {
                released.push(delivery.id);
                continue;
            };
            let Ok(permit) = self.in_flight.clone().try_acquire_owned() else {
                released.push(delivery.id);
                continue;
            };
            let body = match self
                .bodies
                .get(&self.store, &self.federation, &delivery.activity_id)
                .await
            {
                Ok(body) => body,
                Err(error) => {
                    // Left leased: tried again when the lease lapses.
                    tracing::error!(%error, activity = %delivery.activity_id, "cannot prepare an activity for delivery");
                    continue;
                }
            };
            let (client, policy) = (self.client.clone(), self.policy.clone());
            claimed.started += 1;
            tasks.spawn(async move {
                let outcome = attempt(&client, &policy, &delivery, &body, now).await;
                drop((slot, permit));
                (delivery, outcome)
            });
        }
        claimed.blocked = blocked.len();
        if !blocked.is_empty() {
            self.store
                .finish_deliveries(&blocked, &InstanceHealth::default())
                .await?;
        }
        if !released.is_empty() {
            // Claimed again once their host has a free slot (until then claims avoid it).
            self.store.release_deliveries(&released).await?;
        }
        Ok(claimed)
    }
}

/// What one claim came to.
#[derive(Clone, Copy, Debug, Default)]
struct Claimed {
    claimed: usize,
    started: usize,
    blocked: usize,
}

/// What a finished task came to; a task that panicked is logged, and its row stays leased
/// until the lease lapses.
fn outcome_of(done: Result<Finished, tokio::task::JoinError>) -> Option<Finished> {
    done.inspect_err(
        |error| tracing::error!(%error, "a delivery task failed; its lease will lapse"),
    )
    .ok()
}

fn forward(
    done: Result<Finished, tokio::task::JoinError>,
    finished: &mpsc::UnboundedSender<Finished>,
) {
    if let Some(outcome) = outcome_of(done) {
        let _ = finished.send(outcome);
    }
}

/// Records outcomes in batches of whatever finished since the last write.
async fn record_as_they_come(recorder: Recorder, mut outcomes: mpsc::UnboundedReceiver<Finished>) {
    let mut batch = Vec::with_capacity(RECORD_BATCH);
    while outcomes.recv_many(&mut batch, RECORD_BATCH).await > 0 {
        recorder.record(&batch).await;
        batch.clear();
    }
}
