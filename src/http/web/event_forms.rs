//! Organizers write events in the browser: a new event for their organization, changes to one
//! (with a preview of its Markdown text), and deleting it; refused forms come back as typed.

use super::account::Problem;
use super::form::{Choice, NoFields, PageForm, TOKEN_FIELD, choices, org_handle, sign_in_first};
use super::time::field_value;
use super::visitor::{Nav, Visitor};
use crate::domain::{EventStatus, Handle, JoinMode};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::events::{self, EventInput, EventView, PlaceInput};
use crate::service::fields::invalid;
use crate::service::markdown::markdown_to_html;
use crate::service::orgs::role_of;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

const JOIN_MODES: [&str; 5] = ["free", "restricted", "invite", "external", "none"];
const STATUSES: [&str; 3] = ["confirmed", "tentative", "cancelled"];

/// An event form as the browser sends it: every field is text.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventForm {
    title: String,
    description: String,
    body: String,
    /// `datetime-local`, in `timezone`.
    starts_at: String,
    ends_at: String,
    timezone: String,
    place_name: String,
    place_address: String,
    latitude: String,
    longitude: String,
    online_url: String,
    capacity: String,
    join_mode: String,
    external_url: String,
    status: String,
    category: String,
    preview: Option<String>,
}

fn some(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn number<T: std::str::FromStr>(
    field: &'static str,
    text: &str,
) -> Result<Option<T>, ServiceError> {
    match text.trim() {
        "" => Ok(None),
        text => text
            .parse()
            .map(Some)
            .map_err(|_| invalid(field, "must be a number")),
    }
}

impl EventForm {
    fn of(event: &EventView) -> Self {
        let zone = &event.timezone;
        Self {
            title: event.title.clone(),
            description: event.description.clone(),
            body: event.body.clone(),
            starts_at: field_value(&event.starts_at, zone),
            ends_at: field_value(&event.ends_at, zone),
            timezone: zone.clone(),
            place_name: event.place_name.clone().unwrap_or_default(),
            place_address: event.place_address.clone().unwrap_or_default(),
            latitude: event.latitude.map(|l| l.to_string()).unwrap_or_default(),
            longitude: event.longitude.map(|l| l.to_string()).unwrap_or_default(),
            online_url: event.online_url.clone().unwrap_or_default(),
            capacity: event.capacity.map(|c| c.to_string()).unwrap_or_default(),
            join_mode: event.join_mode.as_str().to_owned(),
            external_url: event.external_url.clone().unwrap_or_default(),
            status: event.status.as_str().to_owned(),
            category: event.category.clone().unwrap_or_default(),
            preview: None,
        }
    }

    fn input(&self) -> Result<EventInput, ServiceError> {
        let join_mode = match self.join_mode.as_str() {
            "" => JoinMode::Free,
            mode => {
                JoinMode::from_stored(mode).ok_or_else(|| invalid("join_mode", "choose one"))?
            }
        };
        let status = match self.status.as_str() {
            "" => EventStatus::Confirmed,
            status => {
                EventStatus::from_stored(status).ok_or_else(|| invalid("status", "choose one"))?
            }
        };
        let place = PlaceInput {
            name: some(&self.place_name),
            address: some(&self.place_address),
            latitude: number("latitude", &self.latitude)?,
            longitude: number("longitude", &self.longitude)?,
        };
        let has_place = place.name.is_some()
            || place.address.is_some()
            || place.latitude.is_some()
            || place.longitude.is_some();
        Ok(EventInput {
            title: self.title.clone(),
            description: self.description.clone(),
            body: self.body.clone(),
            starts_at: self.starts_at.trim().to_owned(),
            ends_at: self.ends_at.trim().to_owned(),
            timezone: some(&self.timezone),
            place: has_place.then_some(place),
            online_url: some(&self.online_url),
            capacity: number("capacity", &self.capacity)?,
            join_mode,
            external_url: some(&self.external_url),
            status,
            category: some(&self.category),
        })
    }
}

#[derive(Template)]
#[template(path = "events/form.html")]
struct EventFormPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    action_url: String,
    organization: &'a str,
    editing: Option<&'a str>,
    form: &'a EventForm,
    join_modes: Vec<Choice>,
    statuses: Vec<Choice>,
    preview_html: Option<String>,
    problem: Option<Problem>,
}

impl EventFormPage<'_> {
    fn invalid(&self, field: &str) -> bool {
        self.problem.as_ref().is_some_and(|p| p.field == field)
    }
}

