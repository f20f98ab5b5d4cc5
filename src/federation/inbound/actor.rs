//! Remote actor documents: parsed leniently, then held to the origin rule. The inbox, shared
//! inbox, followers collection and key must all live on the actor's own origin, and the key's
//! owner must be the actor: otherwise one server could point deliveries, or signatures, at
//! another.

use super::object::same_origin;
use crate::db::NewRemoteActor;
use crate::federation::protocol::{Actor, ActorType};
use crate::federation::sanitize::plain_text;
use serde_json::Value;
use url::Url;

/// Why a fetched actor document was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ActorRejected {
    #[error("not an actor document: {0}")]
    Shape(String),
    #[error("the actor's id {found} is not the URL it was fetched from ({expected})")]
    IdMismatch { expected: String, found: String },
    #[error("the actor's {field} is on another origin than the actor")]
    ForeignOrigin { field: &'static str },
    #[error("the key's owner {0} is not the actor")]
    KeyOwner(String),
}

/// Validates a fetched actor document whose final URL was `fetched_from`.
pub fn remote_actor_from_json(
    json: Value,
    fetched_from: &Url,
) -> Result<NewRemoteActor, ActorRejected> {
    let actor: Actor =
        serde_json::from_value(json).map_err(|e| ActorRejected::Shape(e.to_string()))?;
    if actor.id != *fetched_from {
        return Err(ActorRejected::IdMismatch {
            expected: fetched_from.to_string(),
            found: actor.id.to_string(),
        });
    }
    let id = &actor.id;
    let check = |field: &'static str, url: Option<&Url>| match url {
        Some(url) if !same_origin(url, id) => Err(ActorRejected::ForeignOrigin { field }),
        _ => Ok(()),
    };
    check("inbox", Some(&actor.inbox))?;
    let shared_inbox = actor
        .endpoints
        .as_ref()
        .and_then(|e| e.shared_inbox.clone());
    check("sharedInbox", shared_inbox.as_ref())?;
    check("followers", actor.followers.as_ref())?;
    check("publicKey.id", Some(&actor.public_key.id))?;
    if actor.public_key.owner != *id {
        return Err(ActorRejected::KeyOwner(actor.public_key.owner.to_string()));
    }
    let kind = match actor.kind {
        ActorType::Person => "Person",
        ActorType::Group => "Group",
        ActorType::Application => "Application",
        ActorType::Service => "Service",
        ActorType::Organization => "Organization",
    };
    Ok(NewRemoteActor {
        host: authority(id),
        ap_id: id.to_string(),
        kind: kind.to_owned(),
        preferred_username: plain_text(
            actor.preferred_username.as_deref().unwrap_or_default(),
            100,
        ),
        name: plain_text(actor.name.as_deref().unwrap_or_default(), 200),
        summary: plain_text(actor.summary.as_deref().unwrap_or_default(), 2000),
        url: actor.url.map(String::from),
        inbox: actor.inbox.to_string(),
        shared_inbox: shared_inbox.map(String::from),
        followers_url: actor.followers.map(String::from),
        public_key_id: actor.public_key.id.to_string(),
        public_key_pem: actor.public_key.public_key_pem,
    })
}

/// `host[:port]` of a URL, lower case: how instances are named in the store.
pub fn authority(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    }
}
