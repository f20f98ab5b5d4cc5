//! Deleting an organization: its actor is deleted as a campaign's is (its followers receive
//! `Delete`, its addresses answer 410, its handle stays taken). An organization that still hosts
//! live campaigns, events or actions is refused rather than deleting them too: each campaign
//! has followers of its own who deserve their own `Delete`, and events and actions take RSVPs and
//! signatures that nobody could answer or withdraw once the organization is gone; its members
//! delete them first, which tells their followers. Its notes stay readable.

use super::super::ServiceError;
use super::named;
use crate::db::DbOrganization;
use crate::domain::Handle;
use crate::state::AppState;

/// Deletes the organization `handle`; returns it as it was.
pub async fn delete_organization(
    app: &AppState,
    handle: &Handle,
) -> Result<DbOrganization, ServiceError> {
    let (store, urls) = (&app.store, app.urls());
    // What it publishes names the configured domain: refused when the database belongs to
    // another one.
    crate::service::instance::check_bound_domain(store, &app.config.domain).await?;
    let organization = named(store, handle).await?;
    let campaigns = store.campaigns_of(organization.id).await?;
    if !campaigns.is_empty() {
        let list = campaigns
            .iter()
            .map(|campaign| format!("'{}'", campaign.handle))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(ServiceError::Conflict(format!(
            "'{handle}' still hosts the campaigns {list}; delete them first \
             (DELETE /api/v1/campaigns/HANDLE by an owner or admin of '{handle}')"
        )));
    }
    let events = store.events_of(organization.actor_id, 0).await?.len();
    let actions = store.actions_of(organization.actor_id).await?.len();
    if events + actions > 0 {
        return Err(ServiceError::Conflict(format!(
            "'{handle}' still publishes {events} event(s) and {actions} action(s), which people \
             answer and sign; delete them first (DELETE /api/v1/orgs/{handle}/events/ID and \
             /actions/ID by a member)"
        )));
    }
    let delete = crate::federation::outbox::delete_actor(urls, handle);
    store
        .delete_organization(&organization, &delete.to_followers(organization.actor_id))
        .await?;
    tracing::info!(%handle, "organization deleted");
    Ok(organization)
}
