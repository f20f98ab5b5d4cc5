//! What campaigns ask of an organization, gathered for its owners and admins on one page: to
//! co-host a campaign (here or elsewhere), and to let a campaign include one of its events or
//! actions (an `Add` from a campaign elsewhere, or an item proposed to a campaign here), with
//! the one way to say yes to an item whichever side the campaign is on.

use super::cohosts::{CohostInvitation, cohost_invitations};
use super::items::{accept_item, remove_item};
use super::remote::{accept_invitation, invitations};
use crate::domain::Handle;
use crate::service::ServiceError;
use crate::state::AppState;
use url::Url;

/// A campaign asking to include one of the organization's events or actions.
#[derive(Debug)]
pub struct ItemRequest {
    /// The campaign's actor id, here or elsewhere.
    pub campaign: String,
    /// Its title when it is here; else empty.
    pub campaign_title: String,
    /// Whether the campaign is here: its proposal can be declined (one elsewhere is declined by
    /// not answering its `Add`).
    pub here: bool,
    /// The event's or action's id and title.
    pub object: String,
    pub title: String,
    /// `event` or `action`.
    pub kind: &'static str,
    pub accepted: bool,
}

/// Everything campaigns ask of an organization.
#[derive(Debug, Default)]
pub struct Asked {
    pub cohosting: Vec<CohostInvitation>,
    pub items: Vec<ItemRequest>,
}

/// What campaigns ask of `org`; its owners and admins only.
pub async fn asked_of(
    app: &AppState,
    user: &crate::db::DbUser,
    org: &Handle,
) -> Result<Asked, ServiceError> {
    let cohosting = cohost_invitations(app, user, org).await?;
    let store = &app.store;
    let urls = app.urls();
    let mut items = Vec::new();
    for invitation in invitations(app, user, org).await? {
        if let Some((kind, title, _)) = item_of(app, &invitation.object_ap_id).await? {
            items.push(ItemRequest {
                campaign: invitation.campaign_ap_id,
                campaign_title: String::new(),
                here: false,
                object: invitation.object_ap_id,
                title,
                kind,
                accepted: invitation.state == "accepted",
            });
        }
    }
    for proposed in store.proposed_campaign_items().await? {
        // One read gives the item's host, kind and title.
        let Some((kind, title, host)) = item_of(app, &proposed.object_ap_id).await? else {
            continue;
        };
        if &host == org {
            items.push(ItemRequest {
                campaign: urls.actor(&proposed.campaign_handle).to_string(),
                campaign_title: proposed.campaign_title,
                here: true,
                object: proposed.object_ap_id,
                title,
                kind,
                accepted: false,
            });
        }
    }
    Ok(Asked { cohosting, items })
}

/// The kind, title and hosting organization of our live event or action `object`.
async fn item_of(
    app: &AppState,
    object: &str,
) -> Result<Option<(&'static str, String, Handle)>, ServiceError> {
    let Ok(url) = Url::parse(object) else {
        return Ok(None);
    };
    let urls = app.urls();
    if let Some(id) = urls.local_event_id(&url) {
        let event: Option<crate::db::DbEvent> = crate::service::published::live(&app.store, &id)
            .await
            .map(Some)
            .or_else(gone_is_none)?;
        return Ok(event.map(|event| ("event", event.details.title, event.handle)));
    }
    if let Some(id) = urls.local_action_id(&url) {
        let action: Option<crate::db::DbAction> = crate::service::published::live(&app.store, &id)
            .await
            .map(Some)
            .or_else(gone_is_none)?;
        return Ok(action.map(|action| ("action", action.details.title, action.handle)));
    }
    Ok(None)
}

fn gone_is_none<T>(error: ServiceError) -> Result<Option<T>, ServiceError> {
    match error {
        ServiceError::NotFound(_) | ServiceError::Gone(_) => Ok(None),
        other => Err(other),
    }
}

/// An owner or admin of `org` lets `campaign` (here or elsewhere) include its `object`.
pub async fn accept_item_request(
    app: &AppState,
    user: &crate::db::DbUser,
    org: &Handle,
    campaign: &str,
    object: &str,
) -> Result<(), ServiceError> {
    let invalid = |field: &'static str| ServiceError::Invalid {
        field,
        message: "not a URL".to_owned(),
    };
    let campaign = Url::parse(campaign.trim()).map_err(|_| invalid("campaign"))?;
    let object = Url::parse(object.trim()).map_err(|_| invalid("object"))?;
    match app.urls().local_handle(&campaign) {
        Some(handle) => {
            accept_item(app, user, &handle, object.as_str()).await?;
        }
        None => accept_invitation(app, user, org, &campaign, &object).await?,
    }
    Ok(())
}

/// An owner or admin of `org` declines a campaign here the inclusion of its `object`: the
/// proposal is dropped (and may be made again).
pub async fn decline_item_request(
    app: &AppState,
    user: &crate::db::DbUser,
    campaign: &str,
    object: &str,
) -> Result<(), ServiceError> {
    let campaign = Url::parse(campaign.trim()).map_err(|_| ServiceError::Invalid {
        field: "campaign",
        message: "not a URL".to_owned(),
    })?;
    let handle = app
        .urls()
        .local_handle(&campaign)
        .ok_or_else(|| ServiceError::Invalid {
            field: "campaign",
            message: "a campaign elsewhere is declined by not answering it".to_owned(),
        })?;
    remove_item(app, user, &handle, object.trim()).await
}
