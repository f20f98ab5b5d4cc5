//! Activities about a person's or an organization's own actor.

use super::super::protocol::context::PUBLIC;
use super::super::protocol::lenient::IdOrObject;
use super::super::protocol::{ObjectActivity, ObjectActivityType};
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
