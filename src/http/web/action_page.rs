//! An action's page: its goal and live progress (in all and per co-op), and the form to take
//! part for a signed-in person (name, a word to the organizers, consent to be contacted), with
//! the receipt after signing and a way to withdraw.

use super::account::Problem;
use super::form::{NoFields, PageForm, TOKEN_FIELD, sign_in_first, sign_in_url};
use super::interaction::ElsewhereForm;
use super::time::local_in;
use super::visitor::{Nav, Visitor};
use crate::domain::{ActionStatus, OrgRole};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::actions::{self, ActionView, ParticipantView, ParticipationInput};
use crate::service::interaction::Intent;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "actions/action.html")]
struct ActionPage<'a> {
    title: &'a str,
    nav: Nav,
    action: &'a ActionView,
    verb: &'a str,
    /// The goal reached, in percent (at most 100), when there is a goal.
    percent: Option<i64>,
    open: bool,
    mine: Option<ParticipantView>,
    /// When the visitor took part, in the action's time zone.
    mine_at: String,
    deadline: Option<String>,
    receipt: bool,
    /// The visitor belongs to the organization: show "Change".
    can_edit: bool,
    /// The visitor is one of its owners or admins: show "Participants".
    can_manage: bool,
    token_field: &'a str,
    sign_in_url: String,
    problem: Option<Problem>,
    /// The form to take part from another server.
    elsewhere: ElsewhereForm,
}

/// What the page says after a form: a receipt, or a problem.
pub enum After {
    Nothing,
    Receipt,
    Problem(StatusCode, Problem),
}

/// Renders the action `id` for `visitor`.
pub async fn render(
    state: &AppState,
    visitor: &Visitor,
    id: &str,
    after: After,
) -> Result<Response, AppError> {
    let action = actions::show(state, id).await?;
    let (mine, role) = match &visitor.caller {
        Some(caller) => {
            let org = crate::domain::Handle::from_trusted(action.organization.clone());
            let role = crate::service::orgs::role_of(state, caller, &org).await?;
            (actions::participation_of(state, caller, id).await?, role)
        }
        None => (None, None),
    };
    let can_edit = role.is_some();
    let can_manage = matches!(role, Some(OrgRole::Owner | OrgRole::Admin));
    let (status, receipt, problem) = match after {
        After::Nothing => (StatusCode::OK, false, None),
        After::Receipt => (StatusCode::OK, true, None),
        After::Problem(status, problem) => (status, false, Some(problem)),
    };
    let verb = action
        .external_label
        .as_deref()
        .unwrap_or(action.kind.verb());
    let zone = &action.timezone;
    let mine_at = mine
        .as_ref()
        .map(|mine| local_in(&mine.created_at, zone, &visitor.tr.lang()))
        .unwrap_or_default();
    let nav = visitor.nav().await?;
    let elsewhere = ElsewhereForm::new(
        action.ap_id.clone(),
        Intent::Join,
        nav.t("take-part-from-home"),
    );
    let page = ActionPage {
        elsewhere,
        mine_at,
        deadline: action
            .deadline
            .as_deref()
            .map(|at| local_in(at, zone, &visitor.tr.lang())),
        title: &action.title,
        nav,
        verb,
        percent: action
            .goal
            .filter(|goal| *goal > 0)
            .map(|goal| (action.progress * 100 / goal).min(100)),
        open: action.status == ActionStatus::Open,
        mine,
        receipt,
        can_edit,
        can_manage,
        token_field: TOKEN_FIELD,
        sign_in_url: sign_in_url(&format!("/actions/{id}")),
        problem,
        action: &action,
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct SignForm {
    name: String,
    comment: String,
    /// Present (`on`) when the box is ticked.
    consent: Option<String>,
}

/// `POST /actions/{id}/participation`: takes part as the signed-in person.
pub async fn sign(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
    form: PageForm<SignForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/actions/{id}")));
    };
    let name = form.fields.name.trim();
    let input = ParticipationInput {
        name: (!name.is_empty()).then(|| name.to_owned()),
        comment: Some(form.fields.comment),
        consent_to_contact: Some(form.fields.consent.is_some()),
    };
    match actions::participate_as_user(&state, caller, &id, &input, false).await {
        Ok(_) => Ok(Redirect::to(&format!("/actions/{id}/signed")).into_response()),
        Err(ServiceError::Conflict(message)) => {
            let problem = Problem { message, field: "" };
            render(
                &state,
                &visitor,
                &id,
                After::Problem(StatusCode::CONFLICT, problem),
            )
            .await
        }
        Err(ServiceError::Invalid { field, message }) => {
            let problem = Problem { message, field };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&state, &visitor, &id, After::Problem(status, problem)).await
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /actions/{id}/signed`: the page with the receipt of a participation.
pub async fn receipt(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    render(&state, &visitor, &id, After::Receipt).await
}

/// `POST /actions/{id}/withdrawal`: withdraws the signed-in person's participation.
pub async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
    _form: PageForm<NoFields>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/actions/{id}")));
    };
    let input = ParticipationInput::default();
    actions::participate_as_user(&state, caller, &id, &input, true).await?;
    Ok(Redirect::to(&format!("/actions/{id}")).into_response())
}
