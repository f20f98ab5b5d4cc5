//! The inbox processor: claims stored activities in arrival order and applies each (`apply`);
//! the objects of consecutive Creates are written together, one transaction for many (see
//! `timeline::AuthoredBatch`). Failures of ours (store, network) are retried with backoff; after `MAX_INBOX_ATTEMPTS` an
//! activity is set aside as dead, so one poison message cannot block the others. Failures that
//! come from what the sender sent (an unreadable shape, an object its origin no longer serves, a
//! refusal of the service) are final: set aside as dead at once, with the reason, never retried.

use super::{ProcessError, Received, apply};
use crate::db::{ClaimedInboxActivity, now_millis};
use crate::federation::context::FederationError;
use crate::federation::inbox::dispatch::parse_activity;
use crate::service::timeline::{self, AuthoredBatch};
use crate::state::AppState;
use serde_json::Value;
use std::time::Duration;
use tokio::sync::watch;

const LEASE_MS: i64 = 60_000;
/// Activities claimed per round at most.
const BATCH: usize = 256;
/// How long the processor waits after a round that was not full before the next.
const LINGER: Duration = Duration::from_millis(50);
const IDLE_POLL: Duration = Duration::from_secs(2);
/// Creates whose objects are written in one transaction at most: the inbox's group commit
/// waits for that transaction's end (SQLite has one writer), so it is kept short.
const AUTHORED_PER_WRITE: usize = 32;

/// Processes the stored activities of one instance.
#[derive(Clone)]
pub struct InboxProcessor {
    app: AppState,
}

/// One round: what it did, the Creates whose objects wait to be written, what is done.
#[derive(Default)]
struct Round {
    report: InboxReport,
    authored: AuthoredBatch,
    waiting: Vec<ClaimedInboxActivity>,
    finished: Vec<i64>,
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InboxReport {
    pub claimed: usize,
    pub processed: usize,
    pub failed: usize,
}

impl InboxProcessor {
    pub fn new(state: &AppState) -> Self {
        Self { app: state.clone() }
    }

