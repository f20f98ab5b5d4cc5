//! Co-hosts on other instances adding their own items: the organization sends the campaign an
//! `Add` of its event or action; the campaign's instance checks that the sender co-hosts it and
//! hosts the object (read from the object's origin, never from the Add), then accepts it,
//! announces it and follows the host for its counts.

use super::items::{announces_of, to_followers};
use crate::db::{DbCampaignItem, DbRemoteActor, DbUser, Recipients, Store, now_millis};
use crate::domain::Handle;
use crate::federation::context::Federation;
use crate::federation::inbound::ContentObject;
use crate::federation::outbox;
use crate::federation::protocol::CampaignAdd;
use crate::service::ServiceError;
use crate::service::elsewhere::remote_participable;
use crate::state::AppState;
use url::Url;

/// A member of `org` adds one of its events or actions to `campaign`, a campaign elsewhere
/// that `org` co-hosts: an `Add` goes to the campaign.
pub async fn add_to_cohosted(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    campaign: &Url,
    object: &Url,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let federation = &app.federation;
    let organization = crate::service::orgs::as_member(store, user, org).await?;
    if !store
        .cohosts_elsewhere(campaign.as_str(), organization.id)
        .await?
    {
        return Err(ServiceError::Forbidden(format!(
            "'{org}' does not co-host {campaign}"
        )));
    }
    let urls = federation.urls();
    match super::items::live_local_item(store, urls, object).await? {
        Some((_, host)) if &host == org => {}
        _ => {
            return Err(ServiceError::Invalid {
                field: "object",
                message: format!("{object} is not a live event or action of '{org}'"),
            });
        }
    }
    let remote = store.remote_actor_by_ap_id(campaign.as_str()).await?;
    let add = outbox::cohost_add(urls, org, object, campaign);
    let reply = add.reply(organization.actor_id, Recipients::inbox_of(&remote));
    store
        .enqueue_activity(&reply.activity, &reply.recipients)
        .await?;
    Ok(())
}

/// A co-host's `Add` of its own item to one of our campaigns. Whether it was one we take.
pub(super) async fn receive_cohost_add(
    store: &Store,
    federation: &Federation,
    sender: &DbRemoteActor,
    add: &CampaignAdd,
) -> Result<bool, ServiceError> {
    let urls = federation.urls();
    let Some(handle) = urls.local_handle(&add.target) else {
        return Ok(false);
    };
    let Ok(campaign) = store.campaign_by_handle(&handle).await else {
        return Ok(false);
    };
    if add.actor.as_str() != sender.ap_id || !store.is_cohost(campaign.id, &sender.ap_id).await? {
        return Ok(false);
    }
    if let Some(item) = store
        .campaign_item(campaign.id, add.object.as_str())
        .await?
        && item.state == "accepted"
    {
        // A retry after a failure below: the campaign must still follow the co-host.
        if item.host_actor_ap_id.as_deref() == Some(sender.ap_id.as_str()) {
            super::remote::follow_host(store, urls, &campaign, sender).await?;
        }
        return Ok(true);
    }
    // What the object is and who hosts it come from its origin, not from the Add.
    let (kind, id, host, document) = match remote_participable(store, federation, &add.object).await
    {
        Ok(found) => found,
        Err(ServiceError::Invalid { .. } | ServiceError::NotFound(_)) => return Ok(false),
        Err(other) => return Err(other),
    };
    if host.ap_id != sender.ap_id {
        return Ok(false);
    }
    if let Ok(read) = ContentObject::parse(document) {
        super::remote::keep_document(store, &host, &read).await?;
    }
    let item = DbCampaignItem {
        object_ap_id: id.to_string(),
        kind: kind.as_str().to_owned(),
        state: "accepted".to_owned(),
        host_actor_ap_id: Some(host.ap_id.clone()),
        request_ap_id: None,
        added_at: now_millis(),
    };
    let prepared = announces_of(store, urls, &campaign, &id).await?;
    store
        .put_campaign_item(campaign.id, &item, &to_followers(&campaign, &prepared))
        .await?;
    super::remote::follow_host(store, urls, &campaign, &host).await?;
    Ok(true)
}
