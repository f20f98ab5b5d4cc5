//! Campaigns as people and clients see them: fields, items, totals per instance, updates and
//! co-hosts, gathered in one read. The API serialises it as it is; the page renders it.

use super::query::{CampaignItemView, items, totals};
use crate::db::DbCampaign;
use crate::domain::{CampaignStatus, Handle};
use crate::federation::notes::rfc3339;
use crate::service::ServiceError;
use crate::service::events::InstanceCount;
use crate::state::AppState;
use serde::Serialize;
use utoipa::ToSchema;

/// A campaign with its items and what its actions add up to.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignView {
    pub handle: String,
    /// The campaign's actor: Mastodon users follow it.
    pub ap_id: String,
    /// Its public page.
    pub url: String,
    pub organization: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub content_html: String,
    pub demands: Vec<String>,
    pub goal_statement: String,
    pub status: CampaignStatus,
    pub items: Vec<ItemView>,
    /// Participations in its accepted actions, wherever they came from.
    pub participations: i64,
    /// The same per instance, largest first.
    pub participations_by_instance: Vec<InstanceCount>,
    /// People going to its accepted events.
    pub going: i64,
    /// Dated updates, newest first (notes of the campaign's actor).
    pub updates: Vec<UpdateView>,
    /// Organizations invited to host it with its organization.
    pub cohosts: Vec<CohostView>,
}

/// An organization invited to co-host a campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct CohostView {
    /// The organization's actor id.
    pub organization: String,
    /// `invited` or `accepted`.
    pub state: String,
}

/// A dated update of a campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct UpdateView {
    /// The note's id here (the last part of `ap_id`).
    pub id: String,
    pub ap_id: String,
    pub content_html: String,
    pub published: String,
}

/// One event or action of a campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemView {
    pub object: String,
    /// `event`, `action`, or `post` (a note, article or page from another server).
    pub kind: String,
    /// `accepted`, `proposed` until the hosting organization consents, or `linked` (from a
    /// server that cannot consent, announced as a boost is).
    pub state: String,
    pub title: String,
    pub count: i64,
}

impl From<CampaignItemView> for ItemView {
    fn from(item: CampaignItemView) -> Self {
        Self {
            object: item.object,
            kind: item.kind,
            state: item.state,
            title: item.title,
            count: item.count,
        }
    }
}

/// Most updates a campaign's view lists.
const UPDATES_SHOWN: i64 = 50;

/// A campaign as people see it: its items, totals, updates and co-hosts.
pub async fn show(app: &AppState, handle: &Handle) -> Result<CampaignView, ServiceError> {
    present(app, super::by_handle(&app.store, handle).await?).await
}

/// The campaigns of the organization `org`, each as `show` gives it.
pub async fn campaigns_of(app: &AppState, org: &Handle) -> Result<Vec<CampaignView>, ServiceError> {
    let organization = crate::service::orgs::named(&app.store, org).await?;
    let mut views = Vec::new();
    for campaign in app.store.campaigns_of(organization.id).await? {
        views.push(present(app, campaign).await?);
    }
    Ok(views)
}

/// `campaign` with its items, totals, latest updates and co-hosts.
async fn present(app: &AppState, campaign: DbCampaign) -> Result<CampaignView, ServiceError> {
    let (store, urls) = (&app.store, app.urls());
    let items = items(store, urls, &campaign).await?;
    let totals = totals(&items);
    let updates = store
        .notes_of(campaign.actor_id, UPDATES_SHOWN)
        .await?
        .into_iter()
        .map(|note| UpdateView {
            ap_id: urls.note(&note.id).to_string(),
            id: note.id,
            content_html: note.content_html,
            published: rfc3339(note.created_at),
        })
        .collect();
    let cohosts = store
        .campaign_cohosts(campaign.id)
        .await?
        .into_iter()
        .map(|c| CohostView {
            organization: c.organization_ap_id,
            state: c.state,
        })
        .collect();
    let DbCampaign {
        handle,
        organization_handle,
        details,
        ..
    } = campaign;
    Ok(CampaignView {
        ap_id: urls.actor(&handle).to_string(),
        url: urls.profile(&handle).to_string(),
        handle: handle.to_string(),
        organization: organization_handle.to_string(),
        title: details.title,
        summary: details.summary,
        body: details.body_markdown,
        content_html: details.content_html,
        demands: details.demands,
        goal_statement: details.goal_statement,
        status: details.status,
        items: items.into_iter().map(ItemView::from).collect(),
        participations: totals.participations,
        participations_by_instance: InstanceCount::list(&totals.by_instance),
        going: totals.going,
        updates,
        cohosts,
    })
}
