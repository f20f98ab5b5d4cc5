//! The administrators' page (`/admin`): accounts (disable, enable), blocked domains (block,
//! lift), open reports from other servers (resolve) and by our people (forwarded or set aside in
//! `report`), and the delivery queue per instance
//! (retry now). Every change goes through `service::admin`, which checks the person is an
//! administrator.

use super::account::Problem;
use super::form::{PageForm, TOKEN_FIELD, sign_in_first};
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::admin::{self, Overview};
use crate::service::sent_reports::SentReportView;
use crate::service::users::Access;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "admin/index.html")]
struct AdminPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    overview: Overview,
    /// Reports our people made about posts elsewhere.
    sent_reports: Vec<SentReportView>,
    problem: Option<Problem>,
    /// A link just made, to hand over.
    link: Option<String>,
    /// This instance keeps the network's registry: link its page.
    registry: bool,
}

impl AdminPage<'_> {
    fn invalid(&self, field: &str) -> bool {
        self.problem.as_ref().is_some_and(|p| p.field == field)
    }
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    page_with(state, visitor, problem, None).await
}

async fn page_with(
    state: &AppState,
    visitor: &Visitor,
    problem: Option<(StatusCode, Problem)>,
    link: Option<String>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/admin"));
    };
    let overview = admin::overview(state, caller).await?;
    let sent_reports = crate::service::sent_reports::open_sent_reports(state, caller).await?;
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = AdminPage {
        title: nav.t("administration"),
        nav,
        token_field: TOKEN_FIELD,
        overview,
        sent_reports,
        problem,
        link,
        registry: crate::service::registry::software_only(state).is_ok(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /admin`.
pub async fn index(State(state): State<AppState>, visitor: Visitor) -> Result<Response, AppError> {
    page(&state, &visitor, None).await
}

/// The page again after a change, with the problem when the service refused it.
async fn after(
    state: &AppState,
    visitor: &Visitor,
    outcome: Result<(), ServiceError>,
) -> Result<Response, AppError> {
    let problem = match outcome {
        Ok(()) => return Ok(Redirect::to("/admin").into_response()),
        Err(error) => Problem::of(error, "")?,
    };
    page(state, visitor, Some(problem)).await
}

#[derive(Debug, Deserialize)]
pub struct AccessForm {
    handle: String,
    /// `disable` or `enable`.
    access: String,
}

/// `POST /admin/accounts`.
pub async fn account_access(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<AccessForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/admin"));
    };
    let handle = &form.fields.handle;
    let outcome = match form.fields.access.as_str() {
        "approve" => admin::approve(&state, caller, handle).await,
        "disable" => admin::set_access(&state, caller, handle, Access::Disabled).await,
        _ => admin::set_access(&state, caller, handle, Access::Enabled).await,
    };
    after(&state, &visitor, outcome).await
}

#[derive(Debug, Deserialize)]
pub struct BlockForm {
    domain: String,
    #[serde(default)]
    reason: String,
    /// Present to lift the block instead.
    unblock: Option<String>,
}

/// `POST /admin/blocks`: blocks a domain, or lifts its block.
pub async fn block(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<BlockForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/admin"));
    };
    let fields = &form.fields;
    let outcome = if fields.unblock.is_some() {
        admin::unblock(&state, caller, &fields.domain).await
    } else {
        admin::block(&state, caller, &fields.domain, &fields.reason).await
    };
    after(&state, &visitor, outcome).await
}

#[derive(Debug, Deserialize)]
pub struct ReportForm {
    id: i64,
}

/// `POST /admin/reports`: marks a report resolved.
pub async fn resolve_report(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<ReportForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/admin"));
    };
    let outcome = admin::resolve_report(&state, caller, form.fields.id).await;
    after(&state, &visitor, outcome).await
}

#[derive(Debug, Deserialize)]
pub struct RetryForm {
    #[serde(default)]
    instance: String,
}

/// `POST /admin/queue`: makes pending deliveries (to one instance, or all) due now.
pub async fn retry(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<RetryForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/admin"));
    };
    let host = Some(form.fields.instance.trim()).filter(|h| !h.is_empty());
    let outcome = admin::retry_now(&state, caller, host).await.map(|_| ());
    after(&state, &visitor, outcome).await
}

#[derive(Debug, Deserialize)]
pub struct LinkForm {
    /// `invitation` or `reset`.
    kind: String,
    #[serde(default)]
    handle: String,
}

/// `POST /admin/links`: makes an invitation link, or a password reset link for an account, and
/// shows it for the administrator to hand over.
pub async fn make_link(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<LinkForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/admin"));
    };
    let made = if form.fields.kind == "reset" {
        crate::service::accounts::reset_link(&state, caller, &form.fields.handle).await
    } else {
        crate::service::accounts::invitation_link(&state, caller).await
    };
    match made {
        Ok(link) => page_with(&state, &visitor, None, Some(link)).await,
        Err(error) => after(&state, &visitor, Err(error)).await,
    }
}
