//! Organizers run campaigns in the browser: a new campaign for their organization, changes to
//! it, and from its page adding actions and events (ours or another co-op's, by URL or handle)
//! and posting dated updates. Refused forms come back with what was typed.

use super::account::Problem;
use super::form::{PageForm, TOKEN_FIELD, org_handle, sign_in_first};
use super::visitor::{Nav, Visitor};
use crate::domain::{CampaignStatus, Handle};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::campaigns::{self, CampaignInput, CampaignView};
use crate::service::markdown::markdown_to_html;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

/// A campaign form as the browser sends it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CampaignForm {
    handle: String,
    title: String,
    summary: String,
    body: String,
    /// One demand per line.
    demands: String,
    goal_statement: String,
    status: String,
    preview: Option<String>,
}

impl CampaignForm {
    fn of(campaign: &CampaignView) -> Self {
        Self {
            handle: campaign.handle.clone(),
            title: campaign.title.clone(),
            summary: campaign.summary.clone(),
            body: campaign.body.clone(),
            demands: campaign.demands.join("\n"),
            goal_statement: campaign.goal_statement.clone(),
            status: campaign.status.as_str().to_owned(),
            preview: None,
        }
    }

    fn input(&self) -> Result<CampaignInput, ServiceError> {
        let status = match self.status.as_str() {
            "" => CampaignStatus::Active,
            status => CampaignStatus::from_stored(status)
                .ok_or_else(|| crate::service::fields::invalid("status", "choose one"))?,
        };
        Ok(CampaignInput {
            handle: self.handle.trim().trim_start_matches('@').to_owned(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            demands: self
                .demands
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect(),
            goal_statement: self.goal_statement.clone(),
            status,
        })
    }
}

#[derive(Template)]
#[template(path = "campaigns/form.html")]
struct CampaignFormPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    action_url: String,
    organization: &'a str,
    /// The campaign being changed; `None` for a new one.
    editing: Option<&'a str>,
    form: &'a CampaignForm,
    preview_html: Option<String>,
    problem: Option<Problem>,
    /// The visitor may delete the campaign: an owner or admin of its organization.
    can_delete: bool,
}

impl CampaignFormPage<'_> {
    fn invalid(&self, field: &str) -> bool {
        self.problem.as_ref().is_some_and(|p| p.field == field)
    }
}

async fn form_page(
    state: &AppState,
    visitor: &Visitor,
    organization: &str,
    editing: Option<&str>,
    form: &CampaignForm,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let can_delete = match (&visitor.caller, editing) {
        (Some(caller), Some(_)) => {
            let org = crate::domain::Handle::from_trusted(organization.to_owned());
            matches!(
                crate::service::orgs::role_of(state, caller, &org).await?,
                Some(crate::domain::OrgRole::Owner | crate::domain::OrgRole::Admin)
            )
        }
        _ => false,
    };
    let page = CampaignFormPage {
        title: nav.t(if editing.is_some() {
            "edit-campaign"
        } else {
            "new-campaign"
        }),
        token_field: TOKEN_FIELD,
        action_url: match editing {
            Some(handle) => format!("/@{handle}/edit"),
            None => format!("/@{organization}/campaigns"),
        },
        organization,
        editing,
        form,
        preview_html: form.preview.as_ref().map(|_| markdown_to_html(&form.body)),
        can_delete,
        problem,
        nav,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The campaign's page when saved; the form again when the service names a problem.
async fn saved_or_refused(
    state: &AppState,
    visitor: &Visitor,
    organization: &str,
    editing: Option<&str>,
    form: &CampaignForm,
    outcome: Result<String, ServiceError>,
) -> Result<Response, AppError> {
    let problem = match outcome {
        Ok(handle) => return Ok(Redirect::to(&format!("/@{handle}")).into_response()),
        Err(error) => Problem::of(error, "handle")?,
    };
    form_page(state, visitor, organization, editing, form, Some(problem)).await
}

/// `GET /@{org}/campaigns/new`.
pub async fn new(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let org = org_handle(&org)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/campaigns/new")));
    };
    if crate::service::orgs::role_of(&state, caller, &org)
        .await?
        .is_none()
    {
        return Err(AppError::Forbidden(format!(
            "you are not a member of '{org}'"
        )));
    }
    form_page(
        &state,
        &visitor,
        org.as_str(),
        None,
        &CampaignForm::default(),
        None,
    )
    .await
}

/// `POST /@{org}/campaigns`: creates the campaign (its own followable actor), or previews.
pub async fn create(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
    form: PageForm<CampaignForm>,
) -> Result<Response, AppError> {
    let org = org_handle(&org)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/campaigns/new")));
    };
    let form = form.fields;
    if form.preview.is_some() {
        return form_page(&state, &visitor, org.as_str(), None, &form, None).await;
    }
    let outcome = match form.input() {
        Ok(input) => campaigns::create_campaign(&state, caller, &org, &input)
            .await
            .map(|campaign| campaign.handle.to_string()),
        Err(error) => Err(error),
    };
    saved_or_refused(&state, &visitor, org.as_str(), None, &form, outcome).await
}

