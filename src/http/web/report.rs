//! Reporting a post from another server (`/report`), for signed-in people, and the
//! administrators' answer on `/admin` (forward it to the author's server, or set it aside).

use super::account::Problem;
use super::form::{PageForm, TOKEN_FIELD, sign_in_first};
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::sent_reports;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "mine/report.html")]
struct ReportPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    object: &'a str,
    comment: &'a str,
    /// The report was kept: say so instead of the form.
    done: bool,
    problem: Option<Problem>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    object: String,
    comment: String,
}

async fn page(
    visitor: &Visitor,
    form: &ReportForm,
    done: bool,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = ReportPage {
        title: nav.t("report-title"),
        token_field: TOKEN_FIELD,
        object: &form.object,
        comment: &form.comment,
        done,
        problem,
        nav,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// Refuses an `object` that is no web address: the page links to it, and a `javascript:` link
/// would run on our origin.
fn web_address(object: &str) -> Result<(), AppError> {
    match url::Url::parse(object.trim()) {
        Ok(url) if matches!(url.scheme(), "https" | "http") => Ok(()),
        _ => Err(AppError::BadRequest(
            "object: not a post's address".to_owned(),
        )),
    }
}

/// `GET /report?object=…`: the form to report a post.
pub async fn form(visitor: Visitor, Query(form): Query<ReportForm>) -> Result<Response, AppError> {
    if visitor.caller.is_none() {
        return Ok(sign_in_first("/timeline"));
    }
    web_address(&form.object)?;
    page(&visitor, &form, false, None).await
}

/// `POST /report`: keeps the report for the administrators.
pub async fn send(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<ReportForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/timeline"));
    };
    let fields = &form.fields;
    web_address(&fields.object)?;
    match sent_reports::report_post(&state, caller, &fields.object, &fields.comment).await {
        Ok(()) => page(&visitor, fields, true, None).await,
        Err(error) => {
            let problem = Problem::of(error, "")?;
            page(&visitor, fields, false, Some(problem)).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    id: i64,
    /// `forward` or `set-aside`.
    decision: String,
}

/// `POST /admin/sent-reports`: an administrator forwards a report or sets it aside.
pub async fn decide(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<DecisionForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/admin"));
    };
    let forward = form.fields.decision == "forward";
    sent_reports::close_sent_report(&state, caller, form.fields.id, forward).await?;
    Ok(Redirect::to("/admin").into_response())
}
