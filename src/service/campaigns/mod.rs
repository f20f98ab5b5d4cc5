//! Campaigns: a followable Group actor per campaign, hosted by an organization, gathering its
//! events and actions. An item of the hosting organization joins at once; one of another
//! organization waits for that organization's consent. Accepted items are announced to the
//! campaign's followers (`Announce{Create{X}}` and `Announce{X}`) and count in its totals.
//! Dated updates are notes the campaign's actor publishes to its followers.

mod input;
mod items;
mod query;
mod remote;

pub use input::CampaignInput;
pub use items::{accept_item, add_item};
pub use query::{CampaignItemView, CampaignTotals, campaign, campaigns_of, totals};
pub use remote::{
    accept_invitation, add_remote_item, invitations, receive_add, receive_add_answer,
};

use crate::db::{DbCampaign, DbUser, Store};
use crate::domain::Handle;
use crate::service::ServiceError;
use crate::service::actors::generate_keys;

/// Creates a campaign of `org` with its own actor `input.handle`.
pub async fn create_campaign(
    store: &Store,
    user: &DbUser,
    org: &Handle,
    input: &CampaignInput,
) -> Result<DbCampaign, ServiceError> {
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
    store: &Store,
    user: &DbUser,
    handle: &Handle,
    input: &CampaignInput,
) -> Result<DbCampaign, ServiceError> {
    let campaign = managed(store, user, handle).await?;
    let (_, details) = input.validate()?;
    store.update_campaign(campaign.id, &details).await?;
    Ok(store.campaign_by_handle(handle).await?)
}

/// The campaign `handle`, for a change by a member of its organization.
async fn managed(
    store: &Store,
    user: &DbUser,
    handle: &Handle,
) -> Result<DbCampaign, ServiceError> {
    let campaign = store
        .campaign_by_handle(handle)
        .await
        .map_err(ServiceError::not_found(format!(
            "no campaign named '{handle}'"
        )))?;
    crate::service::orgs::as_member(store, user, &campaign.organization_handle).await?;
    Ok(campaign)
}

/// Posts a dated update as the campaign: a public note from its actor to its followers.
pub async fn post_update(
    store: &Store,
    urls: &crate::federation::urls::Urls,
    user: &DbUser,
    handle: &Handle,
    text: &str,
) -> Result<crate::db::DbNote, ServiceError> {
    let campaign = managed(store, user, handle).await?;
    crate::service::notes::publish_as(store, urls, campaign.actor_id, handle, text).await
}
