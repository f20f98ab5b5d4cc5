//! What a received activity does here: the inbox processor (`processor`) claims each stored,
//! verified activity, and `apply` hands it to the handler of its type, one file per type. The
//! federation layer only verifies, stores and parses (`federation::inbox`); every decision about
//! what an activity changes is taken here.

mod accept;
mod add;
mod announce;
mod answer;
mod create;
mod delete;
mod flag;
mod follow;
mod invite;
mod objects;
mod offer;
mod participation;
mod processor;
mod response;
#[cfg(test)]
mod tests;
mod undo;
mod update;

pub use accept::accept;
pub use processor::{InboxProcessor, InboxReport};

use crate::db::{DbRemoteActor, Store};
use crate::federation::context::Federation;
use crate::federation::inbox::dispatch::Inbound;
use crate::federation::urls::Urls;
use crate::service::{ServiceError, timeline};
use crate::state::AppState;

/// What the handler of a received activity works with: the store, the federation machinery
/// (to fetch objects from their origin) and the verified sender.
pub(crate) struct Received<'a> {
    pub app: &'a AppState,
    pub sender: &'a DbRemoteActor,
    /// When our inbox took the activity (ms): a vote counts by this, not by when it is applied.
    pub received_at: i64,
    /// Where a `Create` leaves its object for the processor's round to write (`None`: written
    /// at once).
    pub authored: Option<&'a timeline::AuthoredBatch>,
}

impl Received<'_> {
    pub fn store(&self) -> &Store {
        &self.app.store
    }

    pub fn federation(&self) -> &Federation {
        &self.app.federation
    }

    pub fn urls(&self) -> &Urls {
        self.app.urls()
    }
}

/// Why a received activity could not be applied: our fault (retried later) or the activity's
/// (set aside as dead with the reason, never retried).
#[derive(Debug, thiserror::Error)]
pub(crate) enum ProcessError {
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
            ServiceError::Store(_)
            | ServiceError::Internal(_)
            | ServiceError::Unavailable(_)
            | ServiceError::TooMany { .. } => Self::Retry(error.to_string()),
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

/// Applies a received activity; what it did, for the log. The dispatch table: one line per
/// activity type.
pub(crate) async fn apply(
    received: &Received<'_>,
    activity: Inbound,
) -> Result<String, ProcessError> {
    match activity {
        Inbound::Follow(follow) => follow::receive(received, &follow).await,
        Inbound::Accept(answer) => answer::receive(received, &answer, true).await,
        Inbound::Reject(answer) => answer::receive(received, &answer, false).await,
        Inbound::Undo(_, undone) => undo::receive(received, undone).await,
        Inbound::Create(create) => create::receive(received, create).await,
        Inbound::Update(update) => update::receive(received, update).await,
        Inbound::Delete(delete) => delete::receive(received, &delete).await,
        Inbound::Announce(announce) => announce::receive(received, announce).await,
        Inbound::Participation(join_or_leave) => {
            participation::receive(received, &join_or_leave).await
        }
        Inbound::EventResponse(response) => response::receive(received, &response).await,
        Inbound::Add(add) => add::receive(received, &add).await,
        Inbound::Invite(invite) => invite::receive(received, &invite).await,
        Inbound::Flag(flag) => flag::receive(received, &flag).await,
        Inbound::Offer(offer) => offer::receive(received, &offer).await,
        Inbound::Ignored(kind) => Ok(format!("ignored {kind}")),
    }
}
