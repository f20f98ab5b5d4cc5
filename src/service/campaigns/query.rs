//! Reading campaigns: the campaign, its items with their current counts, and its totals per
//! instance and in all, summed over its accepted actions.

use crate::db::{DbCampaign, Store};
use crate::domain::Handle;
use crate::federation::protocol::ActionPage;
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::state::AppState;
use serde::Deserialize;
use std::collections::BTreeMap;
use url::Url;

/// One item as a campaign shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignItemView {
    pub object: String,
    pub kind: String,
    pub state: String,
    pub title: String,
    /// People going (events) or participations (actions).
    pub count: i64,
    /// An action's participations per instance (host): counted here for ours, as its host last
    /// published them for another instance's. Empty for events and posts.
    pub by_instance: Vec<(String, i64)>,
}

/// What a campaign's accepted actions add up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CampaignTotals {
    pub participations: i64,
    /// Per instance (host), largest first.
    pub by_instance: Vec<(String, i64)>,
    pub going: i64,
}

/// The items of `campaign` that still exist, with their titles and counts.
pub(super) async fn items(
    store: &Store,
    urls: &Urls,
    campaign: &DbCampaign,
) -> Result<Vec<CampaignItemView>, ServiceError> {
    let mut items = Vec::new();
    for item in store.campaign_items(campaign.id).await? {
        let Ok(url) = Url::parse(&item.object_ap_id) else {
            continue;
        };
        let (title, count, by_instance) = if let Some(id) = urls.local_action_id(&url) {
            let action = store.action(&id).await?;
            if action.deleted_at.is_some() {
                continue;
            }
            let progress = store.action_progress(&id).await?;
            (action.details.title, progress.total, progress.by_host)
        } else if let Some(id) = urls.local_event_id(&url) {
            let event = store.event(&id).await?;
            if event.deleted_at.is_some() {
                continue;
            }
            let going = store.event_counts(&id).await?.going;
            (event.details.title, going, Vec::new())
        } else if item.kind == "post" {
            // A post linked from another server: its title, or the start of its text.
            let Some(post) = store.remote_object(&item.object_ap_id).await? else {
                continue;
            };
            (post_title(&post), 0, Vec::new())
        } else if let Some(json) = store.remote_object_json(&item.object_ap_id).await? {
            // An item on another instance, as its host last published it.
            let document: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
            let count = document
                .get(if item.kind == "action" {
                    "progress"
                } else {
                    "participantCount"
                })
                .and_then(serde_json::Value::as_i64)
                .unwrap_or(0);
            let title = document
                .get("name")
                .and_then(serde_json::Value::as_str)
                .unwrap_or(&item.object_ap_id)
                .to_owned();
            // An action's published breakdown, as its last Update carried it.
            let by_instance = if item.kind == "action" {
                ActionPage::deserialize(&document)
                    .map(|page| page.progress_by_instance)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|entry| (entry.instance, entry.total_items))
                    .collect()
            } else {
                Vec::new()
            };
            (title, count, by_instance)
        } else {
            continue;
        };
        items.push(CampaignItemView {
            object: item.object_ap_id,
            kind: item.kind,
            state: item.state,
            title,
            count,
            by_instance,
        });
    }
    Ok(items)
}

/// The totals of the accepted items: participations per instance and in all, people going.
/// Only items whose hosts agreed count: a linked event's count is shown with it, but nobody
/// vouches for it, and nothing keeps it current.
pub(super) fn totals(items: &[CampaignItemView]) -> CampaignTotals {
    let mut totals = CampaignTotals::default();
    let mut by_instance: BTreeMap<String, i64> = BTreeMap::new();
    for item in items.iter().filter(|i| i.state == "accepted") {
        if item.kind == "action" {
            totals.participations += item.count;
            for (host, n) in &item.by_instance {
                *by_instance.entry(host.clone()).or_default() += n;
            }
        } else {
            totals.going += item.count;
        }
    }
    totals.by_instance = by_instance.into_iter().collect();
    totals
        .by_instance
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    totals
}

/// The ids in one of a campaign's collections: its accepted `events`, `actions` or `posts`, its
/// `updates` (newest first) or the `cohosts` that accepted.
pub async fn collection(
    app: &AppState,
    handle: &Handle,
    name: &str,
) -> Result<Vec<String>, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let campaign = super::by_handle(store, handle).await?;
    Ok(match name {
        "updates" => store
            .notes_of(campaign.actor_id, 1000)
            .await?
            .into_iter()
            .map(|note| urls.note(&note.id).to_string())
            .collect(),
        "cohosts" => store
            .campaign_cohosts(campaign.id)
            .await?
            .into_iter()
            .filter(|c| c.state == "accepted")
            .map(|c| c.organization_ap_id)
            .collect(),
        kinds => store
            .campaign_items(campaign.id)
            .await?
            .into_iter()
            .filter(|item| item.state != "proposed" && format!("{}s", item.kind) == kinds)
            .map(|item| item.object_ap_id)
            .collect(),
    })
}

/// What names a post from another server: its name, its summary, or the start of its text.
pub fn post_title(post: &crate::db::TimelineEntry) -> String {
    [&post.name, &post.summary]
        .into_iter()
        .find(|t| !t.is_empty())
        .cloned()
        .unwrap_or_else(|| crate::federation::sanitize::plain_text(&post.content_html, 80))
}
