//! Taking part from Mastodon: a fediverse user who replies to one of our events or actions gets
//! a private poll (a `Question` addressed to them alone) — "Going / Maybe / Can't go", or
//! "Sign — add my name / Not now". Their vote, a `Note` with the option's `name` and
//! `inReplyTo` the poll, is their RSVP or participation: it counts once per actor, and a later
//! vote replaces the earlier one.

use crate::db::{
    DbPoll, DbRemoteActor, NewParticipation, NewRsvp, Recipients, RsvpApplied, RsvpVia, Store,
    now_millis,
};
use crate::domain::{JoinMode, RsvpState};
use crate::federation::inbound::ContentObject;
use crate::federation::notes::rfc3339;
use crate::federation::outbox;
use crate::federation::protocol::{Mention, PollOption, PollReplies, Question, QuestionType};
use crate::federation::sanitize::plain_text;
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::service::notes::plain_text_to_html;
use crate::state::AppState;
use serde_json::Value;
use url::Url;

/// How long a poll about an action without a deadline stays open.
const DEFAULT_POLL_MS: i64 = 30 * 24 * 3_600_000;

/// The answers of an event poll, and the RSVP each one is.
pub const EVENT_OPTIONS: [(&str, RsvpState); 3] = [
    ("Going", RsvpState::Going),
    ("Maybe", RsvpState::Maybe),
    ("Can't go", RsvpState::Declined),
];
/// The answer of an action poll that counts a participation; the other is `NOT_NOW`.
pub const TAKE_PART: &str = "Sign — add my name";
pub const NOT_NOW: &str = "Not now";

/// What a received note did here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PollEffect {
    /// A poll went to the note's author.
    Offered,
    /// The author already has a poll about this object.
    AlreadyOffered,
    /// A vote was counted.
    Voted(String),
    /// A vote that does not count (not the addressee, closed, unknown option, full).
    Refused(String),
}

/// What a poll is about, once looked up: its host, title, options and when it closes.
struct Subject {
    kind: &'static str,
    id: String,
    local_actor_id: i64,
    handle: crate::domain::Handle,
    text: PollText,
    closes_at: i64,
}

/// What a poll says: the object's title and summary, and the options.
#[derive(Clone, Debug)]
pub struct PollText {
    pub title: String,
    pub summary: String,
    pub options: Vec<String>,
}

/// The event or action `target` names, if it is ours (and, with `open_only`, takes part now).
async fn subject(
    store: &Store,
    urls: &Urls,
    target: &Url,
    open_only: bool,
) -> Result<Option<Subject>, ServiceError> {
    if let Some(id) = urls.local_event_id(target) {
        let Ok(event) = store.event(&id).await else {
            return Ok(None);
        };
        let takes_rsvps = matches!(
            event.details.join_mode,
            JoinMode::Free | JoinMode::Restricted
        );
        if open_only && (!takes_rsvps || crate::service::events::closed_reason(&event).is_some()) {
            return Ok(None);
        }
        let counts = store.event_counts(&id).await?;
        return Ok(Some(Subject {
            kind: "event",
            text: PollText {
                summary: crate::federation::events::event_summary(&event, &counts),
                options: EVENT_OPTIONS
                    .iter()
                    .map(|(name, _)| (*name).to_owned())
                    .collect(),
                title: event.details.title.clone(),
            },
            closes_at: event.details.ends_at,
            local_actor_id: event.local_actor_id,
            handle: event.handle,
            id,
        }));
    }
    if let Some(id) = urls.local_action_id(target) {
        let Ok(action) = store.action(&id).await else {
            return Ok(None);
        };
        if open_only && crate::service::actions::closed_reason(&action).is_some() {
            return Ok(None);
        }
        let progress = store.action_progress(&id).await?;
        return Ok(Some(Subject {
            kind: "action",
            text: PollText {
                summary: crate::federation::actions::action_summary(&action, &progress),
                options: vec![TAKE_PART.to_owned(), NOT_NOW.to_owned()],
                title: action.details.title.clone(),
            },
            closes_at: action
                .details
                .deadline
                .unwrap_or_else(|| now_millis() + DEFAULT_POLL_MS),
            local_actor_id: action.local_actor_id,
            handle: action.handle,
            id,
        }));
    }
    Ok(None)
}

/// The poll `poll` as sent, mentioning its addressee as `mention` (`@name@host`), or as served
/// to anyone (`None`: without its addressee).
pub fn question(
    urls: &Urls,
    poll: &DbPoll,
    handle: &crate::domain::Handle,
    text: &PollText,
    mention: Option<&str>,
) -> Question {
    let recipient = Url::parse(&poll.recipient)
        .ok()
        .filter(|_| mention.is_some());
    let title = &text.title;
    let question = match poll.object_kind.as_str() {
        "event" => format!("{title}: will you come?"),
        _ => format!("{title}: will you take part?"),
    };
    Question {
        context: Value::String(crate::federation::protocol::context::ACTIVITYSTREAMS.to_owned()),
        id: urls.poll(&poll.id),
        kind: QuestionType::Question,
        attributed_to: urls.actor(handle),
        content: plain_text_to_html(&format!("{question}\n\n{}", text.summary)),
        one_of: text
            .options
            .iter()
            .map(|name| PollOption {
                kind: "Note".to_owned(),
                name: name.clone(),
                replies: PollReplies {
                    kind: "Collection".to_owned(),
                    total_items: 0,
                },
            })
            .collect(),
        end_time: rfc3339(poll.closes_at),
        voters_count: 0,
        to: recipient.iter().map(Url::to_string).collect(),
        tag: recipient
            .iter()
            .map(|href| Mention {
                kind: "Mention".to_owned(),
                href: href.clone(),
                name: mention.unwrap_or_default().to_owned(),
            })
            .collect(),
        published: Some(rfc3339(poll.created_at)),
    }
}

