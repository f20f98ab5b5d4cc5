//! The registry's pages on the software co-op's instance: `/registry` (who is a member, by
//! class, the totals and the decisions put to them) and `/registry/apply`, where a person anywhere in the fediverse
//! applies with their address and is told to confirm by following the registry's actor.

use super::account::Problem;
use super::form::{PageForm, TOKEN_FIELD};
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::registry::{self, CONFIRM_WITHIN_DAYS, Directory, Pending};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "registry/index.html")]
struct RegistryPage {
    title: String,
    nav: Nav,
    directory: Directory,
    /// The proposals, latest first: id, title, and whether closed.
    proposals: Vec<(String, String, bool)>,
}

/// `GET /registry`.
pub async fn registry_page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let directory = registry::directory(&state).await?;
    let proposals = registry::proposals(&state)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title, p.result.is_some()))
        .collect();
    let nav = visitor.nav().await?;
    let page = RegistryPage {
        title: nav.t("registry-title"),
        nav,
        directory,
        proposals,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "registry/apply.html")]
struct ApplyPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    /// The form is for anyone, signed in or not: the token is this session's either way.
    form_token: String,
    address: &'a str,
    /// Kept: say whom to follow instead of the form.
    pending: Option<Pending>,
    registry_handle: String,
    days: i64,
    problem: Option<Problem>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApplyForm {
    address: String,
}

async fn apply_page(
    state: &AppState,
    visitor: &Visitor,
    address: &str,
    pending: Option<Pending>,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    registry::software_only(state)?;
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = ApplyPage {
        title: nav.t("registry-apply-title"),
        token_field: TOKEN_FIELD,
        form_token: crate::service::accounts::form_token(&visitor.session).await?,
        address,
        pending,
        registry_handle: format!("@network@{}", state.urls().authority()),
        days: CONFIRM_WITHIN_DAYS,
        problem,
        nav,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /registry/apply`: the form.
pub async fn apply_form(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    apply_page(&state, &visitor, "", None, None).await
}

/// `POST /registry/apply`: keeps the application until the applicant's `Follow` confirms it.
pub async fn apply(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<ApplyForm>,
) -> Result<Response, AppError> {
    let address = &form.fields.address;
    match registry::apply_individual(&state, address).await {
        Ok(pending) => apply_page(&state, &visitor, address, Some(pending), None).await,
        Err(error) => {
            let problem = Problem::of(error, "address")?;
            apply_page(&state, &visitor, address, None, Some(problem)).await
        }
    }
}