async fn form_page(
    visitor: &Visitor,
    organization: &str,
    editing: Option<&str>,
    form: &EventForm,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = EventFormPage {
        title: nav.t(if editing.is_some() {
            "edit-event"
        } else {
            "new-event"
        }),
        token_field: TOKEN_FIELD,
        action_url: match editing {
            Some(id) => format!("/events/{id}/edit"),
            None => format!("/@{organization}/events"),
        },
        organization,
        editing,
        form,
        join_modes: choices(&nav, "join", &JOIN_MODES, &form.join_mode),
        statuses: choices(&nav, "event-status", &STATUSES, &form.status),
        preview_html: form.preview.as_ref().map(|_| markdown_to_html(&form.body)),
        problem,
        nav,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The event's page once saved; the form again when the service names a problem.
async fn saved_or_refused(
    visitor: &Visitor,
    organization: &str,
    editing: Option<&str>,
    form: &EventForm,
    outcome: Result<String, ServiceError>,
) -> Result<Response, AppError> {
    match outcome {
        Ok(id) => Ok(Redirect::to(&format!("/events/{id}")).into_response()),
        Err(error) => {
            let problem = Problem::of(error, "")?;
            form_page(visitor, organization, editing, form, Some(problem)).await
        }
    }
}

/// `GET /@{org}/events/new`.
pub async fn new(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let handle = org_handle(&org)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{handle}/events/new")));
    };
    if role_of(&state, caller, &handle).await?.is_none() {
        return Err(AppError::Forbidden(format!(
            "you are not a member of '{handle}'"
        )));
    }
    let form = EventForm {
        timezone: "UTC".to_owned(),
        ..EventForm::default()
    };
    form_page(&visitor, handle.as_str(), None, &form, None).await
}

/// `POST /@{org}/events`: publishes, or shows the preview.
pub async fn create(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
    form: PageForm<EventForm>,
) -> Result<Response, AppError> {
    let handle = org_handle(&org)?;
    let form = form.fields;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{handle}/events/new")));
    };
    if form.preview.is_some() {
        return form_page(&visitor, handle.as_str(), None, &form, None).await;
    }
    let outcome = match form.input() {
        Ok(input) => events::create_event(&state, caller, &handle, &input)
            .await
            .map(|event| event.id),
        Err(error) => Err(error),
    };
    saved_or_refused(&visitor, handle.as_str(), None, &form, outcome).await
}

/// `GET /events/{id}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/events/{id}/edit")));
    };
    let event = events::show(&state, &id).await?;
    let org = Handle::from_trusted(event.organization.clone());
    if role_of(&state, caller, &org).await?.is_none() {
        return Err(AppError::Forbidden(format!(
            "you are not a member of '{org}'"
        )));
    }
    form_page(
        &visitor,
        org.as_str(),
        Some(&id),
        &EventForm::of(&event),
        None,
    )
    .await
}

/// `POST /events/{id}/edit`: saves (followers receive an Update), or previews.
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
    form: PageForm<EventForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/events/{id}/edit")));
    };
    let event = events::show(&state, &id).await?;
    let org = Handle::from_trusted(event.organization.clone());
    let form = form.fields;
    if form.preview.is_some() {
        return form_page(&visitor, org.as_str(), Some(&id), &form, None).await;
    }
    let outcome = match form.input() {
        Ok(input) => events::update_event(&state, caller, &org, &id, &input)
            .await
            .map(|event| event.id),
        Err(error) => Err(error),
    };
    saved_or_refused(&visitor, org.as_str(), Some(&id), &form, outcome).await
}

/// `POST /events/{id}/delete`: its page answers 410; followers receive a Delete.
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
    _form: PageForm<NoFields>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/events/{id}")));
    };
    let event = events::show(&state, &id).await?;
    let org = Handle::from_trusted(event.organization.clone());
    events::delete_event(&state, caller, &org, &id).await?;
    Ok(Redirect::to(&format!("/@{org}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::{JOIN_MODES, STATUSES};
    use crate::http::web::i18n::Tr;

    #[test]
    fn every_choice_has_words() {
        let tr = Tr::default();
        for key in JOIN_MODES
            .iter()
            .map(|m| format!("join-{m}"))
            .chain(STATUSES.iter().map(|s| format!("event-status-{s}")))
        {
            assert!(!tr.t(&key).starts_with("Unknown"), "{key}");
        }
    }
}
