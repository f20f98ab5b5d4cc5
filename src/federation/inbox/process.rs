//! The inbox processor: claims stored activities in arrival order and hands each to the service
//! that owns its effect. Failures of ours (store, network) are retried with backoff; after
//! `MAX_INBOX_ATTEMPTS` an activity is set aside as dead, so one poison message cannot block
//! the others. Failures that come from what the sender sent (an unreadable shape, an object its
//! origin no longer serves, a refusal of the service) are final: set aside as dead at once, with
//! the reason, never retried.

use super::dispatch::{Inbound, parse_activity};
use super::rsvp;
use crate::db::{ClaimedInboxActivity, FollowState, Store, now_millis};
use crate::federation::context::{Federation, FederationError};
use crate::federation::inbound::authority;
use crate::federation::protocol::lenient::IdOrObject;
use crate::federation::protocol::{ActorType, Follow, ObjectActivity};
use crate::service::{ServiceError, actors, campaigns, follows, polls, timeline};
use crate::state::AppState;
use serde_json::Value;
use std::time::Duration;
use tokio::sync::watch;
use url::Url;

const LEASE_MS: i64 = 60_000;
const BATCH: i64 = 64;
const IDLE_POLL: Duration = Duration::from_secs(2);

/// Processes the stored activities of one instance.
#[derive(Clone)]
pub struct InboxProcessor {
    store: Store,
    federation: Federation,
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InboxReport {
    pub claimed: usize,
    pub processed: usize,
    pub failed: usize,
}

/// A processing failure: ours (retry later) or the activity's (set aside, never retried).
#[derive(Debug, thiserror::Error)]
enum ProcessError {
    #[error("{0}")]
    Retry(String),
    /// Nothing can ever be applied: the activity is unreadable, its object is gone or its
    /// origin answers unusably, its domain is blocked, or the service refused what it asks.
    #[error("{0}")]
    Permanent(String),
}

impl From<ServiceError> for ProcessError {
    fn from(error: ServiceError) -> Self {
        match error {
            // Ours, or the network's: another attempt may succeed.
            ServiceError::Store(_) | ServiceError::Internal(_) | ServiceError::Unavailable(_) => {
                Self::Retry(error.to_string())
            }
            // About what the sender asked: asking again changes nothing.
            ServiceError::Invalid { .. }
            | ServiceError::NotFound(_)
            | ServiceError::Gone(_)
            | ServiceError::Conflict(_)
            | ServiceError::Forbidden(_)
            | ServiceError::Unauthorized => Self::Permanent(error.to_string()),
        }
    }
}

impl InboxProcessor {
    pub fn new(state: &AppState) -> Self {
        Self {
            store: state.store.clone(),
            federation: state.federation.clone(),
        }
    }

