//! Creating, changing and deleting an organization's events (the verbs are shared with actions,
//! in `service::published`); each change is stored with the activity that tells the followers.

use super::input::EventInput;
use crate::db::{DbEvent, DbUser, Store};
use crate::domain::Handle;
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::service::published;

/// Publishes an event hosted by `org`; its followers receive a Create.
pub async fn create_event(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    input: &EventInput,
) -> Result<DbEvent, ServiceError> {
    published::create(store, urls, user, org, || input.validate()).await
}

/// The live event `id` hosted by `org`, for a change by a member of `org`.
pub(super) async fn own_event(
    store: &Store,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<DbEvent, ServiceError> {
    published::own(store, user, org, id).await
}

/// Replaces an event's fields; followers receive an Update with the current counts.
pub async fn update_event(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
    input: &EventInput,
) -> Result<DbEvent, ServiceError> {
    published::update(store, urls, user, org, id, || input.validate()).await
}

/// Deletes an event: its id answers 410 with a Tombstone, and followers receive a Delete.
pub async fn delete_event(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<(), ServiceError> {
    published::delete::<DbEvent>(store, urls, user, org, id).await
}
