//! Creating, changing and deleting an organization's actions (the verbs are shared with events,
//! in `service::published`); each change is stored with the activity that tells the followers.

use super::input::ActionInput;
use super::view::{ActionView, view};
use crate::db::{ActionProgress, DbAction, DbUser};
use crate::domain::Handle;
use crate::service::ServiceError;
use crate::service::published;
use crate::state::AppState;

/// Publishes an action of `org`; its followers receive a Create.
pub async fn create_action(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    input: &ActionInput,
) -> Result<ActionView, ServiceError> {
    let urls = app.urls();
    let action: DbAction =
        published::create(&app.store, urls, user, org, || input.validate()).await?;
    Ok(view(urls, &action, &ActionProgress::default()))
}

/// Replaces an action's details; followers receive an Update with the current progress.
pub async fn update_action(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    id: &str,
    input: &ActionInput,
) -> Result<ActionView, ServiceError> {
    let urls = app.urls();
    let (action, progress): (DbAction, _) =
        published::update(&app.store, urls, user, org, id, || input.validate()).await?;
    Ok(view(urls, &action, &progress))
}

/// Deletes an action: its id answers 410 with a Tombstone, and followers receive a Delete.
pub async fn delete_action(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    published::delete::<DbAction>(store, urls, user, org, id).await
}
