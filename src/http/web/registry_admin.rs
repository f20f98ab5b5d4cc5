//! The registry's administration page (`/admin/registry`, on the software co-op's instance):
//! approve or reject applications and suspend, restore or remove members, each with a reason
//! that goes into the published log; open a proposal and close one early. Every change goes
//! through `service::registry`, which checks the person is an administrator.

use super::form::{PageForm, TOKEN_FIELD, sign_in_first};
use super::problem::Problem;
use super::visitor::{Nav, Visitor};
use crate::domain::registry_log::Change;
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::registry::{self, ChangeRequest, ProposalRequest, RegistryAdmin};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

const PAGE: &str = "/admin/registry";

#[derive(Template)]
#[template(path = "admin/registry.html")]
struct RegistryAdminPage {
    title: String,
    nav: Nav,
    token_field: &'static str,
    registry: RegistryAdmin,
    /// The proposal form as sent, when it came back refused.
    proposal: ProposalForm,
    problem: Option<Problem>,
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    proposal: ProposalForm,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(PAGE));
    };
    let registry = registry::admin_view(state, caller).await?;
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = RegistryAdminPage {
        title: nav.t("registry-admin"),
        nav,
        token_field: TOKEN_FIELD,
        registry,
        proposal,
        problem,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The page again after a change, or with the problem when the service refused it.
async fn after(
    state: &AppState,
    visitor: &Visitor,
    outcome: Result<(), ServiceError>,
    proposal: ProposalForm,
) -> Result<Response, AppError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(PAGE).into_response()),
        Err(error) => {
            let problem = Problem::of(error, "")?;
            page(state, visitor, proposal, Some(problem)).await
        }
    }
}

/// `GET /admin/registry`.
pub async fn index(State(state): State<AppState>, visitor: Visitor) -> Result<Response, AppError> {
    page(&state, &visitor, ProposalForm::default(), None).await
}

#[derive(Debug, Deserialize)]
pub struct ChangeForm {
    member: String,
    /// `approved`, `rejected`, `suspended`, `restored` or `removed`.
    change: String,
    #[serde(default)]
    reason: String,
}

/// `POST /admin/registry/changes`.
pub async fn change(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<ChangeForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(PAGE));
    };
    let fields = form.fields;
    let outcome = match Change::parse(&fields.change) {
        Some(change) => {
            let request = ChangeRequest {
                member: fields.member,
                reason: fields.reason,
                ..ChangeRequest::default()
            };
            registry::record_as_admin(&state, caller, change, request)
                .await
                .map(|_| ())
        }
        None => Err(ServiceError::Invalid {
            field: "change",
            message: format!("'{}' is no change", fields.change),
        }),
    };
    after(&state, &visitor, outcome, ProposalForm::default()).await
}

/// The proposal form's fields.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProposalForm {
    pub title: String,
    pub body: String,
    pub kind: String,
    /// One option per line.
    pub options: String,
    pub rule: String,
    pub quorum: String,
    /// `datetime-local`, in UTC.
    pub closes: String,
    /// Present when ticked.
    pub secret: Option<String>,
}

fn closes_at(text: &str) -> Result<i64, ServiceError> {
    chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .map(|at| at.and_utc().timestamp_millis())
        .map_err(|_| ServiceError::Invalid {
            field: "closes",
            message: "when the vote closes: a date and a time (UTC)".to_owned(),
        })
}

fn request_of(fields: &ProposalForm) -> Result<ProposalRequest, ServiceError> {
    let quorum = fields.quorum.trim();
    let quorum_percent = if quorum.is_empty() {
        0
    } else {
        quorum.parse().map_err(|_| ServiceError::Invalid {
            field: "quorum",
            message: "a quorum is a share of the roll, from 0 to 100 percent".to_owned(),
        })?
    };
    Ok(ProposalRequest {
        title: fields.title.clone(),
        body: fields.body.clone(),
        kind: fields.kind.clone(),
        secret: fields.secret.is_some(),
        options: fields
            .options
            .lines()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned)
            .collect(),
        rule: fields.rule.clone(),
        quorum_percent,
        closes_at: closes_at(&fields.closes)?,
        ..ProposalRequest::default()
    })
}

/// `POST /admin/registry/proposals`: opens a proposal.
pub async fn propose(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<ProposalForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(PAGE));
    };
    let fields = form.fields;
    let request = request_of(&fields);
    let outcome = match request {
        Ok(request) => registry::open(&state, caller, request).await.map(|_| ()),
        Err(error) => Err(error),
    };
    after(&state, &visitor, outcome, fields).await
}

/// `POST /admin/registry/proposals/{id}/close`: closes a proposal now.
pub async fn close(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    _form: PageForm<std::collections::BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(PAGE));
    };
    let outcome = registry::close_as_admin(&state, caller, &id)
        .await
        .map(|_| ());
    after(&state, &visitor, outcome, ProposalForm::default()).await
}
