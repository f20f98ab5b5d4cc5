//! Activities about a person's or an organization's own actor.

use super::super::protocol::context::PUBLIC;
use super::super::protocol::lenient::IdOrObject;
use super::super::protocol::{Actor, ObjectActivity, ObjectActivityType};
use super::super::urls::Urls;
use super::{Prepared, context, to_json};
use crate::domain::Handle;

/// `Delete` of a local actor by itself, to its followers, as Mastodon deletes an account.
pub fn delete_actor(urls: &Urls, actor: &Handle) -> Prepared {
    Prepared::new(urls, "Delete", |id| {
        to_json(&ObjectActivity {
            context: context(),
            id,
            kind: ObjectActivityType::Delete,
            actor: urls.actor(actor),
            object: IdOrObject::Id(urls.actor(actor)),
            to: vec![PUBLIC.to_owned()],
            cc: vec![urls.followers(actor).to_string()],
            published: None,
        })
    })
}

/// `Update` of a local actor by itself, embedding its document as it is now, to its followers
/// and the public (Mastodon refreshes a profile on it, without fetching).
pub fn update_actor(urls: &Urls, document: &Actor) -> Prepared {
    let handle = document
        .preferred_username
        .clone()
        .map(Handle::from_trusted)
        .expect("our actors have a handle");
    let mut object = serde_json::to_value(document).expect("our wire types always serialize");
    // The actor's context (Mastodon's and Mobilizon's terms) goes on the activity.
    let actor_context = object
        .as_object_mut()
        .and_then(|object| object.remove("@context"))
        .unwrap_or_else(context);
    Prepared::new(urls, "Update", |id| {
        to_json(&ObjectActivity {
            context: actor_context,
            id,
            kind: ObjectActivityType::Update,
            actor: urls.actor(&handle),
            object: IdOrObject::Object(object),
            to: vec![PUBLIC.to_owned()],
            cc: vec![urls.followers(&handle).to_string()],
            published: None,
        })
    })
    .about(&urls.actor(&handle))
}
