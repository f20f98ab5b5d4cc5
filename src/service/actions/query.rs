//! Reading actions: one with its progress, an organization's list, and the participant list
//! that only the organization's owners and admins may see.

use crate::db::{ActionProgress, DbAction, DbParticipation, DbUser, Store};
use crate::domain::Handle;
use crate::service::ServiceError;

/// A live action and its progress; deleted actions are not found.
pub async fn action(store: &Store, id: &str) -> Result<(DbAction, ActionProgress), ServiceError> {
    let action = store
        .action(id)
        .await
        .map_err(ServiceError::not_found(format!("no action {id}")))?;
    if action.deleted_at.is_some() {
        return Err(ServiceError::NotFound(format!("action {id} was deleted")));
    }
    let progress = store.action_progress(id).await?;
    Ok((action, progress))
}

/// The live actions of an organization, newest first.
pub async fn actions_of(
    store: &Store,
    org: &Handle,
) -> Result<Vec<(DbAction, ActionProgress)>, ServiceError> {
    let organization = crate::service::orgs::named(store, org).await?;
    let mut out = Vec::new();
    for action in store.actions_of(organization.actor_id).await? {
        let progress = store.action_progress(&action.id).await?;
        out.push((action, progress));
    }
    Ok(out)
}

/// Everyone who took part, for the organization's owners and admins.
pub async fn participations_for_organizers(
    store: &Store,
    user: &DbUser,
    id: &str,
) -> Result<Vec<DbParticipation>, ServiceError> {
    let (action, _) = action(store, id).await?;
    crate::service::orgs::as_manager(store, user, &action.handle).await?;
    Ok(store.participations(&action.id).await?)
}
