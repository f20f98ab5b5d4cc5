//! Which events a calendar feed holds: an organization's, the whole instance's, or the events
//! a person answered (also at their private calendar address), or one event. `crate::feeds` renders them; a campaign's calendar is in `feeds`.

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

/// The live event `id` here, for its own calendar file.
pub async fn event(app: &AppState, id: &str) -> Result<DbEvent, ServiceError> {
    crate::service::published::live(&app.store, id).await
}

/// Every private calendar secret starts with this.
const CALENDAR_PREFIX: &str = "cal_";

fn calendar_hash(secret: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(secret.as_bytes()))
}

/// A new private calendar address secret for `user` (any earlier one stops working), shown
/// once: only its SHA-256 is kept.
pub async fn make_private_calendar(app: &AppState, user: &DbUser) -> Result<String, ServiceError> {
    use base64::Engine;
    let secret = format!(
        "{CALENDAR_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
    );
    app.store
        .set_calendar_key(user.id, &calendar_hash(&secret))
        .await?;
    Ok(secret)
}

/// Whether `user` has a private calendar address.
pub async fn has_private_calendar(app: &AppState, user: &DbUser) -> Result<bool, ServiceError> {
    Ok(app.store.has_calendar_key(user.id).await?)
}

/// Stops `user`'s private calendar address from working.
pub async fn forget_private_calendar(app: &AppState, user: &DbUser) -> Result<(), ServiceError> {
    Ok(app.store.remove_calendar_key(user.id).await?)
}

/// The person a private calendar `secret` belongs to and the events they answered; `NotFound`
/// for an unknown secret or a disabled or deleted account.
pub async fn private_calendar(
    app: &AppState,
    secret: &str,
) -> Result<(DbUser, Vec<DbEvent>), ServiceError> {
    let unknown = || ServiceError::NotFound("no such calendar".to_owned());
    if !secret.starts_with(CALENDAR_PREFIX) {
        return Err(unknown());
    }
    let user = match app.store.user_by_calendar_key(&calendar_hash(secret)).await {
        Ok(user) if user.disabled_at.is_none() && user.deleted_at.is_none() => user,
        Ok(_) | Err(crate::db::DbError::NotFound) => return Err(unknown()),
        Err(other) => return Err(other.into()),
    };
    let events = events_of_person(app, &user).await?;
    Ok((user, events))
}
