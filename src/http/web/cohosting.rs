//! Campaigns across organizations in the browser: a campaign's owners and admins invite an
//! organization (here or on another co-op) to co-host from the campaign's page, and an
//! organization's owners and admins see on `/@{org}/invitations` what campaigns ask of it (to
//! co-host, to include one of its events or actions) and say yes there.

use super::account::Problem;
use super::form::{PageForm, TOKEN_FIELD, org_handle, sign_in_first};
use super::visitor::{Nav, Visitor};
use crate::domain::Handle;
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::campaigns::{self, Asked};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "orgs/invitations.html")]
struct InvitationsPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    organization: &'a str,
    asked: Asked,
    problem: Option<Problem>,
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    org: &Handle,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/invitations")));
    };
    let asked = campaigns::asked_of(state, caller, org).await?;
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = InvitationsPage {
        title: nav.ts("invitations-of", "organization", org.as_str()),
        nav,
        token_field: TOKEN_FIELD,
        organization: org.as_str(),
        asked,
        problem,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /@{org}/invitations`: what campaigns ask of the organization.
pub async fn list(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    page(&state, &visitor, &org_handle(&handle)?, None).await
}

/// The page again with the service's refusal, or the error page for what no form can mend.
async fn refused(
    state: &AppState,
    visitor: &Visitor,
    org: &Handle,
    error: ServiceError,
) -> Result<Response, AppError> {
    let problem = Problem::of(error, "")?;
    page(state, visitor, org, Some(problem)).await
}

#[derive(Debug, Deserialize)]
pub struct CohostAnswer {
    /// The campaign's actor id.
    campaign: String,
}

/// `POST /@{org}/invitations/cohosting`: the organization co-hosts the campaign.
pub async fn accept_cohosting(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
    form: PageForm<CohostAnswer>,
) -> Result<Response, AppError> {
    let org = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/invitations")));
    };
    let campaign = url::Url::parse(form.fields.campaign.trim())
        .map_err(|_| AppError::BadRequest("campaign: not a URL".to_owned()))?;
    match campaigns::accept_cohost_invitation(&state, caller, &org, &campaign).await {
        Ok(()) => Ok(Redirect::to(&format!("/@{org}/invitations")).into_response()),
        Err(error) => refused(&state, &visitor, &org, error).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct ItemAnswer {
    campaign: String,
    object: String,
    /// `decline` to say no; anything else says yes.
    #[serde(default)]
    answer: String,
}

/// `POST /@{org}/invitations/items`: the campaign may include the organization's item (or,
/// `answer=decline`, a campaign here may not).
pub async fn accept_item(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
    form: PageForm<ItemAnswer>,
) -> Result<Response, AppError> {
    let org = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/invitations")));
    };
    let fields = &form.fields;
    let outcome = if fields.answer == "decline" {
        campaigns::decline_item_request(&state, caller, &fields.campaign, &fields.object).await
    } else {
        campaigns::accept_item_request(&state, caller, &org, &fields.campaign, &fields.object).await
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/@{org}/invitations")).into_response()),
        Err(error) => refused(&state, &visitor, &org, error).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct CohostForm {
    /// A handle here, `name@host`, or an organization's address elsewhere.
    organization: String,
}

/// `POST /@{campaign}/cohosts`: invites an organization to co-host the campaign, then shows
/// the campaign.
pub async fn invite(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
    form: PageForm<CohostForm>,
) -> Result<Response, AppError> {
    let handle = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{handle}")));
    };
    campaigns::invite_cohost(&state, caller, &handle, &form.fields.organization).await?;
    Ok(Redirect::to(&format!("/@{handle}")).into_response())
}
