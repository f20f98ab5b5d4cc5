//! Gathering events and actions into a campaign. An item of the campaign's own organization is
//! accepted at once; an item of another organization here is proposed until one of its owners
//! or admins accepts. Accepting announces the item to the campaign's followers in both forms.
//! (Items hosted on other instances: `remote` and `cohost_items`.)

use crate::db::{DbCampaign, DbCampaignItem, DbError, DbUser, Reply, Store, now_millis};
use crate::domain::Handle;
use crate::federation::outbox::{self, Prepared};
use crate::federation::protocol::lenient::IdOrObject;
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::state::AppState;
use url::Url;

/// `NotFound` as `None`; other store failures pass.
fn found<T>(result: Result<T, DbError>) -> Result<Option<T>, ServiceError> {
    match result {
        Ok(found) => Ok(Some(found)),
        Err(DbError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// A live event or action of ours that `object` names: its kind and hosting organization.
/// `None` for anything else (another instance's, a deleted one, no such id).
pub(super) async fn live_local_item(
    store: &Store,
    urls: &Urls,
    object: &Url,
) -> Result<Option<(&'static str, Handle)>, ServiceError> {
    if let Some(id) = urls.local_event_id(object) {
        let event: Option<crate::db::DbEvent> = found(store.event(&id).await)?;
        return Ok(event
            .filter(|e| e.deleted_at.is_none())
            .map(|e| ("event", e.handle)));
    }
    if let Some(id) = urls.local_action_id(object) {
        let action: Option<crate::db::DbAction> = found(store.action(&id).await)?;
        return Ok(action
            .filter(|a| a.deleted_at.is_none())
            .map(|a| ("action", a.handle)));
    }
    Ok(None)
}

/// The item a request names: a URL (ours or another server's), or one of our events or actions
/// by its id (`3f2a...`) or its path (`events/3f2a...`, `/actions/3f2a...`).
async fn item_object(app: &AppState, text: &str) -> Result<Url, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let text = text.trim();
    if let Ok(url) = Url::parse(text) {
        return Ok(url);
    }
    let path = text.trim_start_matches('/');
    let (kind, id) = match path.split_once('/') {
        Some((kind @ ("events" | "actions"), id)) => (Some(kind), id),
        _ => (None, path),
    };
    let unknown = || ServiceError::Invalid {
        field: "object",
        message: format!(
            "'{text}' is neither a URL nor the id of an event or action here (ids look like \
             events/ID, actions/ID or the bare ID)"
        ),
    };
    if id.is_empty() || id.contains(['/', '?', '#']) {
        return Err(unknown());
    }
    if kind != Some("actions") && found(store.event(id).await)?.is_some() {
        return Ok(urls.event(id));
    }
    if kind != Some("events") && found(store.action(id).await)?.is_some() {
        return Ok(urls.action(id));
    }
    Err(ServiceError::NotFound(format!(
        "no event or action '{text}' here"
    )))
}

/// Like `live_local_item`, but an error naming the problem when there is none.
async fn local_item(
    store: &Store,
    urls: &Urls,
    object: &Url,
) -> Result<(&'static str, Handle), ServiceError> {
    if let Some(item) = live_local_item(store, urls, object).await? {
        return Ok(item);
    }
    if !urls.is_ours(object) {
        return Err(ServiceError::Invalid {
            field: "object",
            message: "items hosted on other instances cannot be added yet".to_owned(),
        });
    }
    Err(ServiceError::NotFound(format!(
        "no live event or action {object} here"
    )))
}

/// The two Announces of an accepted item, to the campaign's followers.
pub(super) async fn announces_of(
    store: &Store,
    urls: &Urls,
    campaign: &DbCampaign,
    object: &Url,
) -> Result<Vec<Prepared>, ServiceError> {
    let mut announces = vec![outbox::announce(
        urls,
        &campaign.handle,
        object,
        IdOrObject::Id(object.clone()),
    )];
    if let Some(create) = store.create_activity_json(object.as_str()).await? {
        let mut create: serde_json::Value = serde_json::from_str(&create)
            .map_err(|e| ServiceError::Internal(format!("a stored Create: {e}")))?;
        if let Some(map) = create.as_object_mut() {
            map.remove("@context");
        }
        announces.insert(
            0,
            outbox::announce(urls, &campaign.handle, object, IdOrObject::Object(create)),
        );
    }
    Ok(announces)
}

async fn put(
    store: &Store,
    urls: &Urls,
    campaign: &DbCampaign,
    object: &Url,
    kind: &str,
    accepted: bool,
) -> Result<DbCampaignItem, ServiceError> {
    let item = DbCampaignItem {
        object_ap_id: object.to_string(),
        kind: kind.to_owned(),
        state: if accepted { "accepted" } else { "proposed" }.to_owned(),
        host_actor_ap_id: None,
        request_ap_id: None,
        added_at: now_millis(),
    };
    let prepared = if accepted {
        announces_of(store, urls, campaign, object).await?
    } else {
        Vec::new()
    };
    store
        .put_campaign_item(campaign.id, &item, &to_followers(campaign, &prepared))
        .await?;
    // What is stored now: an item never moves back, whatever was asked.
    Ok(store
        .campaign_item(campaign.id, object.as_str())
        .await?
        .unwrap_or(item))
}

/// The campaign's activities as sent to its followers.
pub(super) fn to_followers<'a>(campaign: &DbCampaign, prepared: &'a [Prepared]) -> Vec<Reply<'a>> {
    prepared
        .iter()
        .map(|p| p.to_followers(campaign.actor_id))
        .collect()
}