/// A note from `sender`: a vote in one of our polls, or a reply to one of our events or actions
/// (which earns its author a poll). `None` when it is neither.
pub async fn receive_note(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    object: &ContentObject,
) -> Result<Option<PollEffect>, ServiceError> {
    let Some(target) = object.in_reply_to.clone() else {
        return Ok(None);
    };
    // Only the author's own note counts, as the origin rule has it.
    if !object.is_by(&sender.ap_id) {
        return Ok(None);
    }
    if let Some(poll_id) = urls.local_poll_id(&target) {
        return vote(store, sender, &poll_id, object).await.map(Some);
    }
    let Some(subject) = subject(store, urls, &target, true).await? else {
        return Ok(None);
    };
    let poll = DbPoll {
        id: uuid::Uuid::new_v4().to_string(),
        local_actor_id: subject.local_actor_id,
        object_kind: subject.kind.to_owned(),
        object_id: subject.id.clone(),
        recipient: sender.ap_id.clone(),
        closes_at: subject.closes_at,
        created_at: now_millis(),
    };
    let mention = sender.mention();
    let question = question(urls, &poll, &subject.handle, &subject.text, Some(&mention));
    let create = outbox::create_question(urls, &question);
    let to_author = Recipients::Inbox {
        inbox: sender.inbox.clone(),
        host: sender.host.clone(),
    };
    let new = store
        .insert_poll(&poll, &create.reply(subject.local_actor_id, to_author))
        .await?;
    Ok(Some(if new {
        PollEffect::Offered
    } else {
        PollEffect::AlreadyOffered
    }))
}

async fn vote(
    store: &Store,
    sender: &DbRemoteActor,
    poll_id: &str,
    object: &ContentObject,
) -> Result<PollEffect, ServiceError> {
    let refused = |why: &str| Ok(PollEffect::Refused(why.to_owned()));
    let Ok(poll) = store.poll(poll_id).await else {
        return refused("no such poll");
    };
    if poll.recipient != sender.ap_id {
        return refused("the poll was not sent to this actor");
    }
    if poll.closes_at <= now_millis() {
        return refused("the poll is closed");
    }
    let Some(choice) = object.name.as_deref().map(|n| plain_text(n, 100)) else {
        return refused("a vote names its option");
    };
    let vote_id = Some(object.id.as_str());
    if poll.object_kind == "event" {
        let Some((_, state)) = EVENT_OPTIONS.iter().find(|(name, _)| *name == choice) else {
            return refused("no such option");
        };
        let event = store.event(&poll.object_id).await?;
        let takes_rsvps = matches!(
            event.details.join_mode,
            JoinMode::Free | JoinMode::Restricted
        );
        if let Some(reason) = crate::service::events::closed_reason(&event) {
            return refused(reason);
        }
        if !takes_rsvps {
            return refused("the event takes no RSVPs");
        }
        let state = match (state, event.details.join_mode) {
            (RsvpState::Going, JoinMode::Restricted) => RsvpState::Pending,
            (state, _) => *state,
        };
        let rsvp = NewRsvp {
            event_id: &event.id,
            participant: &sender.ap_id,
            host: &sender.host,
            state,
            via: RsvpVia::Poll,
            activity_ap_id: vote_id,
            message: "",
        };
        return match store
            .apply_rsvp(&rsvp, event.details.capacity, None)
            .await?
        {
            RsvpApplied::Stored { .. } => Ok(PollEffect::Voted(state.as_str().to_owned())),
            RsvpApplied::Full => refused("the event is full"),
        };
    }
    if choice == TAKE_PART {
        let action = store.action(&poll.object_id).await?;
        if let Some(reason) = crate::service::actions::closed_reason(&action) {
            return refused(reason);
        }
    }
    match choice.as_str() {
        TAKE_PART => {
            let name = plain_text(&sender.display_name(), 100);
            store
                .add_participation(
                    &NewParticipation {
                        action_id: &poll.object_id,
                        participant: &sender.ap_id,
                        host: &sender.host,
                        via: "poll",
                        name: None,
                        default_name: &name,
                        comment: None,
                        consent_to_contact: None,
                        activity_ap_id: vote_id,
                    },
                    None,
                )
                .await?;
            Ok(PollEffect::Voted("counted".to_owned()))
        }
        NOT_NOW => {
            store
                .remove_participation(&poll.object_id, &sender.ap_id)
                .await?;
            Ok(PollEffect::Voted("not counted".to_owned()))
        }
        _ => refused("no such option"),
    }
}

/// The poll `id` as anyone may fetch it: the question and its options, without its addressee.
pub async fn served_poll(app: &AppState, id: &str) -> Result<Question, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let poll = store
        .poll(id)
        .await
        .map_err(ServiceError::not_found(format!("no poll {id} here")))?;
    let target = match poll.object_kind.as_str() {
        "event" => urls.event(&poll.object_id),
        _ => urls.action(&poll.object_id),
    };
    let subject = subject(store, urls, &target, false)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("poll {id} is about something gone")))?;
    Ok(question(urls, &poll, &subject.handle, &subject.text, None))
}
