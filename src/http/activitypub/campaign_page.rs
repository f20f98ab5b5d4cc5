//! A campaign's page at `/@{handle}`: what it demands, who hosts it, its actions and events with
//! their counts, its totals per co-op, its updates, and how to follow it.

use crate::domain::Handle;
use crate::error::AppError;
use crate::http::web::Nav;
use crate::service::campaigns::{self, CampaignView, ItemView};
use crate::state::AppState;
use askama::Template;
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "campaigns/campaign.html")]
struct CampaignPage<'a> {
    nav: Nav,
    title: &'a str,
    campaign: &'a CampaignView,
    /// Only what its hosts agreed to, or linked from elsewhere; not proposals.
    items: Vec<&'a ItemView>,
    cohosts: Vec<&'a str>,
    /// The message naming its status (`campaign-active`...).
    status_key: String,
    organization_url: String,
    acct: String,
    calendar_url: String,
    atom_url: String,
}

pub async fn render(state: &AppState, handle: &Handle, nav: Nav) -> Result<Response, AppError> {
    let campaign = campaigns::show(state, handle).await?;
    let urls = state.urls();
    let profile = urls.profile(handle);
    let organization = Handle::from_trusted(campaign.organization.clone());
    let page = CampaignPage {
        nav,
        title: &campaign.title,
        items: campaign
            .items
            .iter()
            .filter(|i| i.state != "proposed")
            .collect(),
        cohosts: campaign
            .cohosts
            .iter()
            .filter(|c| c.state == "accepted")
            .map(|c| c.organization.as_str())
            .collect(),
        status_key: format!("campaign-{}", campaign.status.as_str()),
        organization_url: urls.profile(&organization).to_string(),
        acct: format!("@{handle}@{}", urls.authority()),
        calendar_url: format!("{profile}/events.ics"),
        atom_url: format!("{profile}/feed.atom"),
        campaign: &campaign,
    };
    Ok(Html(page.render()?).into_response())
}
