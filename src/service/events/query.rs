//! Reading events: one with its counts, an organization's upcoming ones, and the participant
//! list that only the host's owners and admins may see.

use super::view::{EventView, ParticipantView, view};
use crate::db::{DbEvent, DbRsvp, DbUser, Store};
use crate::service::ServiceError;
use crate::service::published::live;
use crate::state::AppState;

/// A live event as people see it, with its counts; deleted events are not found.
pub async fn show(app: &AppState, id: &str) -> Result<EventView, ServiceError> {
    let event: DbEvent = live(&app.store, id).await?;
    let counts = app.store.event_counts(id).await?;
    Ok(view(app.urls(), &event, &counts))
}

/// The live events of an organization that have not ended yet, soonest first.
pub async fn upcoming(
    app: &AppState,
    org: &crate::domain::Handle,
) -> Result<Vec<EventView>, ServiceError> {
    let after = app.now();
    let store = &app.store;
    let organization = crate::service::orgs::named(store, org).await?;
    let events = store.events_of(organization.actor_id, after).await?;
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    let mut counts = store.event_counts_of(&ids).await?;
    let mut out = Vec::new();
    for event in &events {
        let counts = counts.remove(&event.id).unwrap_or_default();
        out.push(view(app.urls(), event, &counts));
    }
    Ok(out)
}

/// Everyone who answered the event, for the hosting organization's owners and admins.
pub async fn rsvps_for_organizers(
    app: &AppState,
    user: &DbUser,
    id: &str,
) -> Result<Vec<ParticipantView>, ServiceError> {
    let store = &app.store;
    let event: DbEvent = live(store, id).await?;
    crate::service::orgs::as_manager(store, user, &event.handle).await?;
    let rsvps = store.rsvps(&event.id).await?;
    Ok(rsvps.into_iter().map(ParticipantView::from).collect())
}

/// One person's answer to an event, for its organizers after a decision.
pub(crate) async fn rsvp_of(
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
    app: &AppState,
    user: &DbUser,
) -> Result<Vec<(String, String)>, ServiceError> {
    let store = &app.store;
    Ok(store
        .rsvps_of(app.urls().actor(&user.handle).as_str())
        .await?)
}

/// Where `user` stands with the event `id` (going, maybe, pending...), if they answered.
pub async fn answer_of(
    app: &AppState,
    user: &DbUser,
    id: &str,
) -> Result<Option<crate::domain::RsvpState>, ServiceError> {
    let participant = app.urls().actor(&user.handle).to_string();
    let found = app.store.rsvp(id, &participant).await?;
    Ok(found.and_then(|rsvp| serde_json::from_value(serde_json::Value::String(rsvp.state)).ok()))
}

/// The live events here that `user` answered going, maybe or asked to join, soonest first,
/// with their counts.
pub async fn answered_by(app: &AppState, user: &DbUser) -> Result<Vec<EventView>, ServiceError> {
    let store = &app.store;
    let me = app.urls().actor(&user.handle);
    let events = store.events_answered_by(me.as_str()).await?;
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    let mut counts = store.event_counts_of(&ids).await?;
    Ok(events
        .iter()
        .map(|event| {
            let counts = counts.remove(&event.id).unwrap_or_default();
            view(app.urls(), event, &counts)
        })
        .collect())
}
