//! `Accept`, `TentativeAccept`, `Reject` and `Ignore` whose object is not one of our Follows:
//! an answer to one of our Joins or campaign requests (`Add`, `Invite`), or Friendica's RSVP to
//! one of our events.

use super::{ProcessError, Received};
use crate::db::SentRsvpState;
use crate::federation::protocol::{EventResponse, EventResponseType};
use crate::service::{campaigns, elsewhere, events};
use url::Url;

pub(super) async fn receive(
    received: &Received<'_>,
    activity: &EventResponse,
) -> Result<String, ProcessError> {
    if let Some(effect) = answer_to_our_request(received, &activity.object, activity.kind).await? {
        return Ok(effect);
    }
    let effect = events::receive_event_response(
        received.store(),
        received.urls(),
        received.sender,
        &activity.id,
        activity.kind,
        &activity.object,
    )
    .await?;
    Ok(format!("{effect:?}"))
}

/// The answer to one of our Joins, or to one of our campaigns' Adds (by the item's host) or
/// Invites (by the invited organization), if `object` names one.
pub(super) async fn answer_to_our_request(
    received: &Received<'_>,
    object: &Url,
    kind: EventResponseType,
) -> Result<Option<String>, ProcessError> {
    let state = match kind {
        EventResponseType::Accept => Some(SentRsvpState::Accepted),
        EventResponseType::Reject => Some(SentRsvpState::Rejected),
        EventResponseType::Ignore => Some(SentRsvpState::Ignored),
        EventResponseType::TentativeAccept => None,
    };
    if let Some(state) = state
        && elsewhere::receive_join_answer(received.store(), received.sender, object, state).await?
    {
        return Ok(Some(format!("our Join {object} settled as {state:?}")));
    }
    let answer = match kind {
        EventResponseType::Accept => campaigns::CampaignAnswerKind::Accept,
        EventResponseType::Reject => campaigns::CampaignAnswerKind::Reject,
        EventResponseType::TentativeAccept | EventResponseType::Ignore => {
            campaigns::CampaignAnswerKind::Other
        }
    };
    let (store, urls, sender) = (received.store(), received.urls(), received.sender);
    let answered = campaigns::receive_add_answer(store, urls, sender, object, answer).await?
        || campaigns::receive_invite_answer(store, sender, object, answer).await?;
    Ok(answered.then(|| format!("campaign request {object} answered ({kind:?})")))
}
