//! Local actors as ActivityPub documents: the one bridge from stored actors to the wire.

use super::protocol::context::actor_context;
use super::protocol::{Actor, ActorType, Endpoints, PublicKeyDoc};
use super::urls::Urls;
use crate::db::DbLocalActor;
use crate::domain::ActorKind;

/// The document of a local actor.
pub fn local_actor_document(actor: &DbLocalActor, urls: &Urls) -> Actor {
    let handle = &actor.handle;
    let id = urls.actor(handle);
    let is_instance = actor.kind == ActorKind::Application;
    Actor {
        context: actor_context(),
        kind: match actor.kind {
            ActorKind::Person => ActorType::Person,
            ActorKind::Group | ActorKind::Registry => ActorType::Group,
            ActorKind::Application => ActorType::Application,
        },
        preferred_username: Some(handle.to_string()),
        name: Some(actor.name.clone()),
        summary: (!actor.summary.is_empty()).then(|| actor.summary.clone()),
        url: (!is_instance).then(|| urls.profile(handle)),
        inbox: urls.inbox(handle),
        outbox: Some(urls.outbox(handle)),
        followers: (!is_instance).then(|| urls.followers(handle)),
        following: (!is_instance).then(|| urls.following(handle)),
        featured: (actor.kind == ActorKind::Group).then(|| urls.featured(handle)),
        events: actor
            .is_campaign
            .then(|| urls.actor_collection(handle, "events")),
        actions: actor
            .is_campaign
            .then(|| urls.actor_collection(handle, "actions")),
        posts: actor
            .is_campaign
            .then(|| urls.actor_collection(handle, "posts")),
        updates: actor
            .is_campaign
            .then(|| urls.actor_collection(handle, "updates")),
        cohosts: actor
            .is_campaign
            .then(|| urls.actor_collection(handle, "cohosts")),
        endpoints: Some(Endpoints {
            shared_inbox: Some(urls.shared_inbox()),
        }),
        public_key: PublicKeyDoc {
            id: urls.key_id(handle),
            owner: id.clone(),
            public_key_pem: actor.public_key_pem.clone(),
        },
        manually_approves_followers: actor.manually_approves_followers,
        discoverable: (!is_instance).then_some(true),
        published: None,
        assertion_method: serde_json::Value::Null,
        registry: None,
        registry_log: None,
        memberships: None,
        id,
    }
}
