//! Which events a calendar feed holds: an organization's, the whole instance's, or the events
//! a person answered. `crate::feeds` renders them; a campaign's calendar is in `feeds`.

use super::ServiceError;
use crate::db::{DbEvent, DbUser};
use crate::domain::Handle;
use crate::state::AppState;

/// An organization's name and its live events that end after `after` (ms), soonest first.
pub async fn organization_events(
    app: &AppState,
    handle: &Handle,
    after: i64,
) -> Result<(String, Vec<DbEvent>), ServiceError> {
    let store = &app.store;
    let org = super::orgs::named(store, handle).await?;
    let events = store.events_of(org.actor_id, after).await?;
    Ok((org.name, events))
}

/// Every organization's live events here that end after `after` (ms), at most `limit`.
pub async fn instance_events(
    app: &AppState,
    after: i64,
    limit: i64,
) -> Result<Vec<DbEvent>, ServiceError> {
    let store = &app.store;
    Ok(store.upcoming_events(after, limit, 0).await?)
}

/// The live events here that `user` said they go to, may go to, or asked to join.
pub async fn events_of_person(app: &AppState, user: &DbUser) -> Result<Vec<DbEvent>, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let me = urls.actor(&user.handle);
    Ok(store.events_answered_by(me.as_str()).await?)
}
