//! `Accept` and `Reject` read as answers: to one of our Joins or campaign requests (by id),
//! Friendica's RSVP to one of our events (by id), or, most often, to one of our Follows.

use super::{ProcessError, Received, response};
use crate::db::FollowState;
use crate::federation::protocol::lenient::IdOrObject;
use crate::federation::protocol::{EventResponseType, FollowAnswer};
use crate::service::{events, follows};

pub(super) async fn receive(
    received: &Received<'_>,
    answer: &FollowAnswer,
    accepted: bool,
) -> Result<String, ProcessError> {
    if let Some(effect) = by_id(received, answer, accepted).await? {
        return Ok(effect);
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
    let effect = follows::receive_follow_answer(
        received.store(),
        received.sender,
        &follow_id,
        object,
        state,
    )
    .await?;
    Ok(format!("{effect:?}"))
}

/// An answer that names its object by id, when that object is one of our Joins (the host's
/// answer), a campaign request of ours, or one of our events (Friendica's RSVP); `None` leaves
/// it to the follow answers.
async fn by_id(
    received: &Received<'_>,
    answer: &FollowAnswer,
    accepted: bool,
) -> Result<Option<String>, ProcessError> {
    let IdOrObject::Id(object) = &answer.object else {
        return Ok(None);
    };
    let kind = if accepted {
        EventResponseType::Accept
    } else {
        EventResponseType::Reject
    };
    if let Some(effect) = response::answer_to_our_request(received, object, kind).await? {
        return Ok(Some(effect));
    }
    if received.urls().local_event_id(object).is_none() {
        return Ok(None);
    }
    let effect = events::receive_event_response(
        received.store(),
        received.urls(),
        received.sender,
        &answer.id,
        kind,
        object,
    )
    .await?;
    Ok(Some(format!("{effect:?}")))
}