/// A member of the campaign's organization (or of a co-host) adds an event or action, named as
/// `item_object` reads it: one here directly, one on another server through its host.
pub async fn add_item(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
    object: &str,
) -> Result<DbCampaignItem, ServiceError> {
    let object = item_object(app, object).await?;
    if app.urls().is_ours(&object) {
        add_local_item(app, user, handle, &object).await
    } else {
        super::remote::add_remote_item(app, user, handle, &object).await
    }
}

/// An event or action of ours joins the campaign: accepted (and announced) when the campaign's
/// organization or a co-host hosts it, proposed otherwise.
async fn add_local_item(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
    object: &Url,
) -> Result<DbCampaignItem, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let campaign = super::contributed(store, urls, user, handle).await?;
    let (kind, host) = local_item(store, urls, object).await?;
    if let Some(existing) = store.campaign_item(campaign.id, object.as_str()).await? {
        return Ok(existing);
    }
    // The hosting organization and its co-hosts consented once for all their items.
    let consented = host == campaign.organization_handle
        || super::cohosts::local_cohosts(store, urls, &campaign)
            .await?
            .contains(&host);
    put(store, urls, &campaign, object, kind, consented).await
}

/// An owner or admin of the organization hosting a proposed item consents to it.
pub async fn accept_item(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
    object: &str,
) -> Result<DbCampaignItem, ServiceError> {
    let object = &item_object(app, object).await?;
    let store = &app.store;
    let urls = app.urls();
    let campaign = super::by_handle(store, handle).await?;
    let (kind, host) = local_item(store, urls, object).await?;
    crate::service::orgs::as_manager(store, user, &host).await?;
    match store.campaign_item(campaign.id, object.as_str()).await? {
        Some(item) if item.state == "proposed" => {
            put(store, urls, &campaign, object, kind, true).await
        }
        Some(item) => Ok(item),
        None => Err(ServiceError::NotFound(format!(
            "{object} was not proposed to '{handle}'"
        ))),
    }
}

/// Takes an item out of the campaign: an owner or admin of the campaign's organization, or of
/// the local organization hosting the item (withdrawing its consent). Its followers receive
/// `Undo` of the item's Announces.
pub async fn remove_item(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
    object: &str,
) -> Result<(), ServiceError> {
    let object = &item_object(app, object).await?;
    let store = &app.store;
    let urls = app.urls();
    let campaign = super::by_handle(store, handle).await?;
    let hosts_it = match live_local_item(store, urls, object).await? {
        Some((_, host)) => crate::service::orgs::as_manager(store, user, &host)
            .await
            .is_ok(),
        None => false,
    };
    if !hosts_it {
        crate::service::orgs::as_manager(store, user, &campaign.organization_handle).await?;
    }
    let mut undos = Vec::new();
    for announce in store
        .campaign_announces(campaign.actor_id, object.as_str())
        .await?
    {
        let announce: serde_json::Value = serde_json::from_str(&announce)
            .map_err(|e| ServiceError::Internal(format!("a stored Announce: {e}")))?;
        undos.push(outbox::undo_announce(urls, handle, announce));
    }
    if !store
        .remove_campaign_item(&campaign, object.as_str(), &to_followers(&campaign, &undos))
        .await?
    {
        return Err(ServiceError::NotFound(format!(
            "{object} is not in '{handle}'"
        )));
    }
    Ok(())
}