    /// Runs rounds until `shutdown` turns true; unprocessed activities stay stored.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        while !*shutdown.borrow() {
            self.federation.forget_quiet_senders();
            match self.run_once().await {
                Ok(report) if report.claimed > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "inbox round failed"),
            }
            tokio::select! {
                () = self.federation.inbox_woken() => {}
                () = tokio::time::sleep(IDLE_POLL) => {}
                _ = shutdown.changed() => {}
            }
        }
    }

    /// Processes everything due now, in arrival order.
    pub async fn run_once(&self) -> Result<InboxReport, FederationError> {
        let now = now_millis();
        let claimed = self
            .store
            .claim_inbox_activities(now, now + LEASE_MS, BATCH)
            .await?;
        let mut report = InboxReport {
            claimed: claimed.len(),
            ..InboxReport::default()
        };
        for activity in claimed {
            match self.process(&activity).await {
                Ok(()) => {
                    self.store.finish_inbox_activity(activity.id).await?;
                    report.processed += 1;
                }
                Err(ProcessError::Permanent(reason)) => {
                    tracing::info!(id = %activity.ap_id, %reason, "inbox activity set aside: nothing to apply");
                    self.store
                        .set_aside_inbox_activity(activity.id, &reason)
                        .await?;
                    report.processed += 1;
                }
                Err(ProcessError::Retry(error)) => {
                    let delay = 30_000 * (1 << activity.attempts.clamp(0, 10));
                    tracing::warn!(id = %activity.ap_id, %error, "inbox activity failed; will retry");
                    self.store
                        .fail_inbox_activity(activity.id, &error, now + delay)
                        .await?;
                    report.failed += 1;
                }
            }
        }
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
            .store
            .remote_actor_by_ap_id(&stored.actor_ap_id)
            .await
            .map_err(|e| ProcessError::Retry(e.to_string()))?;
        // The sender's domain may have been blocked since the activity was stored.
        self.refuse_blocked(&sender.host).await?;
        // A deleted actor stays deleted, whoever still holds its key.
        if sender.deleted_at.is_some() {
            return Err(ProcessError::Permanent(format!(
                "{} was deleted",
                sender.ap_id
            )));
        }
        let store = &self.store;
        let urls = self.federation.urls();
        let effect = match activity {
            Inbound::Follow(follow) => {
                let effect = follows::receive_follow(store, urls, &sender, &follow).await?;
                format!("{effect:?}")
            }
            Inbound::Undo(undo) => match rsvp::undo(store, urls, &sender, &undo.object).await? {
                Some(effect) => effect,
                None => match undo.object {
                    IdOrObject::Object(object)
                        if object.get("type").and_then(Value::as_str) == Some("Follow") =>
                    {
                        match serde_json::from_value::<Follow>(object) {
                            Ok(follow) => format!(
                                "{:?}",
                                follows::receive_undo_follow(store, urls, &sender, &follow).await?
                            ),
                            Err(e) => format!("unreadable Follow in Undo: {e}"),
                        }
                    }
                    _ => "Undo of something we do not track".to_owned(),
                },
            },
            Inbound::Accept(answer) | Inbound::Reject(answer) => {
                let accepted = json.get("type").and_then(Value::as_str) == Some("Accept");
                if let Some(effect) =
                    rsvp::answer_by_id(store, urls, &sender, &answer, accepted).await?
                {
                    tracing::debug!(id = %stored.ap_id, %effect, "inbox activity processed");
                    return Ok(());
                }
                let state = if accepted {
                    FollowState::Accepted
                } else {
                    FollowState::Rejected
                };
                let (follow_id, object) = match &answer.object {
                    IdOrObject::Id(id) => (id.clone(), None),
                    IdOrObject::Object(follow) => (follow.id.clone(), Some(&follow.object)),
                };
                format!(
                    "{:?}",
                    follows::receive_follow_answer(store, &sender, &follow_id, object, state)
                        .await?
                )
            }
            Inbound::Update(activity) if is_actor(&activity.object, &sender) => {
                match object_id(&activity.object) {
                    Some(id) => format!(
                        "{:?}",
                        actors::receive_actor_update(store, &self.federation, &sender, &id).await?
                    ),
                    None => "Update of an actor without an id".to_owned(),
                }
            }
            Inbound::Create(activity) => {
                let object = self.object_of(&activity).await?;
                // A vote in one of our polls is only that; a reply to one of our events or
                // actions earns its author a poll, and goes on to the timelines as any note.
                match polls::receive_note(store, urls, &sender, &object).await? {
                    Some(effect @ polls::PollEffect::Voted(_))
                    | Some(effect @ polls::PollEffect::Refused(_)) => format!("{effect:?}"),
                    offered => {
                        format!(
                            "{offered:?}; {:?}",
                            timeline::receive_create_or_update(store, &sender, &object).await?
                        )
                    }
                }
            }
            Inbound::Update(activity) => {
                let object = self.object_of(&activity).await?;
                format!(
                    "{:?}",
                    timeline::receive_create_or_update(store, &sender, &object).await?
                )
            }
            Inbound::Delete(activity) => match object_id(&activity.object) {
                Some(id) if id.as_str() == sender.ap_id => format!(
                    "{:?}",
                    actors::receive_actor_delete(store, &self.federation, &sender, &id).await?
                ),
                Some(id) => {
                    format!("{:?}", timeline::receive_delete(store, &sender, &id).await?)
                }
                None => "Delete without an object id".to_owned(),
            },
            Inbound::Announce(activity) => self.announce(&sender, &activity).await?,
            Inbound::Participation(participation) => {
                rsvp::participation(store, urls, &sender, &participation).await?
            }
            Inbound::Add(add) => format!(
                "campaign Add taken: {}",
                campaigns::receive_add(store, &self.federation, &sender, &add).await?
            ),
            Inbound::Invite(invite) => format!(
                "co-host invitation kept: {}",
                campaigns::receive_invite(store, urls, &sender, &invite).await?
            ),
            Inbound::EventResponse(response) => {
                rsvp::response(store, urls, &sender, &response).await?
            }
            Inbound::Ignored(kind) => format!("ignored {kind}"),
        };
        tracing::debug!(id = %stored.ap_id, %effect, "inbox activity processed");
        Ok(())
    }

    /// The object of a Create or Update: embedded (it came signed by its own origin, which the
    /// services check against the author), or fetched from its id when only referenced.
    async fn object_of(&self, activity: &ObjectActivity) -> Result<Value, ProcessError> {
        match &activity.object {
            IdOrObject::Object(object) => Ok(object.clone()),
            IdOrObject::Id(id) => self.fetch(id).await,
        }
    }

    /// Fetches an object from its origin. Network trouble and 5xx are retried later; an answer
    /// that can never become usable (404, 410, wrong id or type, too large) is permanent. An
    /// object on a blocked domain is not requested at all (SECURITY.md T34: an Announce of it).
    async fn fetch(&self, id: &Url) -> Result<Value, ProcessError> {
        self.refuse_blocked(&authority(id)).await?;
        use crate::federation::resolve::ResolveError;
        match self.federation.fetch_signed(&self.store, id).await {
            Ok(document) => Ok(document.json),
            Err(ResolveError::Fetch { source, .. }) if !source.is_transient() => {
                Err(ProcessError::Permanent(format!("{id}: {source}")))
            }
            Err(other) => Err(ProcessError::Retry(other.to_string())),
        }
    }

    async fn refuse_blocked(&self, host: &str) -> Result<(), ProcessError> {
        match self.store.domain_block_covering(host).await {
            Ok(None) => Ok(()),
            Ok(Some(block)) => Err(ProcessError::Permanent(format!("{block} is blocked"))),
            Err(e) => Err(ProcessError::Retry(e.to_string())),
        }
    }

    /// An Announce: the object is always taken from its own origin (FEP-fe34), never from the
    /// announcer's copy, unless announcer and object share an origin.
    async fn announce(
        &self,
        announcer: &crate::db::DbRemoteActor,
        activity: &ObjectActivity,
    ) -> Result<String, ProcessError> {
        let announcer_id =
            Url::parse(&announcer.ap_id).map_err(|e| ProcessError::Retry(e.to_string()))?;
        let (id, embedded) = match &activity.object {
            IdOrObject::Id(id) => (id.clone(), None),
            IdOrObject::Object(object) => match object
                .get("id")
                .and_then(Value::as_str)
                .and_then(|id| Url::parse(id).ok())
            {
                Some(id) => (id, Some(object.clone())),
                None => return Ok("Announce of an object without an id".to_owned()),
            },
        };
        let object = match embedded {
            Some(object) if id.origin() == announcer_id.origin() => object,
            _ => self.fetch(&id).await?,
        };
        let Some(author) = object
            .get("attributedTo")
            .and_then(|a| {
                a.as_str()
                    .map(str::to_owned)
                    .or_else(|| a.get("id")?.as_str().map(str::to_owned))
            })
            .and_then(|a| Url::parse(&a).ok())
        else {
            return Ok("announced object has no author".to_owned());
        };
        self.refuse_blocked(&authority(&author)).await?;
        Ok(format!(
            "{:?}",
            timeline::receive_announced(&self.store, announcer, &object, &author).await?
        ))
    }
}

/// The id of an activity's object, embedded or referenced.
fn object_id(object: &IdOrObject<Value>) -> Option<Url> {
    match object {
        IdOrObject::Id(id) => Some(id.clone()),
        IdOrObject::Object(object) => object
            .get("id")
            .and_then(Value::as_str)
            .and_then(|id| Url::parse(id).ok()),
    }
}

/// Whether an Update is about an actor: its object is the sender itself, or an embedded actor
/// document (whose id the service then holds to be the sender).
fn is_actor(object: &IdOrObject<Value>, sender: &crate::db::DbRemoteActor) -> bool {
    let is_actor_type = |object: &Value| {
        object
            .get("type")
            .is_some_and(|kind| serde_json::from_value::<ActorType>(kind.clone()).is_ok())
    };
    match object {
        IdOrObject::Object(embedded) if is_actor_type(embedded) => true,
        _ => object_id(object).is_some_and(|id| id.as_str() == sender.ap_id),
    }
}
