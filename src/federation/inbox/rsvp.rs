//! Routing received RSVPs and participations to the events and actions services: `Join` and
//! `Leave` (Mobilizon, Solidarity), `Accept`/`TentativeAccept`/`Reject` of an Event (Friendica),
//! answers to our own Joins, and `Undo` of either.

use crate::db::{DbRemoteActor, SentRsvpState, Store};
use crate::federation::protocol::lenient::IdOrObject;
use crate::federation::protocol::{
    EventResponse, EventResponseType, FollowAnswer, Participation, ParticipationType,
};
use crate::federation::urls::Urls;
use crate::service::{ServiceError, actions, campaigns, elsewhere, events};
use serde_json::Value;
use url::Url;

/// A `Join` or `Leave` from `sender`, of one of our events or actions.
pub async fn participation(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    activity: &Participation,
) -> Result<String, ServiceError> {
    if urls.local_action_id(&activity.object).is_some() {
        let effect = match activity.kind {
            ParticipationType::Join => actions::receive_join(store, urls, sender, activity).await?,
            ParticipationType::Leave => {
                actions::receive_leave(store, urls, sender, &activity.object).await?
            }
        };
        return Ok(format!("{effect:?}"));
    }
    let effect = match activity.kind {
        ParticipationType::Join => events::receive_join(store, urls, sender, activity).await?,
        ParticipationType::Leave => {
            events::receive_leave(store, urls, sender, &activity.object).await?
        }
    };
    Ok(format!("{effect:?}"))
}

/// An `Accept`, `TentativeAccept`, `Reject` or `Ignore` whose object is not one of our
/// Follows: an answer to one of our Joins or campaign Adds, or Friendica's RSVP to one of our
/// events.
pub async fn response(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    activity: &EventResponse,
) -> Result<String, ServiceError> {
    if let Some(effect) = answer_to_our_join(store, sender, &activity.object, activity.kind).await?
    {
        return Ok(effect);
    }
    if let Some(effect) =
        answer_to_our_add(store, urls, sender, &activity.object, activity.kind).await?
    {
        return Ok(effect);
    }
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

/// The host's answer to one of our Joins, if `object` is one (by id).
pub async fn answer_to_our_join(
    store: &Store,
    sender: &DbRemoteActor,
    object: &Url,
    kind: EventResponseType,
) -> Result<Option<String>, ServiceError> {
    let state = match kind {
        EventResponseType::Accept => SentRsvpState::Accepted,
        EventResponseType::Reject => SentRsvpState::Rejected,
        EventResponseType::Ignore => SentRsvpState::Ignored,
        EventResponseType::TentativeAccept => return Ok(None),
    };
    Ok(elsewhere::receive_join_answer(store, sender, object, state)
        .await?
        .then(|| format!("our Join {object} settled as {state:?}")))
}

/// The answer to one of our campaigns' Adds (by the item's host) or Invites (by the invited
/// organization), if `object` is one (by id).
async fn answer_to_our_add(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    object: &Url,
    kind: EventResponseType,
) -> Result<Option<String>, ServiceError> {
    let answer = match kind {
        EventResponseType::Accept => campaigns::CampaignAnswerKind::Accept,
        EventResponseType::Reject => campaigns::CampaignAnswerKind::Reject,
        EventResponseType::TentativeAccept | EventResponseType::Ignore => {
            campaigns::CampaignAnswerKind::Other
        }
    };
    let answered = campaigns::receive_add_answer(store, urls, sender, object, answer).await?
        || campaigns::receive_invite_answer(store, sender, object, answer).await?;
    Ok(answered.then(|| format!("campaign request {object} answered ({kind:?})")))
}

/// An `Accept` or `Reject` that names its object by id, when that object is one of our Joins
/// (the host's answer) or one of our events (Friendica's RSVP); `None` leaves it to the follow
/// answers.
pub async fn answer_by_id(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    answer: &FollowAnswer,
    accepted: bool,
) -> Result<Option<String>, ServiceError> {
    let IdOrObject::Id(object) = &answer.object else {
        return Ok(None);
    };
    let kind = if accepted {
        EventResponseType::Accept
    } else {
        EventResponseType::Reject
    };
    if let Some(effect) = answer_to_our_join(store, sender, object, kind).await? {
        return Ok(Some(effect));
    }
    if let Some(effect) = answer_to_our_add(store, urls, sender, object, kind).await? {
        return Ok(Some(effect));
    }
    if urls.local_event_id(object).is_none() {
        return Ok(None);
    }
    let effect =
        events::receive_event_response(store, urls, sender, &answer.id, kind, object).await?;
    Ok(Some(format!("{effect:?}")))
}

/// An `Undo` of a Join or of an RSVP answer, if that is what it is.
pub async fn undo(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    object: &IdOrObject<Value>,
) -> Result<Option<String>, ServiceError> {
    let Some(target) = events::undone_rsvp(object) else {
        return Ok(None);
    };
    let effect = if urls.local_action_id(&target).is_some() {
        format!(
            "{:?}",
            actions::receive_leave(store, urls, sender, &target).await?
        )
    } else {
        format!(
            "{:?}",
            events::receive_leave(store, urls, sender, &target).await?
        )
    };
    Ok(Some(effect))
}