    /// Runs rounds until `shutdown` turns true; unprocessed activities stay stored.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        while !*shutdown.borrow() {
            self.app.federation.forget_quiet_senders();
            match self.run_once().await {
                Ok(report) if report.claimed >= BATCH => continue,
                Ok(report) if report.claimed > 0 => {
                    // More may be arriving (a flood): they are applied in fuller rounds, with
                    // fewer transactions taking turns with the inbox's writer.
                    tokio::select! {
                        () = tokio::time::sleep(LINGER) => {}
                        _ = shutdown.changed() => {}
                    }
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "inbox round failed"),
            }
            tokio::select! {
                () = self.app.federation.inbox_woken() => {}
                () = tokio::time::sleep(IDLE_POLL) => {}
                _ = shutdown.changed() => {}
            }
        }
    }

    /// Processes everything due now, in arrival order. The objects of consecutive `Create`s
    /// are written together (`timeline::AuthoredBatch`), before anything else is applied.
    pub async fn run_once(&self) -> Result<InboxReport, FederationError> {
        let now = now_millis();
        let claimed = self
            .app
            .store
            .claim_inbox_activities(now, now + LEASE_MS, BATCH as i64)
            .await?;
        let mut round = Round {
            report: InboxReport {
                claimed: claimed.len(),
                ..InboxReport::default()
            },
            ..Round::default()
        };
        // In arrival order, across senders too: who came first gets an event's last place.
        for activity in claimed {
            let create = activity.kind == "Create";
            // Anything else may read what the waiting Creates write: they are written first.
            if !create || round.authored.len() >= AUTHORED_PER_WRITE {
                self.write_waiting(&mut round, now).await?;
            }
            let waiting = round.authored.len();
            match self
                .process(&activity, create.then_some(&round.authored))
                .await
            {
                // Done once its object is written.
                Ok(()) if round.authored.len() > waiting => round.waiting.push(activity),
                Ok(()) => {
                    round.finished.push(activity.id);
                    round.report.processed += 1;
                }
                Err(ProcessError::Permanent(reason)) => {
                    tracing::info!(id = %activity.ap_id, %reason, "inbox activity set aside: nothing to apply");
                    self.app
                        .store
                        .set_aside_inbox_activity(activity.id, &reason)
                        .await?;
                    round.report.processed += 1;
                }
                Err(ProcessError::Retry(error)) => {
                    self.retry(&activity, &error, now).await?;
                    round.report.failed += 1;
                }
            }
        }
        self.write_waiting(&mut round, now).await?;
        // Applied ones are marked done together: one write instead of one each. Should the
        // process stop before this, their lease lapses and they are applied again, as a
        // re-delivered activity would be.
        self.app
            .store
            .finish_inbox_activities(&round.finished)
            .await?;
        Ok(round.report)
    }

    /// Writes the objects the waiting Creates left; they are done, or all retried later.
    async fn write_waiting(&self, round: &mut Round, now: i64) -> Result<(), FederationError> {
        let waiting = std::mem::take(&mut round.waiting);
        match timeline::write_authored(&self.app.store, &round.authored).await {
            Ok(effects) => {
                for (activity, effect) in waiting.iter().zip(effects) {
                    tracing::debug!(id = %activity.ap_id, ?effect, "inbox activity processed");
                }
                round.report.processed += waiting.len();
                round
                    .finished
                    .extend(waiting.iter().map(|activity| activity.id));
            }
            Err(error) => {
                for activity in &waiting {
                    self.retry(activity, &error.to_string(), now).await?;
                }
                round.report.failed += waiting.len();
            }
        }
        Ok(())
    }

    /// Our fault: tried again later, after a pause that doubles with each attempt.
    async fn retry(
        &self,
        activity: &ClaimedInboxActivity,
        error: &str,
        now: i64,
    ) -> Result<(), FederationError> {
        let delay = 30_000 * (1 << activity.attempts.clamp(0, 10));
        tracing::warn!(id = %activity.ap_id, %error, "inbox activity failed; will retry");
        self.app
            .store
            .fail_inbox_activity(activity.id, error, now + delay)
            .await?;
        Ok(())
    }

    /// Runs rounds until nothing is due (tests use this instead of sleeping).
    pub async fn drain(&self) -> Result<InboxReport, FederationError> {
        let mut total = InboxReport::default();
        loop {
            let report = self.run_once().await?;
            if report.claimed == 0 {
                return Ok(total);
            }
            total.claimed += report.claimed;
            total.processed += report.processed;
            total.failed += report.failed;
        }
    }

    async fn process(
        &self,
        stored: &ClaimedInboxActivity,
        authored: Option<&AuthoredBatch>,
    ) -> Result<(), ProcessError> {
        let json: Value = serde_json::from_str(&stored.json)
            .map_err(|e| ProcessError::Permanent(format!("not JSON: {e}")))?;
        let activity = parse_activity(&json)
            .map_err(|e| ProcessError::Permanent(format!("unreadable activity: {e}")))?;
        let sender = self
            .app
            .store
            .remote_actor_by_ap_id(&stored.actor_ap_id)
            .await
            .map_err(|e| ProcessError::Retry(e.to_string()))?;
        let received = Received {
            app: &self.app,
            sender: &sender,
            received_at: stored.received_at,
            authored,
        };
        // The sender's domain may have been blocked since the activity was stored.
        received.refuse_blocked(&sender.host).await?;
        // A deleted actor stays deleted, whoever still holds its key.
        if sender.deleted_at.is_some() {
            return Err(ProcessError::Permanent(format!(
                "{} was deleted",
                sender.ap_id
            )));
        }
        let effect = apply(&received, activity).await?;
        tracing::debug!(id = %stored.ap_id, %effect, "inbox activity processed");
        Ok(())
    }
}