/// `GET /@{campaign}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let handle = org_handle(&handle)?;
    if visitor.caller.is_none() {
        return Ok(sign_in_first(&format!("/@{handle}/edit")));
    }
    let campaign = campaigns::show(&state, &handle).await?;
    let form = CampaignForm::of(&campaign);
    form_page(
        &state,
        &visitor,
        &campaign.organization,
        Some(handle.as_str()),
        &form,
        None,
    )
    .await
}

/// `POST /@{campaign}/edit`: saves the changes, or previews.
pub async fn update(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
    form: PageForm<CampaignForm>,
) -> Result<Response, AppError> {
    let handle = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{handle}/edit")));
    };
    let campaign = campaigns::show(&state, &handle).await?;
    let mut form = form.fields;
    form.handle = handle.to_string();
    if form.preview.is_some() {
        return form_page(
            &state,
            &visitor,
            &campaign.organization,
            Some(handle.as_str()),
            &form,
            None,
        )
        .await;
    }
    let outcome = match form.input() {
        Ok(input) => campaigns::update_campaign(&state, caller, &handle, &input)
            .await
            .map(|campaign| campaign.handle.to_string()),
        Err(error) => Err(error),
    };
    saved_or_refused(
        &state,
        &visitor,
        &campaign.organization,
        Some(handle.as_str()),
        &form,
        outcome,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct ItemForm {
    /// An action's or event's URL, or the handle of what another server hosts.
    object: String,
}

/// `POST /@{campaign}/items`: adds an action or event to the campaign.
pub async fn add_item(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
    form: PageForm<ItemForm>,
) -> Result<Response, AppError> {
    let handle = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{handle}")));
    };
    campaigns::add_item(&state, caller, &handle, form.fields.object.trim()).await?;
    Ok(Redirect::to(&format!("/@{handle}")).into_response())
}

#[derive(Debug, Deserialize)]
pub struct UpdateForm {
    text: String,
}

/// `POST /@{campaign}/updates`: posts a dated update as the campaign.
pub async fn post_update(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    visitor: Visitor,
    form: PageForm<UpdateForm>,
) -> Result<Response, AppError> {
    let handle: Handle = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{handle}")));
    };
    campaigns::post_update(&state, caller, &handle, &form.fields.text).await?;
    Ok(Redirect::to(&format!("/@{handle}")).into_response())
}

/// `POST /@{campaign}/updates/{id}/delete`: a member of its organization deletes an update.
pub async fn delete_update(
    State(state): State<AppState>,
    Path((handle, id)): Path<(String, String)>,
    visitor: Visitor,
    _form: PageForm<super::form::NoFields>,
) -> Result<Response, AppError> {
    let handle: Handle = org_handle(&handle)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{handle}")));
    };
    campaigns::delete_update(&state, caller, &handle, &id).await?;
    Ok(Redirect::to(&format!("/@{handle}")).into_response())
}
