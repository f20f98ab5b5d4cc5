//! The inbox processor: claims stored activities in arrival order and applies each (`apply`).
//! Failures of ours (store, network) are retried with backoff; after `MAX_INBOX_ATTEMPTS` an
//! activity is set aside as dead, so one poison message cannot block the others. Failures that
//! come from what the sender sent (an unreadable shape, an object its origin no longer serves, a
//! refusal of the service) are final: set aside as dead at once, with the reason, never retried.

use super::{ProcessError, Received, apply};
use crate::db::{ClaimedInboxActivity, now_millis};
use crate::federation::context::FederationError;
use crate::federation::inbox::dispatch::parse_activity;
use crate::state::AppState;
use serde_json::Value;
use std::time::Duration;
use tokio::sync::watch;

const LEASE_MS: i64 = 60_000;
const BATCH: i64 = 256;
const IDLE_POLL: Duration = Duration::from_secs(2);

/// Processes the stored activities of one instance.
#[derive(Clone)]
pub struct InboxProcessor {
    app: AppState,
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
                Ok(report) if report.claimed > 0 => continue,
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

    /// Processes everything due now, in arrival order.
    pub async fn run_once(&self) -> Result<InboxReport, FederationError> {
        let now = now_millis();
        let claimed = self
            .app
            .store
            .claim_inbox_activities(now, now + LEASE_MS, BATCH)
            .await?;
        let mut report = InboxReport {
            claimed: claimed.len(),
            ..InboxReport::default()
        };
        // In arrival order, across senders too: who came first gets an event's last place.
        let mut finished = Vec::new();
        for activity in claimed {
            match self.process(&activity).await {
                Ok(()) => {
                    finished.push(activity.id);
                    report.processed += 1;
                }
                Err(ProcessError::Permanent(reason)) => {
                    tracing::info!(id = %activity.ap_id, %reason, "inbox activity set aside: nothing to apply");
                    self.app
                        .store
                        .set_aside_inbox_activity(activity.id, &reason)
                        .await?;
                    report.processed += 1;
                }
                Err(ProcessError::Retry(error)) => {
                    let delay = 30_000 * (1 << activity.attempts.clamp(0, 10));
                    tracing::warn!(id = %activity.ap_id, %error, "inbox activity failed; will retry");
                    self.app
                        .store
                        .fail_inbox_activity(activity.id, &error, now + delay)
                        .await?;
                    report.failed += 1;
                }
            }
        }
        // Applied ones are marked done together: one write instead of one each. Should the
        // process stop before this, their lease lapses and they are applied again, as a
        // re-delivered activity would be.
        self.app.store.finish_inbox_activities(&finished).await?;
        Ok(report)
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

    async fn process(&self, stored: &ClaimedInboxActivity) -> Result<(), ProcessError> {
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
