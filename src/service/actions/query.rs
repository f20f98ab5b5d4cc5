//! Reading actions: one with its progress, an organization's list, and the participant list
//! that only the organization's owners and admins may see.

use super::view::{ActionView, ParticipantView, view};
use crate::db::{DbAction, DbUser};
use crate::domain::Handle;
use crate::service::ServiceError;
use crate::service::published::live;
use crate::state::AppState;

/// A live action as people see it, with its progress; deleted actions are not found.
pub async fn show(app: &AppState, id: &str) -> Result<ActionView, ServiceError> {
    let action: DbAction = live(&app.store, id).await?;
    let progress = app.store.action_progress(id).await?;
    Ok(view(app.urls(), &action, &progress))
}

/// The live actions of an organization, newest first.
pub async fn actions_of(app: &AppState, org: &Handle) -> Result<Vec<ActionView>, ServiceError> {
    let store = &app.store;
    let organization = crate::service::orgs::named(store, org).await?;
    let actions = store.actions_of(organization.actor_id).await?;
    let ids: Vec<&str> = actions.iter().map(|a| a.id.as_str()).collect();
    let mut progress = store.action_progress_of(&ids).await?;
    let mut out = Vec::new();
    for action in &actions {
        let progress = progress.remove(&action.id).unwrap_or_default();
        out.push(view(app.urls(), action, &progress));
    }
    Ok(out)
}

/// Everyone who took part, for the organization's owners and admins.
pub async fn participations_for_organizers(
    app: &AppState,
    user: &DbUser,
    id: &str,
) -> Result<Vec<ParticipantView>, ServiceError> {
    let store = &app.store;
    let action: DbAction = live(store, id).await?;
    crate::service::orgs::as_manager(store, user, &action.handle).await?;
    let list = store.participations(&action.id).await?;
    Ok(list.into_iter().map(ParticipantView::from).collect())
}

/// Whether `user` took part in the action `id`, and what they said: for the action's page.
pub async fn participation_of(
    app: &AppState,
    user: &DbUser,
    id: &str,
) -> Result<Option<ParticipantView>, ServiceError> {
    let participant = app.urls().actor(&user.handle).to_string();
    let found = app.store.participation(id, &participant).await?;
    Ok(found.map(ParticipantView::from))
}
