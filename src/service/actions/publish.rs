//! Creating, changing and deleting an organization's actions (the verbs are shared with events,
//! in `service::published`); each change is stored with the activity that tells the followers.

use super::input::ActionInput;
use crate::db::{DbAction, DbUser, Store};
use crate::domain::Handle;
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::service::published;

/// Publishes an action of `org`; its followers receive a Create.
pub async fn create_action(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    input: &ActionInput,
) -> Result<DbAction, ServiceError> {
    published::create(store, urls, user, org, || input.validate()).await
}

/// Replaces an action's details; followers receive an Update with the current progress.
pub async fn update_action(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
    input: &ActionInput,
) -> Result<DbAction, ServiceError> {
    published::update(store, urls, user, org, id, || input.validate()).await
}

/// Deletes an action: its id answers 410 with a Tombstone, and followers receive a Delete.
pub async fn delete_action(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<(), ServiceError> {
    published::delete::<DbAction>(store, urls, user, org, id).await
}
