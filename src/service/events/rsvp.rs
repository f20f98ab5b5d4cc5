//! RSVPs in every dialect: local users through the API, Mobilizon and Solidarity peers by
//! `Join`/`Leave` (answered `Accept`, `Reject` or, for events that take no RSVPs, `Ignore`),
//! Friendica by `Accept`/`TentativeAccept`/`Reject` of the Event. Capacity is enforced in the
//! store's transaction; restricted events keep requests pending until an organizer decides.

use super::view::ParticipantView;
use crate::db::{
    DbEvent, DbRemoteActor, DbUser, NewRsvp, Recipients, RsvpApplied, RsvpVia, Store, now_millis,
};
use crate::domain::{EventStatus, JoinMode, RsvpState};
use crate::federation::outbox;
use crate::federation::protocol::{EventResponseType, JoinAnswerType, Participation};
use crate::federation::sanitize::plain_text;
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::state::AppState;
use url::Url;

/// Longest message a participant may leave for the organizers.
const MAX_MESSAGE_CHARS: usize = 500;

/// What a received RSVP came to (for the processor's log and the tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsvpEffect {
    /// Stored in this state (and answered, for a Join).
    Stored(RsvpState),
    /// Refused; a `Reject` was queued for a Join.
    Refused(&'static str),
    /// The event takes no RSVPs; an `Ignore` was queued for a Join.
    Ignored,
    /// The participant's RSVP was withdrawn.
    Withdrawn,
    /// Not about one of our live events, or nothing to withdraw.
    NotOurs,
}

/// Why an event cannot take a new RSVP now, if it cannot.
pub(crate) fn closed_reason(event: &DbEvent) -> Option<&'static str> {
    if event.deleted_at.is_some() {
        Some("the event was deleted")
    } else if event.details.status == EventStatus::Cancelled {
        Some("the event is cancelled")
    } else if event.details.ends_at <= now_millis() {
        Some("the event is over")
    } else {
        None
    }
}

/// The RSVP a wish to go becomes under the event's join mode: restricted events wait.
fn going_state(event: &DbEvent) -> RsvpState {
    match event.details.join_mode {
        JoinMode::Restricted => RsvpState::Pending,
        _ => RsvpState::Going,
    }
}

/// A local user says going, maybe or not going; `None` withdraws.
pub async fn rsvp_as_user(
    app: &AppState,
    user: &DbUser,
    event_id: &str,
    wish: Option<RsvpState>,
) -> Result<Option<RsvpState>, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let event = store
        .event(event_id)
        .await
        .map_err(ServiceError::not_found(format!("no event {event_id}")))?;
    let participant = urls.actor(&user.handle).to_string();
    let Some(wish) = wish else {
        store.remove_rsvp(&event.id, &participant).await?;
        return Ok(None);
    };
    if let Some(reason) = closed_reason(&event) {
        return Err(ServiceError::Conflict(reason.to_owned()));
    }
    match event.details.join_mode {
        JoinMode::Free | JoinMode::Restricted => {}
        JoinMode::External => {
            return Err(ServiceError::Conflict(format!(
                "this event takes sign-ups at {}",
                event
                    .details
                    .external_url
                    .as_deref()
                    .unwrap_or("its organizers' site")
            )));
        }
        JoinMode::Invite | JoinMode::None => {
            return Err(ServiceError::Conflict(
                "this event takes no RSVPs".to_owned(),
            ));
        }
    }
    let state = match wish {
        RsvpState::Going => going_state(&event),
        RsvpState::Maybe | RsvpState::Declined => wish,
        RsvpState::Pending | RsvpState::Rejected => {
            return Err(ServiceError::Invalid {
                field: "state",
                message: "must be going, maybe or declined".to_owned(),
            });
        }
    };
    let rsvp = NewRsvp {
        event_id: &event.id,
        participant: &participant,
        host: &urls.authority(),
        state,
        via: RsvpVia::Local,
        activity_ap_id: None,
        message: "",
    };
    match store
        .apply_rsvp(&rsvp, event.details.capacity, None)
        .await?
    {
        RsvpApplied::Stored { .. } => Ok(Some(state)),
        RsvpApplied::Full => Err(ServiceError::Conflict("the event is full".to_owned())),
    }
}

