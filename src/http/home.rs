//! The home page: what the co-op is, its member organizations, its active campaigns and the
//! upcoming events of all its organizations, a page at a time.

use crate::error::AppError;
use crate::http::web::{Nav, Visitor, local_in};
use crate::service::directory::{Card, directory};
use crate::service::events::EventView;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage<'a> {
    nav: Nav,
    title: &'a str,
    name: &'a str,
    description: &'a str,
    domain: &'a str,
    organizations: Vec<Card>,
    campaigns: Vec<Card>,
    /// Each event with when it starts, in its own time zone.
    events: Vec<(EventView, String)>,
    /// Links to the previous and next pages of events, when there are.
    previous_page: Option<i64>,
    next_page: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    /// The page of events, from 0.
    #[serde(default)]
    page: i64,
}

pub async fn home(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, AppError> {
    let instance = &crate::service::instance_settings::info(&state).await?;
    let page = query.page.max(0);
    let listed = directory(&state, page).await?;
    let page = HomePage {
        nav: visitor.nav().await?,
        title: &instance.name,
        name: &instance.name,
        description: &instance.description,
        domain: state.config.domain.as_str(),
        organizations: listed.organizations,
        campaigns: listed.campaigns,
        events: listed
            .events
            .into_iter()
            .map(|event| {
                let when = local_in(&event.starts_at, &event.timezone, &visitor.tr.lang());
                (event, when)
            })
            .collect(),
        previous_page: (page > 0).then(|| page - 1),
        next_page: listed.more_events.then_some(page + 1),
    };
    Ok(Html(page.render()?))
}
