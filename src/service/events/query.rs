//! Reading events: one with its counts, an organization's upcoming ones, and the participant
//! list that only the host's owners and admins may see.

use crate::db::{DbEvent, DbRsvp, DbUser, EventCounts, Store};
use crate::service::ServiceError;

/// A live event and its counts; deleted events are not found.
pub async fn event(store: &Store, id: &str) -> Result<(DbEvent, EventCounts), ServiceError> {
    let event = store
        .event(id)
        .await
        .map_err(ServiceError::not_found(format!("no event {id}")))?;
    if event.deleted_at.is_some() {
        return Err(ServiceError::NotFound(format!("event {id} was deleted")));
    }
    let counts = store.event_counts(id).await?;
    Ok((event, counts))
}

/// The live events of an organization that end after `after` (ms), soonest first.
pub async fn events_of(
    store: &Store,
    org: &crate::domain::Handle,
    after: i64,
) -> Result<Vec<(DbEvent, EventCounts)>, ServiceError> {
    let organization = crate::service::orgs::named(store, org).await?;
    let mut out = Vec::new();
    for event in store.events_of(organization.actor_id, after).await? {
        let counts = store.event_counts(&event.id).await?;
        out.push((event, counts));
    }
    Ok(out)
}

/// Everyone who answered the event, for the hosting organization's owners and admins.
pub async fn rsvps_for_organizers(
    store: &Store,
    user: &DbUser,
    id: &str,
) -> Result<Vec<DbRsvp>, ServiceError> {
    let (event, _) = event(store, id).await?;
    crate::service::orgs::as_manager(store, user, &event.handle).await?;
    Ok(store.rsvps(&event.id).await?)
}

/// One person's answer to an event, for its organizers after a decision.
pub async fn rsvp_of(
    store: &Store,
    event_id: &str,
    participant: &str,
) -> Result<DbRsvp, ServiceError> {
    store
        .rsvp(event_id, participant)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no RSVP from {participant}")))
}

/// The events here that `user` answered, with the answer, soonest first.
pub async fn answers_of(
    store: &Store,
    urls: &crate::federation::urls::Urls,
    user: &DbUser,
) -> Result<Vec<(String, String)>, ServiceError> {
    Ok(store.rsvps_of(urls.actor(&user.handle).as_str()).await?)
}
