//! Routing received RSVPs to the events service: `Join`/`Leave` (Mobilizon, Solidarity),
//! `Accept`/`TentativeAccept`/`Reject` of an Event (Friendica), and `Undo` of either.

use crate::db::{DbRemoteActor, Store};
use crate::federation::protocol::lenient::IdOrObject;
use crate::federation::protocol::{
    EventResponse, EventResponseType, Participation, ParticipationType,
};
use crate::federation::urls::Urls;
use crate::service::{ServiceError, events};
use serde_json::Value;
use url::Url;

/// A `Join` or `Leave` from `sender`.
pub async fn participation(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    activity: &Participation,
) -> Result<String, ServiceError> {
    let effect = match activity.kind {
        ParticipationType::Join => events::receive_join(store, urls, sender, activity).await?,
        ParticipationType::Leave => {
            events::receive_leave(store, urls, sender, &activity.object).await?
        }
    };
    Ok(format!("{effect:?}"))
}

/// An `Accept`, `TentativeAccept` or `Reject` whose object is not one of our Follows.
pub async fn response(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    activity: &EventResponse,
) -> Result<String, ServiceError> {
    let effect = events::receive_event_response(
        store,
        urls,
        sender,
        &activity.id,
        activity.kind,
        &activity.object,
    )
    .await?;
    Ok(format!("{effect:?}"))
}

/// Whether an Accept or Reject that names its object by id names one of our events: then it
/// is Friendica's RSVP, not an answer to a Follow.
pub fn names_local_event(urls: &Urls, object: &Url) -> bool {
    urls.local_event_id(object).is_some()
}

/// The Friendica answer kind for an `Accept`/`Reject` activity type.
pub fn response_kind(accept: bool) -> EventResponseType {
    if accept {
        EventResponseType::Accept
    } else {
        EventResponseType::Reject
    }
}

/// An `Undo` of a Join or of an RSVP answer, if that is what it is.
pub async fn undo(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    object: &IdOrObject<Value>,
) -> Result<Option<String>, ServiceError> {
    let Some(event) = events::undone_rsvp(object) else {
        return Ok(None);
    };
    let effect = events::receive_leave(store, urls, sender, &event).await?;
    Ok(Some(format!("{effect:?}")))
}
