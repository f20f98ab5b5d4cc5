//! Campaign items across instances. The campaign asks the item's host with an `Add`; the
//! host's organization consents (an owner or admin, through the API) and answers `Accept`;
//! the campaign then announces the item and follows its host, so the item's count Updates
//! reach it and its totals stay those the host publishes. An organization that co-hosts the
//! campaign consented once: its instance accepts the `Add` by itself.

use crate::db::{
    DbCampaign, DbCampaignInvitation, DbCampaignItem, DbOrganization, DbRemoteActor, DbUser,
    Recipients, Store, Via, now_millis,
};
use crate::domain::Handle;
use crate::federation::context::Federation;
use crate::federation::inbound::ContentObject;
use crate::federation::inbound::authority;
use crate::federation::inbound::remote_object_of;
use crate::federation::outbox;
use crate::federation::protocol::CampaignAdd;
use crate::federation::protocol::lenient::IdOrObject;
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::service::blocks::refuse_blocked;
use crate::service::elsewhere::participable;
use crate::state::AppState;
use url::Url;

/// A member of the campaign's organization (or of a co-host) proposes an event or action of
/// another Solidarity instance: it is fetched and stored, and an `Add` asks its host. Content
/// of other servers is linked without asking (`linked`).
pub(super) async fn add_remote_item(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
    object: &Url,
) -> Result<DbCampaignItem, ServiceError> {
    let store = &app.store;
    let federation = &app.federation;
    let campaign = super::contributed(store, federation.urls(), user, handle).await?;
    if let Some(existing) = store.campaign_item(campaign.id, object.as_str()).await? {
        return Ok(existing);
    }
    refuse_blocked(store, &authority(object)).await?;
    let fetched = federation.fetch_signed(store, object).await?.json;
    let read = ContentObject::parse(fetched).map_err(|e| super::linked::refused(object, e))?;
    // Only Solidarity answers an Add; what comes from elsewhere is linked as a boost.
    if !read.from_solidarity() {
        return super::linked::link(store, federation, &campaign, object, &read).await;
    }
    let (kind, id, host) = participable(store, federation, object, &read.json).await?;
    // The address given may not be the id (a query, a redirect within the origin).
    if let Some(existing) = store.campaign_item(campaign.id, id.as_str()).await? {
        return Ok(existing);
    }
    let host_id = keep_document(store, &host, &read).await?;
    let add = outbox::campaign_add(federation.urls(), &campaign.handle, &id, &host_id);
    let item = DbCampaignItem {
        object_ap_id: id.to_string(),
        kind: kind.as_str().to_owned(),
        state: "proposed".to_owned(),
        host_actor_ap_id: Some(host.ap_id.clone()),
        request_ap_id: Some(add.ap_id.to_string()),
        added_at: now_millis(),
    };
    store
        .put_campaign_item(
            campaign.id,
            &item,
            &[add.reply(campaign.actor_id, Recipients::inbox_of(&host))],
        )
        .await?;
    Ok(item)
}

/// Stores the document of a remote item as its host published it, so the campaign shows the
/// item (and its count) from the start; the host's id.
pub(super) async fn keep_document(
    store: &Store,
    host: &DbRemoteActor,
    document: &ContentObject,
) -> Result<Url, ServiceError> {
    let host_id = Url::parse(&host.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    if let Ok(remote) = remote_object_of(document, &host_id) {
        store.store_remote_object(&remote, Via::Author).await?;
    }
    Ok(host_id)
}

/// How an organization answered a campaign's `Add` or `Invite`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CampaignAnswerKind {
    Accept,
    Reject,
    /// `TentativeAccept`, `Ignore`: nothing changes.
    Other,
}

