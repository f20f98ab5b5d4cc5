//! Campaigns: a followable Group actor per campaign, hosted by an organization, gathering its
//! events and actions. An item of the hosting organization joins at once; one of another
//! organization waits for that organization's consent. Accepted items are announced to the
//! campaign's followers (`Announce{Create{X}}` and `Announce{X}`) and count in its totals.
//! Dated updates are notes the campaign's actor publishes to its followers. Co-hosts (`cohosts`)
//! share the campaign: their members add items and post updates, and their items need no
//! further consent.

mod asked;
mod cohost_items;
mod cohosts;
mod input;
mod items;
mod linked;
mod query;
mod remote;
mod view;

pub use asked::{Asked, ItemRequest, accept_item_request, asked_of, decline_item_request};
pub use cohost_items::add_to_cohosted;
pub use cohosts::{
    CohostInvitation, accept_cohost_invitation, cohost_invitations, invite_cohost, receive_invite,
    receive_invite_answer,
};
pub use input::CampaignInput;
pub use items::{accept_item, add_item, remove_item};
pub use query::{collection, post_title};
pub use remote::{
    CampaignAnswerKind, accept_invitation, invitations, receive_add, receive_add_answer,
};
pub use view::{CampaignView, CohostView, ItemView, UpdateView, campaigns_of, show};

use crate::db::{DbCampaign, DbUser, Store};
use crate::domain::Handle;
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::service::actors::generate_keys;
use crate::state::AppState;

/// Creates a campaign of `org` with its own actor `input.handle`.
pub async fn create_campaign(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    input: &CampaignInput,
) -> Result<DbCampaign, ServiceError> {
    let store = &app.store;
    let organization = crate::service::orgs::as_member(store, user, org).await?;
    let (handle, details) = input.validate()?;
    let keys = generate_keys().await?;
    store
        .insert_campaign(&handle, keys.as_new(), organization.id, &details)
        .await
        .map_err(ServiceError::handle_taken(&handle))?;
    Ok(store.campaign_by_handle(&handle).await?)
}

/// Replaces a campaign's details (its handle stays).
pub async fn update_campaign(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
    input: &CampaignInput,
) -> Result<DbCampaign, ServiceError> {
    let store = &app.store;
    let campaign = managed(store, user, handle).await?;
    let (_, details) = input.validate()?;
    store.update_campaign(campaign.id, &details).await?;
    Ok(store.campaign_by_handle(handle).await?)
}

/// An owner or admin of the campaign's organization deletes it: its followers receive `Delete`
/// of its actor, whose id then answers 410; its items and co-hosts are let go.
pub async fn delete_campaign(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let campaign = by_handle(store, handle).await?;
    crate::service::orgs::as_manager(store, user, &campaign.organization_handle).await?;
    let delete = crate::federation::outbox::delete_campaign(urls, handle);
    store
        .delete_campaign(&campaign, &delete.to_followers(campaign.actor_id))
        .await?;
    Ok(())
}

/// The campaign `handle`, or `NotFound` naming it.
pub async fn campaign_named(store: &Store, handle: &Handle) -> Result<DbCampaign, ServiceError> {
    by_handle(store, handle).await
}

async fn by_handle(store: &Store, handle: &Handle) -> Result<DbCampaign, ServiceError> {
    store
        .campaign_by_handle(handle)
        .await
        .map_err(ServiceError::not_found(format!(
            "no campaign named '{handle}'"
        )))
}

/// The campaign `handle`, for a change by a member of its organization.
async fn managed(
    store: &Store,
    user: &DbUser,
    handle: &Handle,
) -> Result<DbCampaign, ServiceError> {
    let campaign = by_handle(store, handle).await?;
    crate::service::orgs::as_member(store, user, &campaign.organization_handle).await?;
    Ok(campaign)
}

/// The campaign `handle`, for adding items or updates by a member of its organization or of a
/// local organization that co-hosts it.
async fn contributed(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    handle: &Handle,
) -> Result<DbCampaign, ServiceError> {
    let campaign = by_handle(store, handle).await?;
    let mut hosts = vec![campaign.organization_handle.clone()];
    hosts.extend(cohosts::local_cohosts(store, urls, &campaign).await?);
    for host in &hosts {
        let org = store.organization_by_handle(host).await?;
        if store.organization_role(org.id, user.id).await?.is_some() {
            return Ok(campaign);
        }
    }
    Err(ServiceError::Forbidden(format!(
        "you are not a member of an organization hosting '{handle}'"
    )))
}

/// Posts a dated update, written in Markdown, as the campaign: a public note from its actor to
/// its followers, rendered to sanitised HTML.
pub async fn post_update(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
    text: &str,
) -> Result<crate::db::DbNote, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let campaign = contributed(store, urls, user, handle).await?;
    let markdown = crate::service::notes::NoteFormat::Markdown;
    crate::service::notes::publish_as(store, urls, campaign.actor_id, handle, text, markdown).await
}

/// A member of the campaign's organization deletes one of its updates: its id answers 410 and
/// the campaign's followers receive `Delete`.
pub async fn delete_update(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
    id: &str,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let campaign = managed(store, user, handle).await?;
    let missing = || format!("no update {id} of '{handle}'");
    let note = store
        .note(id)
        .await
        .map_err(ServiceError::not_found(missing()))?;
    if note.local_actor_id != campaign.actor_id || note.deleted_at.is_some() {
        return Err(ServiceError::NotFound(missing()));
    }
    let note_id = urls.note(&note.id);
    let delete = crate::federation::outbox::delete_note(urls, handle, &note_id);
    store
        .delete_note(
            &note.id,
            note_id.as_str(),
            &delete.to_followers(campaign.actor_id),
        )
        .await?;
    Ok(())
}
