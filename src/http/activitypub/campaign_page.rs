//! A campaign's page at `/@{handle}`: what it demands, who hosts it, its actions and events with
//! their counts, its totals per co-op, its updates, and how to follow it.

use crate::domain::Handle;
use crate::error::AppError;
use crate::http::web::{Nav, Visitor};
use crate::service::campaigns::{self, CampaignView, ItemView};
use crate::state::AppState;
use askama::Template;
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "campaigns/campaign.html")]
struct CampaignPage<'a> {
    nav: Nav,
    can_contribute: bool,
    token_field: &'static str,
    title: &'a str,
    campaign: &'a CampaignView,
    /// Only what its hosts agreed to, or linked from elsewhere; not proposals.
    items: Vec<&'a ItemView>,
    cohosts: Vec<&'a str>,
    /// Owners and admins of its organization invite co-hosts from the page...
    can_manage: bool,
    /// ...and see whom they invited who has not answered yet.
    invited: Vec<&'a str>,
    /// The message naming its status (`campaign-active`...).
    status_key: String,
    organization_url: String,
    acct: String,
    calendar_url: String,
    atom_url: String,
}

pub async fn render(
    state: &AppState,
    handle: &Handle,
    visitor: &Visitor,
) -> Result<Response, AppError> {
    let campaign = campaigns::show(state, handle).await?;
    // Members of the hosting organization add items and post updates from the page.
    let role = match &visitor.caller {
        Some(caller) => {
            let organization = Handle::from_trusted(campaign.organization.clone());
            crate::service::orgs::role_of(state, caller, &organization).await?
        }
        None => None,
    };
    let can_contribute = role.is_some();
    let can_manage = matches!(
        role,
        Some(crate::domain::OrgRole::Owner | crate::domain::OrgRole::Admin)
    );
    let nav = visitor.nav().await?;
    let urls = state.urls();
    let profile = urls.profile(handle);
    let organization = Handle::from_trusted(campaign.organization.clone());
    let page = CampaignPage {
        nav,
        can_contribute,
        token_field: "form_token",
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
        can_manage,
        invited: campaign
            .cohosts
            .iter()
            .filter(|c| c.state != "accepted")
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
