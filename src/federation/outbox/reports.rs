//! Reports we send: a `Flag` from our instance actor to the server of a reported post, as
//! Mastodon forwards reports (the reporter is not named).

use super::super::protocol::{Flag, FlagType};
use super::super::urls::Urls;
use super::{Prepared, context, to_json};
use crate::domain::Handle;
use url::Url;

/// `Flag` of `object` and its author `account`, with the reporter's `comment`; not public.
pub fn flag(urls: &Urls, account: &Url, object: &Url, comment: &str) -> Prepared {
    Prepared::new(urls, "Flag", |id| {
        to_json(&Flag {
            context: context(),
            id,
            kind: FlagType::Flag,
            actor: urls.actor(&Handle::instance_actor()),
            object: vec![account.to_string(), object.to_string()],
            content: (!comment.is_empty()).then(|| comment.to_owned()),
            summary: None,
        })
    })
    .about(object)
    .private()
}
