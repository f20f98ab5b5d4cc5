//! Organizers write actions in the browser: a new action for their organization, changes to
//! one (with a preview of its Markdown text before publishing), and deleting it. The form
//! comes back with what was typed and the field marked when the service refuses it.

use super::account::Problem;
use super::form::{Choice, NoFields, PageForm, TOKEN_FIELD, choices, org_handle, sign_in_first};
use super::time::field_value;
use super::visitor::{Nav, Visitor};
use crate::domain::{ActionKind, ActionStatus, Handle};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::actions::{self, ActionInput, ActionView};
use crate::service::markdown::markdown_to_html;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The kinds and statuses the form offers, in order.
const KINDS: [&str; 8] = [
    "petition", "letter", "call", "email", "protest", "outreach", "donation", "other",
];
const STATUSES: [&str; 4] = ["open", "closed", "won", "lost"];

/// An action form as the browser sends it: every field is text.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    kind: String,
    title: String,
    description: String,
    body: String,
    /// One target per line.
    targets: String,
    goal: String,
    goal_unit: String,
    /// `datetime-local`, in `timezone`.
    deadline: String,
    timezone: String,
    external_url: String,
    external_label: String,
    status: String,
    /// Present when the "Preview" button sent the form.
    preview: Option<String>,
}

fn some(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

impl ActionForm {
    fn of(action: &ActionView) -> Self {
        Self {
            kind: action.kind.as_str().to_owned(),
            title: action.title.clone(),
            description: action.description.clone(),
            body: action.body.clone(),
            targets: action.targets.join("\n"),
            goal: action.goal.map(|g| g.to_string()).unwrap_or_default(),
            goal_unit: action.goal_unit.clone(),
            deadline: action
                .deadline
                .as_deref()
                .map(|at| field_value(at, &action.timezone))
                .unwrap_or_default(),
            timezone: action.timezone.clone(),
            external_url: action.external_url.clone().unwrap_or_default(),
            external_label: action.external_label.clone().unwrap_or_default(),
            status: action.status.as_str().to_owned(),
            preview: None,
        }
    }

    /// What the service checks; a field the browser cannot have sent right is named here.
    fn input(&self) -> Result<ActionInput, ServiceError> {
        let kind = ActionKind::from_stored(&self.kind)
            .ok_or_else(|| crate::service::fields::invalid("kind", "choose a kind"))?;
        let status = match self.status.as_str() {
            "" => ActionStatus::Open,
            status => ActionStatus::from_stored(status)
                .ok_or_else(|| crate::service::fields::invalid("status", "choose a status"))?,
        };
        let goal =
            match self.goal.trim() {
                "" => None,
                goal => Some(goal.parse::<i64>().map_err(|_| {
                    crate::service::fields::invalid("goal", "must be a whole number")
                })?),
            };
        Ok(ActionInput {
            kind,
            title: self.title.clone(),
            description: self.description.clone(),
            body: self.body.clone(),
            targets: self.targets.lines().filter_map(some).collect(),
            goal,
            goal_unit: some(&self.goal_unit),
            deadline: some(&self.deadline),
            timezone: some(&self.timezone),
            external_url: some(&self.external_url),
            external_label: some(&self.external_label),
            status,
        })
    }
}

#[derive(Template)]
#[template(path = "actions/form.html")]
struct ActionFormPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    /// Where the form is sent.
    action_url: String,
    organization: &'a str,
    /// The action being changed; `None` for a new one.
    editing: Option<&'a str>,
    form: &'a ActionForm,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    preview_html: Option<String>,
    problem: Option<Problem>,
}

impl ActionFormPage<'_> {
    fn invalid(&self, field: &str) -> bool {
        self.problem.as_ref().is_some_and(|p| p.field == field)
    }
}