/// The host's answer to our `Add` `request`: accepted, the item is announced to the campaign's
/// followers and the campaign follows the host; rejected, the proposal is forgotten. Whether it
/// answered one of ours.
pub async fn receive_add_answer(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    request: &Url,
    answer: CampaignAnswerKind,
) -> Result<bool, ServiceError> {
    let Some((campaign_id, mut item)) = store
        .campaign_request(request.as_str(), &sender.ap_id)
        .await?
    else {
        return Ok(false);
    };
    match answer {
        CampaignAnswerKind::Accept => {}
        // Declined: forgotten, so it may be proposed again with a fresh Add.
        CampaignAnswerKind::Reject => {
            store
                .remove_proposed_campaign_item(campaign_id, &item.object_ap_id)
                .await?;
            return Ok(true);
        }
        CampaignAnswerKind::Other => return Ok(true),
    }
    let campaign = store.campaign_by_id(campaign_id).await?;
    if item.state != "accepted" {
        let object =
            Url::parse(&item.object_ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
        item.state = "accepted".to_owned();
        let announce = outbox::announce(
            urls,
            &campaign.handle,
            &object,
            IdOrObject::Id(object.clone()),
        );
        store
            .put_campaign_item(
                campaign.id,
                &item,
                &[announce.to_followers(campaign.actor_id)],
            )
            .await?;
    }
    // Even when the item was already accepted (a retried Accept after a failure here), the
    // campaign must follow the host, or the host's count Updates never reach it.
    follow_host(store, urls, &campaign, sender).await?;
    Ok(true)
}

/// The campaign follows the host of one of its items (once), so the host's count Updates reach
/// it.
pub(super) async fn follow_host(
    store: &Store,
    urls: &Urls,
    campaign: &DbCampaign,
    host: &DbRemoteActor,
) -> Result<(), ServiceError> {
    // A campaign deleted meanwhile follows nobody.
    let live = store
        .local_actor(&campaign.handle)
        .await?
        .deleted_at
        .is_none();
    if live
        && store
            .following_state(campaign.actor_id, host.id)
            .await?
            .is_none()
    {
        let host_id = Url::parse(&host.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
        let follow = outbox::follow(urls, &campaign.handle, &host_id);
        store
            .add_following(
                campaign.actor_id,
                host.id,
                &follow.reply(campaign.actor_id, Recipients::inbox_of(host)),
            )
            .await?;
    }
    Ok(())
}

/// An `Add` naming one of our campaigns as its target is a co-host adding its own item; any
/// other is a campaign elsewhere asking to include one of our events or actions, kept for the
/// hosting organization to decide, or accepted at once when that organization co-hosts the
/// campaign. Whether it was about one of ours.
pub async fn receive_add(
    store: &Store,
    federation: &Federation,
    sender: &DbRemoteActor,
    add: &CampaignAdd,
) -> Result<bool, ServiceError> {
    let urls = federation.urls();
    if urls.local_handle(&add.target).is_some() {
        return super::cohost_items::receive_cohost_add(store, federation, sender, add).await;
    }
    // Only the campaign itself asks for itself.
    if add.actor.as_str() != sender.ap_id || add.target != add.actor {
        return Ok(false);
    }
    // Only for a live event or action of ours, so nobody can fill the table with made-up ids.
    let Some(host) = host_of(store, urls, add.object.as_str()).await? else {
        return Ok(false);
    };
    // Its organization may have been deleted since: then nobody is there to consent.
    let organization = match store.organization_by_handle(&host).await {
        Ok(organization) => organization,
        Err(crate::db::DbError::NotFound) => return Ok(false),
        Err(other) => return Err(other.into()),
    };
    store
        .add_campaign_invitation(&sender.ap_id, add.object.as_str(), add.id.as_str())
        .await?;
    if store
        .cohosts_elsewhere(&sender.ap_id, organization.id)
        .await?
    {
        consent(store, urls, &organization, sender, add).await?;
    }
    Ok(true)
}

/// `organization` consents to the campaign `campaign`'s `add`: the invitation is accepted and
/// the campaign receives `Accept{Add}`, in one transaction.
async fn consent(
    store: &Store,
    urls: &Urls,
    organization: &DbOrganization,
    campaign: &DbRemoteActor,
    add: &CampaignAdd,
) -> Result<(), ServiceError> {
    let accept = outbox::accept_add(urls, &organization.handle, add);
    store
        .accept_campaign_invitation(
            &campaign.ap_id,
            add.object.as_str(),
            &accept.reply(organization.actor_id, Recipients::inbox_of(campaign)),
        )
        .await?;
    Ok(())
}

/// The invitations about `org`'s events and actions.
pub async fn invitations(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
) -> Result<Vec<DbCampaignInvitation>, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    crate::service::orgs::as_manager(store, user, org).await?;
    let mut mine = Vec::new();
    for invitation in store.campaign_invitations().await? {
        if host_of(store, urls, &invitation.object_ap_id)
            .await?
            .as_ref()
            == Some(org)
        {
            mine.push(invitation);
        }
    }
    Ok(mine)
}

/// The organization hosting our live event or action `object`.
async fn host_of(store: &Store, urls: &Urls, object: &str) -> Result<Option<Handle>, ServiceError> {
    let Ok(url) = Url::parse(object) else {
        return Ok(None);
    };
    Ok(super::items::live_local_item(store, urls, &url)
        .await?
        .map(|(_, host)| host))
}

/// An owner or admin of `org` consents: the campaign receives `Accept` of its `Add`.
pub async fn accept_invitation(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    campaign: &Url,
    object: &Url,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let invitation = invitations(app, user, org)
        .await?
        .into_iter()
        .find(|i| i.campaign_ap_id == campaign.as_str() && i.object_ap_id == object.as_str())
        .ok_or_else(|| {
            ServiceError::NotFound(format!("no invitation from {campaign} for {object}"))
        })?;
    let remote = store
        .remote_actor_by_ap_id(&invitation.campaign_ap_id)
        .await?;
    let add = CampaignAdd {
        context: serde_json::Value::Null,
        id: Url::parse(&invitation.add_ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?,
        kind: crate::federation::protocol::AddType::Add,
        actor: campaign.clone(),
        object: object.clone(),
        target: campaign.clone(),
        to: Vec::new(),
    };
    let organization = store.organization_by_handle(org).await?;
    consent(store, urls, &organization, &remote, &add).await
}
