//! Deleting an account: its actor is deleted as a campaign's is (its followers, and the servers
//! of what it took part in elsewhere, receive `Delete`; its addresses answer 410; its handle
//! stays taken), its tokens are revoked, its memberships end, and its participations and RSVPs
//! here are erased (the counts go down). The only owner of an organization is refused, so none is left ownerless.

use super::super::ServiceError;
use super::named;
use crate::db::DbUser;
use crate::domain::Handle;
use crate::state::AppState;

/// Deletes the user `handle`; returns it as it was.
pub async fn delete_user(app: &AppState, handle: &Handle) -> Result<DbUser, ServiceError> {
    let (store, urls) = (&app.store, app.urls());
    // What it publishes names the configured domain: refused when the database belongs to
    // another one.
    crate::service::instance::check_bound_domain(store, &app.config.domain).await?;
    let user = named(store, handle).await?;
    let owned = store.organizations_only_owned_by(user.id).await?;
    if !owned.is_empty() {
        let list = owned
            .iter()
            .map(|org| format!("'{org}'"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(ServiceError::Conflict(format!(
            "'{handle}' is the only owner of {list}; delete the organization first"
        )));
    }
    let delete = crate::federation::outbox::delete_actor(urls, handle);
    let ap_id = urls.actor(handle);
    store
        .delete_user(&user, ap_id.as_str(), &delete.to_followers(user.actor_id))
        .await?;
    tracing::info!(%handle, "user deleted");
    Ok(user)
}
