//! Items from servers that cannot consent. Only Solidarity answers a campaign's `Add`; a
//! Mobilizon or Gancio event, a Lemmy or WordPress page or article, a Mastodon note would stay
//! proposed forever. Such public content is linked the way any fediverse server boosts it,
//! without asking: stored (sanitized), announced to the campaign's followers as `Announce{X}`,
//! and shown as `linked`, so nobody mistakes it for an item its host agreed to. Only public
//! documents are linked. An event's published participant count is shown with it, but not added
//! to the campaign's totals: nobody vouches for it and nothing keeps it current.

use crate::db::{DbCampaign, DbCampaignItem, Store, Via, now_millis};
use crate::federation::context::Federation;
use crate::federation::inbound::{ContentObject, remote_object_of};
use crate::federation::outbox;
use crate::federation::protocol::lenient::IdOrObject;
use crate::service::ServiceError;
use url::Url;

pub(super) fn refused(object: &Url, why: impl std::fmt::Display) -> ServiceError {
    ServiceError::Invalid {
        field: "object",
        message: format!("{object} cannot be linked: {why}"),
    }
}

/// Links the `document` fetched from `object` to the campaign and announces it.
pub(super) async fn link(
    store: &Store,
    federation: &Federation,
    campaign: &DbCampaign,
    object: &Url,
    document: &ContentObject,
) -> Result<DbCampaignItem, ServiceError> {
    let author = document
        .authors
        .iter()
        .find_map(|a| Url::parse(a).ok())
        .ok_or_else(|| refused(object, "it names no author"))?;
    // Its author must be on its own origin and really be an actor there.
    let remote = remote_object_of(document, &author).map_err(|e| refused(object, e))?;
    // Only what anyone may read is boosted.
    if !document.is_public() {
        return Err(refused(object, "it is not public"));
    }
    if let Some(existing) = store.campaign_item(campaign.id, &remote.ap_id).await? {
        return Ok(existing);
    }
    let host = federation.actor(store, &author).await?;
    store.store_remote_object(&remote, Via::Author).await?;
    let id = Url::parse(&remote.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let item = DbCampaignItem {
        object_ap_id: remote.ap_id.clone(),
        kind: if remote.kind == "Event" {
            "event"
        } else {
            "post"
        }
        .to_owned(),
        state: "linked".to_owned(),
        host_actor_ap_id: Some(host.ap_id.clone()),
        request_ap_id: None,
        added_at: now_millis(),
    };
    let urls = federation.urls();
    let announce = outbox::announce(urls, &campaign.handle, &id, IdOrObject::Id(id.clone()));
    let reply = announce.to_followers(campaign.actor_id);
    store
        .put_campaign_item(campaign.id, &item, &[reply])
        .await?;
    Ok(store
        .campaign_item(campaign.id, &remote.ap_id)
        .await?
        .unwrap_or(item))
}
