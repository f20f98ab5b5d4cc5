//! Local people RSVPing to events hosted on other servers (a sibling co-op, Mobilizon): the
//! event is fetched from its id, a `Join` goes to its host with a pending record in one
//! transaction, the host's `Accept`, `Reject` or `Ignore` settles it, and a `Leave` withdraws.

use crate::db::{DbRemoteActor, DbSentRsvp, DbUser, Recipients, SentRsvpState, Store};
use crate::federation::context::Federation;
use crate::federation::inbound::authority;
use crate::federation::outbox;
use crate::federation::protocol::{Event, ParticipationType};
use crate::service::ServiceError;
use crate::service::blocks::refuse_blocked;
use url::Url;

/// The remote event at `url`, read from its origin, and its host actor.
async fn remote_event(
    store: &Store,
    federation: &Federation,
    url: &Url,
) -> Result<(Event, DbRemoteActor), ServiceError> {
    refuse_blocked(store, &authority(url)).await?;
    let document = federation.fetch_signed(store, url).await?;
    let event: Event =
        serde_json::from_value(document.json).map_err(|e| ServiceError::Invalid {
            field: "event",
            message: format!("{url} is not an event: {e}"),
        })?;
    // The fetch already holds the id to the final URL; the host must share its origin.
    if event.attributed_to.origin() != event.id.origin() {
        return Err(ServiceError::Invalid {
            field: "event",
            message: format!("{url} names a host on another server"),
        });
    }
    let host = federation.actor(store, &event.attributed_to).await?;
    Ok((event, host))
}

fn inbox_of(actor: &DbRemoteActor) -> Recipients {
    Recipients::Inbox {
        inbox: actor.inbox.clone(),
        host: actor.host.clone(),
    }
}

/// `user` asks to take part in the remote event at `url` (Join), or withdraws (`going` false:
/// Leave). Returns where the RSVP stands.
pub async fn rsvp_remote(
    store: &Store,
    federation: &Federation,
    user: &DbUser,
    url: &Url,
    going: bool,
) -> Result<Option<SentRsvpState>, ServiceError> {
    let (event, host) = remote_event(store, federation, url).await?;
    let host_id = Url::parse(&host.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let urls = federation.urls();
    if going {
        let join = outbox::participation(
            urls,
            &user.handle,
            ParticipationType::Join,
            &event.id,
            &host_id,
        );
        store
            .add_sent_rsvp(
                user.actor_id,
                event.id.as_str(),
                &host.ap_id,
                &join.reply(user.actor_id, inbox_of(&host)),
            )
            .await?;
        federation.wake_delivery();
        Ok(Some(SentRsvpState::Pending))
    } else {
        let leave = outbox::participation(
            urls,
            &user.handle,
            ParticipationType::Leave,
            &event.id,
            &host_id,
        );
        store
            .remove_sent_rsvp(
                user.actor_id,
                event.id.as_str(),
                &leave.reply(user.actor_id, inbox_of(&host)),
            )
            .await?;
        federation.wake_delivery();
        Ok(None)
    }
}

/// The host's answer to one of our Joins: `Accept`, `Reject` or `Ignore` of it, by id. Whether
/// it answered one of ours (only the actor the Join went to may answer it).
pub async fn receive_join_answer(
    store: &Store,
    sender: &DbRemoteActor,
    join_id: &Url,
    state: SentRsvpState,
) -> Result<bool, ServiceError> {
    Ok(store
        .settle_sent_rsvp(join_id.as_str(), &sender.ap_id, state)
        .await?)
}

/// The RSVPs `user` sent to events elsewhere.
pub async fn sent_rsvps(store: &Store, user: &DbUser) -> Result<Vec<DbSentRsvp>, ServiceError> {
    Ok(store.sent_rsvps(user.actor_id).await?)
}
