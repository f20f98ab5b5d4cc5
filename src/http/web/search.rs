//! The search page: organizations, campaigns, actions and events here, by words, and events by
//! place and dates too. A GET form, so that a search is a link one can share.

use super::account::Problem;
use super::time::local_in;
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::events::EventView;
use crate::service::search::{self, Hit, Query as SearchQuery};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchForm {
    q: String,
    place: String,
    from: String,
    to: String,
}

#[derive(Template)]
#[template(path = "search/index.html")]
struct SearchPage<'a> {
    title: String,
    nav: Nav,
    form: &'a SearchForm,
    /// Whether anything was asked (results are shown then).
    asked: bool,
    organizations: Vec<Hit>,
    campaigns: Vec<Hit>,
    actions: Vec<Hit>,
    /// Each event with when it starts, in its own time zone.
    events: Vec<(EventView, String)>,
    problem: Option<Problem>,
}

impl SearchPage<'_> {
    fn invalid(&self, field: &str) -> bool {
        self.problem.as_ref().is_some_and(|p| p.field == field)
    }
}

/// `GET /search?q=…&place=…&from=…&to=…`.
pub async fn search_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(form): Query<SearchForm>,
) -> Result<Response, AppError> {
    let asked = [&form.q, &form.place, &form.from, &form.to]
        .iter()
        .any(|field| !field.trim().is_empty());
    let query = SearchQuery {
        text: form.q.clone(),
        place: form.place.clone(),
        from: form.from.clone(),
        to: form.to.clone(),
    };
    let (status, results, problem) = if asked {
        match search::search(&state, &query).await {
            Ok(results) => (StatusCode::OK, results, None),
            Err(ServiceError::Invalid { field, message }) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Default::default(),
                Some(Problem { message, field }),
            ),
            Err(other) => return Err(other.into()),
        }
    } else {
        (StatusCode::OK, Default::default(), None)
    };
    let nav = visitor.nav().await?;
    let page = SearchPage {
        title: nav.t("search"),
        nav,
        form: &form,
        asked: asked && problem.is_none(),
        organizations: results.organizations,
        campaigns: results.campaigns,
        actions: results.actions,
        events: results
            .events
            .into_iter()
            .map(|event| {
                let when = local_in(&event.starts_at, &event.timezone, &visitor.tr.lang());
                (event, when)
            })
            .collect(),
        problem,
    };
    Ok((status, Html(page.render()?)).into_response())
}
