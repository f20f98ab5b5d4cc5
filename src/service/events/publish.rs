//! Creating, changing and deleting an organization's events (the verbs are shared with actions,
//! in `service::published`); each change is stored with the activity that tells the followers.

use super::input::EventInput;
use super::view::{EventView, view};
use crate::db::{DbEvent, DbUser, EventCounts};
use crate::domain::Handle;
use crate::service::ServiceError;
use crate::service::published;
use crate::state::AppState;

/// Publishes an event hosted by `org`; its followers receive a Create.
pub async fn create_event(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    input: &EventInput,
) -> Result<EventView, ServiceError> {
    let urls = app.urls();
    let event: DbEvent =
        published::create(&app.store, urls, user, org, || input.validate()).await?;
    Ok(view(urls, &event, &EventCounts::default()))
}

/// Replaces an event's fields; followers receive an Update with the current counts.
pub async fn update_event(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    id: &str,
    input: &EventInput,
) -> Result<EventView, ServiceError> {
    let urls = app.urls();
    let (event, counts): (DbEvent, _) =
        published::update(&app.store, urls, user, org, id, || input.validate()).await?;
    Ok(view(urls, &event, &counts))
}

/// Deletes an event: its id answers 410 with a Tombstone, and followers receive a Delete.
pub async fn delete_event(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    published::delete::<DbEvent>(store, urls, user, org, id).await
}