/// The local event a URL names, if it is one of ours.
async fn local_event(
    store: &Store,
    urls: &Urls,
    id: &Url,
) -> Result<Option<DbEvent>, ServiceError> {
    let Some(event_id) = urls.local_event_id(id) else {
        return Ok(None);
    };
    match store.event(&event_id).await {
        Ok(event) => Ok(Some(event)),
        Err(crate::db::DbError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// A `Join` of one of our events: stored and answered `Accept`, `Reject` or `Ignore` in one
/// transaction (a restricted event's request waits, unanswered, for an organizer).
pub async fn receive_join(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    join: &Participation,
) -> Result<RsvpEffect, ServiceError> {
    let Some(event) = local_event(store, urls, &join.object).await? else {
        return Ok(RsvpEffect::NotOurs);
    };
    let to_joiner = || Recipients::Inbox {
        inbox: sender.inbox.clone(),
        host: sender.host.clone(),
    };
    let answer = |kind| outbox::answer_join(urls, &event.handle, join, kind);
    let refuse = |reason: &'static str| async move {
        let reject = answer(JoinAnswerType::Reject);
        let reply = reject.reply(event.local_actor_id, to_joiner());
        store
            .enqueue_activity(&reply.activity, &reply.recipients)
            .await?;
        Ok::<_, ServiceError>(RsvpEffect::Refused(reason))
    };
    if let Some(reason) = closed_reason(&event) {
        return refuse(reason).await;
    }
    match event.details.join_mode {
        JoinMode::Free | JoinMode::Restricted => {}
        JoinMode::Invite => return refuse("the event is by invitation only").await,
        JoinMode::External | JoinMode::None => {
            let ignore = answer(JoinAnswerType::Ignore);
            let reply = ignore.reply(event.local_actor_id, to_joiner());
            store
                .enqueue_activity(&reply.activity, &reply.recipients)
                .await?;
            return Ok(RsvpEffect::Ignored);
        }
    }
    let state = going_state(&event);
    let message = join
        .participation_message
        .as_deref()
        .map(|m| plain_text(m, MAX_MESSAGE_CHARS))
        .unwrap_or_default();
    let rsvp = NewRsvp {
        event_id: &event.id,
        participant: &sender.ap_id,
        host: &sender.host,
        state,
        via: RsvpVia::Join,
        activity_ap_id: Some(join.id.as_str()),
        message: &message,
    };
    let accept = answer(JoinAnswerType::Accept);
    let accept_reply = accept.reply(event.local_actor_id, to_joiner());
    let reply = (state == RsvpState::Going).then_some(&accept_reply);
    match store
        .apply_rsvp(&rsvp, event.details.capacity, reply)
        .await?
    {
        RsvpApplied::Stored { .. } => Ok(RsvpEffect::Stored(state)),
        RsvpApplied::Full => refuse("the event is full").await,
    }
}

/// A `Leave` of one of our events (or an `Undo` of a Join or of a Friendica answer).
pub async fn receive_leave(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    event_url: &Url,
) -> Result<RsvpEffect, ServiceError> {
    let Some(event) = local_event(store, urls, event_url).await? else {
        return Ok(RsvpEffect::NotOurs);
    };
    Ok(if store.remove_rsvp(&event.id, &sender.ap_id).await? {
        RsvpEffect::Withdrawn
    } else {
        RsvpEffect::NotOurs
    })
}

/// Friendica's RSVP: `Accept` (going), `TentativeAccept` (maybe), `Reject` (not going) of the
/// Event. Friendica expects no answer; a "going" that does not fit is not stored.
pub async fn receive_event_response(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    activity_id: &Url,
    kind: EventResponseType,
    event_url: &Url,
) -> Result<RsvpEffect, ServiceError> {
    let Some(event) = local_event(store, urls, event_url).await? else {
        return Ok(RsvpEffect::NotOurs);
    };
    if let Some(reason) = closed_reason(&event) {
        return Ok(RsvpEffect::Refused(reason));
    }
    if !matches!(
        event.details.join_mode,
        JoinMode::Free | JoinMode::Restricted
    ) {
        return Ok(RsvpEffect::Ignored);
    }
    let state = match kind {
        EventResponseType::Accept => going_state(&event),
        EventResponseType::TentativeAccept => RsvpState::Maybe,
        EventResponseType::Reject | EventResponseType::Ignore => RsvpState::Declined,
    };
    let rsvp = NewRsvp {
        event_id: &event.id,
        participant: &sender.ap_id,
        host: &sender.host,
        state,
        via: RsvpVia::Answer,
        activity_ap_id: Some(activity_id.as_str()),
        message: "",
    };
    Ok(
        match store
            .apply_rsvp(&rsvp, event.details.capacity, None)
            .await?
        {
            RsvpApplied::Stored { .. } => RsvpEffect::Stored(state),
            RsvpApplied::Full => RsvpEffect::Refused("the event is full"),
        },
    )
}

/// An organizer approves or refuses a pending request to join a restricted event. A remote
/// participant receives `Accept` or `Reject` of their Join. Returns the participant as the
/// organizers' list now shows them.
pub async fn decide_rsvp(
    app: &AppState,
    user: &DbUser,
    event_id: &str,
    participant: &str,
    approve: bool,
) -> Result<ParticipantView, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let event: DbEvent = crate::service::published::live(store, event_id).await?;
    crate::service::orgs::as_manager(store, user, &event.handle).await?;
    let existing = store
        .rsvp(&event.id, participant)
        .await?
        .filter(|r| r.state == RsvpState::Pending.as_str())
        .ok_or_else(|| ServiceError::NotFound(format!("no pending request from {participant}")))?;
    let state = if approve {
        RsvpState::Going
    } else {
        RsvpState::Rejected
    };
    let answer = match (
        &existing.activity_ap_id,
        store.remote_actor_by_ap_id(participant).await,
    ) {
        // Only a Join is answered; Friendica's answers and poll votes expect nothing back.
        (Some(join_id), Ok(remote)) if existing.via == "join" => {
            let join_id = Url::parse(join_id)
                .map_err(|e| ServiceError::Internal(format!("stored Join id: {e}")))?;
            let kind = if approve {
                JoinAnswerType::Accept
            } else {
                JoinAnswerType::Reject
            };
            Some((
                outbox::answer_join_by_id(urls, &event.handle, &join_id, &remote.ap_id, kind),
                remote,
            ))
        }
        _ => None,
    };
    let reply = answer.as_ref().map(|(prepared, remote)| {
        prepared.reply(
            event.local_actor_id,
            Recipients::Inbox {
                inbox: remote.inbox.clone(),
                host: remote.host.clone(),
            },
        )
    });
    let rsvp = NewRsvp {
        event_id: &event.id,
        participant,
        host: &existing.host,
        state,
        via: match existing.via.as_str() {
            "join" => RsvpVia::Join,
            "answer" => RsvpVia::Answer,
            "poll" => RsvpVia::Poll,
            _ => RsvpVia::Local,
        },
        activity_ap_id: existing.activity_ap_id.as_deref(),
        message: &existing.message,
    };
    match store
        .apply_rsvp(&rsvp, event.details.capacity, reply.as_ref())
        .await?
    {
        RsvpApplied::Stored { .. } => {}
        RsvpApplied::Full => {
            return Err(ServiceError::Conflict("the event is full".to_owned()));
        }
    }
    Ok(super::rsvp_of(store, &event.id, participant).await?.into())
}