async fn form_page(
    visitor: &Visitor,
    organization: &str,
    editing: Option<&str>,
    form: &ActionForm,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = ActionFormPage {
        title: nav.t(if editing.is_some() {
            "edit-action"
        } else {
            "new-action"
        }),
        token_field: TOKEN_FIELD,
        action_url: match editing {
            Some(id) => format!("/actions/{id}/edit"),
            None => format!("/@{organization}/actions"),
        },
        organization,
        editing,
        form,
        kinds: choices(&nav, "kind", &KINDS, &form.kind),
        statuses: choices(&nav, "status", &STATUSES, &form.status),
        preview_html: form.preview.as_ref().map(|_| markdown_to_html(&form.body)),
        problem,
        nav,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The page again with the service's refusal, or the error page when it is no form problem.
async fn refused(
    visitor: &Visitor,
    organization: &str,
    editing: Option<&str>,
    form: &ActionForm,
    error: ServiceError,
) -> Result<Response, AppError> {
    let problem = Problem::of(error, "")?;
    form_page(visitor, organization, editing, form, Some(problem)).await
}

/// `GET /@{org}/actions/new`.
pub async fn new(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let handle = org_handle(&org)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{handle}/actions/new")));
    };
    if crate::service::orgs::role_of(&state, caller, &handle)
        .await?
        .is_none()
    {
        return Err(AppError::Forbidden(format!(
            "you are not a member of '{handle}'"
        )));
    }
    let form = ActionForm {
        kind: "petition".to_owned(),
        timezone: "UTC".to_owned(),
        ..ActionForm::default()
    };
    form_page(&visitor, handle.as_str(), None, &form, None).await
}

/// `POST /@{org}/actions`: publishes, or shows the preview.
pub async fn create(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
    form: PageForm<ActionForm>,
) -> Result<Response, AppError> {
    let handle = org_handle(&org)?;
    let form = form.fields;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{handle}/actions/new")));
    };
    if form.preview.is_some() {
        return form_page(&visitor, handle.as_str(), None, &form, None).await;
    }
    let created = match form.input() {
        Ok(input) => actions::create_action(&state, caller, &handle, &input).await,
        Err(error) => Err(error),
    };
    match created {
        Ok(action) => Ok(Redirect::to(&format!("/actions/{}", action.id)).into_response()),
        Err(error) => refused(&visitor, handle.as_str(), None, &form, error).await,
    }
}

/// `GET /actions/{id}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/actions/{id}/edit")));
    };
    let action = actions::show(&state, &id).await?;
    let org = Handle::from_trusted(action.organization.clone());
    if crate::service::orgs::role_of(&state, caller, &org)
        .await?
        .is_none()
    {
        return Err(AppError::Forbidden(format!(
            "you are not a member of '{org}'"
        )));
    }
    form_page(
        &visitor,
        org.as_str(),
        Some(&id),
        &ActionForm::of(&action),
        None,
    )
    .await
}

/// `POST /actions/{id}/edit`: saves the changes (followers receive an Update), or previews.
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
    form: PageForm<ActionForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/actions/{id}/edit")));
    };
    let action = actions::show(&state, &id).await?;
    let org = Handle::from_trusted(action.organization.clone());
    let form = form.fields;
    if form.preview.is_some() {
        return form_page(&visitor, org.as_str(), Some(&id), &form, None).await;
    }
    let updated = match form.input() {
        Ok(input) => actions::update_action(&state, caller, &org, &id, &input).await,
        Err(error) => Err(error),
    };
    match updated {
        Ok(_) => Ok(Redirect::to(&format!("/actions/{id}")).into_response()),
        Err(error) => refused(&visitor, org.as_str(), Some(&id), &form, error).await,
    }
}

/// `POST /actions/{id}/delete`: deletes it (its page answers 410; followers receive a Delete).
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
    _form: PageForm<NoFields>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/actions/{id}")));
    };
    let action = actions::show(&state, &id).await?;
    let org = Handle::from_trusted(action.organization.clone());
    actions::delete_action(&state, caller, &org, &id).await?;
    Ok(Redirect::to(&format!("/@{org}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::{KINDS, STATUSES};
    use crate::http::web::i18n::Tr;

    #[test]
    fn every_choice_has_words() {
        let tr = Tr::default();
        for key in KINDS
            .iter()
            .map(|k| format!("kind-{k}"))
            .chain(STATUSES.iter().map(|s| format!("status-{s}")))
        {
            assert!(!tr.t(&key).starts_with("Unknown"), "{key}");
        }
    }
}
