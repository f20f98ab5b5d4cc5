//! Organizations in the browser: an instance admin creates one and names its first owner
//! (`/orgs/new`); its owners and admins change its name and summary (`/@{org}/settings`, an
//! `Update` to its followers); its owners delete it there once it hosts nothing; its members
//! post notes from its page.

use super::account::Problem;
use super::form::{NoFields, PageForm, TOKEN_FIELD, org_handle, sign_in_first};
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::orgs::{self, OrgProfile};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "orgs/form.html")]
struct OrgFormPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    /// The organization being changed; `None` on the creation form.
    editing: Option<&'a str>,
    form: &'a OrgForm,
    problem: Option<Problem>,
}

impl OrgFormPage<'_> {
    fn invalid(&self, field: &str) -> bool {
        self.problem.as_ref().is_some_and(|p| p.field == field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrgForm {
    handle: String,
    name: String,
    summary: String,
    owner: String,
}

async fn form_page(
    visitor: &Visitor,
    editing: Option<&str>,
    form: &OrgForm,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = OrgFormPage {
        title: match editing {
            Some(handle) => nav.ts("org-settings-of", "organization", handle),
            None => nav.t("new-organization"),
        },
        token_field: TOKEN_FIELD,
        editing,
        form,
        problem,
        nav,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// Where a form goes after the service answered: on, or back with the problem marked.
async fn saved_or_refused(
    visitor: &Visitor,
    editing: Option<&str>,
    form: &OrgForm,
    outcome: Result<String, ServiceError>,
) -> Result<Response, AppError> {
    let problem = match outcome {
        Ok(to) => return Ok(Redirect::to(&to).into_response()),
        Err(error) => Problem::of(error, "handle")?,
    };
    form_page(visitor, editing, form, Some(problem)).await
}

/// `GET /orgs/new`: the creation form, for instance admins.
pub async fn new(visitor: Visitor) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/orgs/new"));
    };
    orgs::may_create(caller)?;
    let form = OrgForm {
        owner: caller.handle.to_string(),
        ..OrgForm::default()
    };
    form_page(&visitor, None, &form, None).await
}

/// `POST /orgs`: creates the organization, then shows its page.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<OrgForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/orgs/new"));
    };
    let f = &form.fields;
    let outcome = orgs::create_as_admin(&state, caller, &f.handle, &f.name, &f.summary, &f.owner)
        .await
        .map(|org| format!("/@{}", org.handle));
    saved_or_refused(&visitor, None, f, outcome).await
}

/// `GET /@{org}/settings`: its name and summary, for its owners and admins.
pub async fn settings(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let org = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/settings")));
    };
    let OrgProfile {
        handle,
        name,
        summary,
    } = orgs::profile_for_manager(&state, caller, &org).await?;
    let form = OrgForm {
        handle,
        name,
        summary,
        owner: String::new(),
    };
    form_page(&visitor, Some(org.as_str()), &form, None).await
}

/// `POST /@{org}/settings`: saves them, then shows its page.
pub async fn save(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
    form: PageForm<OrgForm>,
) -> Result<Response, AppError> {
    let org = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/settings")));
    };
    let f = &form.fields;
    let outcome = orgs::update_organization(&state, caller, &org, &f.name, &f.summary)
        .await
        .map(|_| format!("/@{org}"));
    saved_or_refused(&visitor, Some(org.as_str()), f, outcome).await
}

/// `POST /@{org}/delete`: an owner deletes it; refused, with the reason on the settings form,
/// while it hosts campaigns, events or actions. For a campaign, an owner or admin of its
/// organization deletes the campaign.
pub async fn delete(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
    _form: PageForm<NoFields>,
) -> Result<Response, AppError> {
    let org = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/settings")));
    };
    // Campaigns share the `/@{handle}` namespace: their settings page posts here too.
    if crate::service::actors::local_actor(&state, &org)
        .await?
        .is_campaign
    {
        crate::service::campaigns::delete_campaign(&state, caller, &org).await?;
        return Ok(Redirect::to("/").into_response());
    }
    match orgs::delete_as_owner(&state, caller, &org).await {
        Ok(_) => Ok(Redirect::to("/").into_response()),
        Err(ServiceError::Conflict(message)) => {
            let current = orgs::profile_for_manager(&state, caller, &org).await?;
            let form = OrgForm {
                handle: current.handle,
                name: current.name,
                summary: current.summary,
                owner: String::new(),
            };
            let problem = Problem { message, field: "" };
            form_page(
                &visitor,
                Some(org.as_str()),
                &form,
                Some((StatusCode::CONFLICT, problem)),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct NoteForm {
    text: String,
}

/// `POST /@{org}/notes`: a member publishes a note as the organization (plain text; links and
/// line breaks kept), then sees its page.
pub async fn post_note(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
    form: PageForm<NoteForm>,
) -> Result<Response, AppError> {
    let org = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}")));
    };
    crate::service::notes::publish_note(&state, caller, &org, &form.fields.text).await?;
    Ok(Redirect::to(&format!("/@{org}")).into_response())
}

/// `POST /@{org}/notes/{id}/delete`: a member deletes one of its notes (followers receive
/// `Delete`).
pub async fn delete_note(
    State(state): State<AppState>,
    Path((handle, id)): Path<(String, String)>,
    visitor: Visitor,
    _form: PageForm<NoFields>,
) -> Result<Response, AppError> {
    let org = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}")));
    };
    crate::service::notes::delete_note(&state, caller, &org, &id).await?;
    Ok(Redirect::to(&format!("/@{org}")).into_response())
}
