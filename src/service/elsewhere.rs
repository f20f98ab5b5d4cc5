//! Local people taking part in events and actions hosted on other servers (a sibling co-op,
//! Mobilizon): the object is fetched from its id, a `Join` goes to its host with a pending
//! record in one transaction, the host's `Accept`, `Reject` or `Ignore` settles it, and a
//! `Leave` withdraws.

use crate::db::{DbRemoteActor, DbSentRsvp, DbUser, Recipients, SentRsvpState, Store};
use crate::federation::context::Federation;
use crate::federation::inbound::authority;
use crate::federation::outbox::{self, ParticipationNote};
use crate::federation::protocol::ParticipationType;
use crate::federation::protocol::lenient::single_id;
use crate::service::ServiceError;
use crate::service::blocks::refuse_blocked;
use crate::state::AppState;
use serde::Deserialize;
use url::Url;

/// What kind of object a participation is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Participable {
    Event,
    Action,
}

impl Participable {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Event => "event",
            Self::Action => "action",
        }
    }
}

/// The few fields of a remote object that decide whether one can take part in it.
#[derive(Deserialize)]
struct Target {
    id: Url,
    #[serde(rename = "type")]
    kind: String,
    #[serde(rename = "attributedTo", deserialize_with = "single_id")]
    attributed_to: Url,
    #[serde(rename = "actionType", default)]
    action_type: Option<String>,
}

fn not_participable(url: &Url, why: impl std::fmt::Display) -> ServiceError {
    ServiceError::Invalid {
        field: "object",
        message: format!("{url} is not an event or action: {why}"),
    }
}

/// The remote event or action at `url`, read from its origin: what it is, its id, its host
/// actor and the document.
pub(crate) async fn remote_participable(
    store: &Store,
    federation: &Federation,
    url: &Url,
) -> Result<(Participable, Url, DbRemoteActor, serde_json::Value), ServiceError> {
    refuse_blocked(store, &authority(url)).await?;
    let document = federation.fetch_signed(store, url).await?.json;
    let (kind, id, host) = participable(store, federation, url, &document).await?;
    Ok((kind, id, host, document))
}

/// What the `document` fetched from `url` is, as `remote_participable` tells.
pub(crate) async fn participable(
    store: &Store,
    federation: &Federation,
    url: &Url,
    document: &serde_json::Value,
) -> Result<(Participable, Url, DbRemoteActor), ServiceError> {
    let target = Target::deserialize(document).map_err(|e| not_participable(url, e))?;
    let kind = match (target.kind.as_str(), &target.action_type) {
        ("Event", _) => Participable::Event,
        ("Page", Some(_)) => Participable::Action,
        (other, _) => return Err(not_participable(url, format!("a {other}"))),
    };
    // The fetch already holds the id to the final URL; the host must share its origin.
    if target.attributed_to.origin() != target.id.origin() {
        return Err(not_participable(url, "its host is on another server"));
    }
    let host = federation.actor(store, &target.attributed_to).await?;
    Ok((kind, target.id, host))
}

/// `user` asks to take part in the remote event or action at `url` (Join, with `note`), or
/// withdraws (`join` false: Leave), when it is the `expected` kind. Returns where the
/// participation stands.
pub async fn participate_elsewhere(
    app: &AppState,
    user: &DbUser,
    url: &Url,
    expected: Participable,
    join: bool,
    note: ParticipationNote,
) -> Result<Option<SentRsvpState>, ServiceError> {
    let (kind, object, host, _) = remote_participable(&app.store, &app.federation, url).await?;
    // Checked before anything is stored or sent: answering an action as an event (or the
    // reverse) must not sign it, nor withdraw a real participation.
    if kind != expected {
        return Err(ServiceError::Invalid {
            field: "object",
            message: format!(
                "{url} is an {}, not an {}",
                kind.as_str(),
                expected.as_str()
            ),
        });
    }
    take_part_in(app, user, kind, &object, &host, join, note).await
}

/// `user` asks to take part in `object`, a `kind` hosted by `host`, already read from its
/// origin (Join, with `note`), or withdraws (`join` false: Leave).
pub(crate) async fn take_part_in(
    app: &AppState,
    user: &DbUser,
    kind: Participable,
    object: &Url,
    host: &DbRemoteActor,
    join: bool,
    note: ParticipationNote,
) -> Result<Option<SentRsvpState>, ServiceError> {
    let store = &app.store;
    let federation = &app.federation;
    let host_id = Url::parse(&host.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let urls = federation.urls();
    let activity = if join {
        ParticipationType::Join
    } else {
        ParticipationType::Leave
    };
    let prepared = outbox::participation(urls, &user.handle, activity, object, &host_id, note);
    let reply = prepared.reply(user.actor_id, Recipients::inbox_of(host));
    let state = if join {
        store
            .add_sent_rsvp(
                user.actor_id,
                kind.as_str(),
                object.as_str(),
                &host.ap_id,
                &reply,
            )
            .await?;
        Some(SentRsvpState::Pending)
    } else {
        store
            .remove_sent_rsvp(user.actor_id, object.as_str(), &reply)
            .await?;
        None
    };
    Ok(state)
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

/// What `user` asked to take part in elsewhere.
pub async fn sent_participations(
    app: &AppState,
    user: &DbUser,
) -> Result<Vec<DbSentRsvp>, ServiceError> {
    let store = &app.store;
    Ok(store.sent_rsvps(user.actor_id).await?)
}

/// One of a person's answers to an event elsewhere, for their pages.
#[derive(Debug)]
pub struct SentAnswer {
    /// The event's id on its server.
    pub event: String,
    /// `pending`, `accepted`, `rejected` or `ignored`.
    pub state: &'static str,
}

/// The events elsewhere `user` asked to go to, newest answer first.
pub async fn events_elsewhere(
    app: &AppState,
    user: &DbUser,
) -> Result<Vec<SentAnswer>, ServiceError> {
    let mut sent: Vec<DbSentRsvp> = sent_participations(app, user)
        .await?
        .into_iter()
        .filter(|sent| sent.kind == Participable::Event.as_str())
        .collect();
    sent.sort_by_key(|sent| std::cmp::Reverse(sent.updated_at));
    Ok(sent
        .into_iter()
        .map(|sent| SentAnswer {
            event: sent.object_ap_id,
            state: sent.state.as_str(),
        })
        .collect())
}
