//! An event's page: when (in the event's time zone), where (with a map link), how many are
//! going and how many places are left, and the RSVP form for a signed-in person.

use super::account::Problem;
use super::form::{PageForm, TOKEN_FIELD, sign_in_first, sign_in_url};
use super::interaction::ElsewhereForm;
use super::time::local_in;
use super::visitor::{Nav, Visitor};
use crate::domain::{EventStatus, JoinMode, RsvpState};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::documents::{self, Built};
use crate::service::events::{self, EventView};
use crate::service::interaction::Intent;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "events/event.html")]
struct EventPage<'a> {
    title: &'a str,
    nav: Nav,
    event: &'a EventView,
    starts: String,
    ends: String,
    place: Option<String>,
    map_url: Option<String>,
    cancelled: bool,
    places_left: Option<i64>,
    takes_rsvps: bool,
    answer: Option<&'static str>,
    /// The visitor belongs to the organization: show "Change".
    can_edit: bool,
    /// The visitor is one of its owners or admins: show "Participants".
    can_manage: bool,
    token_field: &'a str,
    sign_in_url: String,
    calendar_url: String,
    /// This event alone, as an iCalendar file.
    event_calendar_url: String,
    problem: Option<Problem>,
    /// The zone the visitor asked for, as typed, and the times in it when it is a zone.
    zone: String,
    in_zone: Option<(String, String)>,
    zone_unknown: bool,
    /// The form to answer from another server.
    elsewhere: ElsewhereForm,
}

/// `?tz=Area/City` on an event's page: also show its times in that zone.
#[derive(Debug, Default, Deserialize)]
pub struct ZoneQuery {
    pub tz: Option<String>,
}

/// The message saying where the visitor stands.
fn answer_key(state: RsvpState) -> &'static str {
    match state {
        RsvpState::Going => "you-are-going",
        RsvpState::Maybe => "you-might-go",
        RsvpState::Declined => "you-cannot-go",
        RsvpState::Pending => "you-asked-to-join",
        RsvpState::Rejected => "your-request-declined",
    }
}

/// Renders the event `id` for `visitor`, with a problem from a form if there was one. The page
/// as anyone not signed in sees it, in their language, is kept (`service::documents`).
pub async fn render(
    state: &AppState,
    visitor: &Visitor,
    id: &str,
    problem: Option<(StatusCode, Problem)>,
    zone: Option<&str>,
) -> Result<Response, AppError> {
    let zone = asked_zone(zone);
    if let Some(key) = kept_key(visitor, id, zone).filter(|_| problem.is_none()) {
        let body = documents::cached(state, key, async {
            let (_, html) = page(state, visitor, id, None, None).await?;
            Ok::<_, AppError>(Built {
                body: html.into(),
                keep: true,
            })
        })
        .await?;
        return Ok(Html(body).into_response());
    }
    let (status, html) = page(state, visitor, id, problem, zone).await?;
    Ok((status, Html(html)).into_response())
}

/// The time zone `?tz=` asks for, if it asks for one.
fn asked_zone(zone: Option<&str>) -> Option<&str> {
    zone.map(str::trim).filter(|zone| !zone.is_empty())
}

/// The name of the page kept for `visitor`: anyone not signed in, in their language, with no
/// other time zone asked for (`zone` as `asked_zone` gives it).
fn kept_key(visitor: &Visitor, id: &str, zone: Option<&str>) -> Option<String> {
    (visitor.caller.is_none() && zone.is_none())
        .then(|| format!("event-page:{id}:{}", visitor.tr.lang()))
}

/// The page kept for `visitor`, when there is a fresh one (an event deleted since has none).
pub fn kept(state: &AppState, visitor: &Visitor, id: &str, zone: Option<&str>) -> Option<Response> {
    let key = kept_key(visitor, id, asked_zone(zone))?;
    documents::kept(state, &key).map(|body| Html(body).into_response())
}

/// The event's page for `visitor`, and the status to answer it with.
async fn page(
    state: &AppState,
    visitor: &Visitor,
    id: &str,
    problem: Option<(StatusCode, Problem)>,
    zone: Option<&str>,
) -> Result<(StatusCode, String), AppError> {
    let event = events::show(state, id).await?;
    let (answer, role) = match &visitor.caller {
        Some(caller) => {
            let org = crate::domain::Handle::from_trusted(event.organization.clone());
            let role = crate::service::orgs::role_of(state, caller, &org).await?;
            (events::answer_of(state, caller, id).await?, role)
        }
        None => (None, None),
    };
    let can_edit = role.is_some();
    let can_manage = matches!(
        role,
        Some(crate::domain::OrgRole::Owner | crate::domain::OrgRole::Admin)
    );
    let place: Vec<&str> = [event.place_name.as_deref(), event.place_address.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let map_url = event.latitude.zip(event.longitude).map(|(lat, lon)| {
        format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
    });
    let (status, problem) = Problem::with_status(problem);
    let lang = visitor.tr.lang();
    let zone = zone.unwrap_or_default();
    let known = zone.parse::<chrono_tz::Tz>().ok();
    let in_zone = known.filter(|_| zone != event.timezone).map(|_| {
        (
            local_in(&event.starts_at, zone, &lang),
            local_in(&event.ends_at, zone, &lang),
        )
    });
    let nav = visitor.nav().await?;
    let elsewhere =
        ElsewhereForm::new(event.ap_id.clone(), Intent::Join, nav.t("answer-from-home"));
    let page = EventPage {
        zone: zone.to_owned(),
        zone_unknown: !zone.is_empty() && known.is_none(),
        in_zone,
        elsewhere,
        event_calendar_url: format!("/events/{id}/calendar.ics"),
        title: &event.title,
        nav,
        starts: local_in(&event.starts_at, &event.timezone, &visitor.tr.lang()),
        ends: local_in(&event.ends_at, &event.timezone, &visitor.tr.lang()),
        place: (!place.is_empty()).then(|| place.join(", ")),
        map_url,
        cancelled: event.status == EventStatus::Cancelled,
        places_left: event
            .capacity
            .map(|capacity| (capacity - event.going).max(0)),
        takes_rsvps: matches!(event.join_mode, JoinMode::Free | JoinMode::Restricted),
        answer: answer.map(answer_key),
        can_edit,
        can_manage,
        token_field: TOKEN_FIELD,
        sign_in_url: sign_in_url(&format!("/events/{id}")),
        calendar_url: format!("/@{}/events.ics", event.organization),
        problem,
        event: &event,
    };
    Ok((status, page.render()?))
}

#[derive(Debug, Deserialize)]
pub struct RsvpForm {
    /// `going`, `maybe`, `declined`, or `withdraw`.
    answer: String,
}

/// `POST /events/{id}/rsvp`: answers for the signed-in person.
pub async fn rsvp(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
    form: PageForm<RsvpForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/events/{id}")));
    };
    let wish = match form.fields.answer.as_str() {
        "going" => Some(RsvpState::Going),
        "maybe" => Some(RsvpState::Maybe),
        "declined" => Some(RsvpState::Declined),
        "withdraw" => None,
        other => {
            return Err(AppError::Unprocessable(format!(
                "answer: '{other}' is not going, maybe, declined or withdraw"
            )));
        }
    };
    match events::rsvp_as_user(&state, caller, &id, wish).await {
        Ok(_) => Ok(Redirect::to(&format!("/events/{id}")).into_response()),
        Err(ServiceError::Conflict(message)) => {
            let problem = Problem { message, field: "" };
            render(
                &state,
                &visitor,
                &id,
                Some((StatusCode::CONFLICT, problem)),
                None,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
