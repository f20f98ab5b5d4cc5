//! Feed endpoints: iCalendar for an organization's or a campaign's events
//! (`/@HANDLE/events.ics`), one event's (`/events/ID/calendar.ics`), the whole instance's
//! (`/events.ics`) and a user's own
//! (`/api/v1/me/events.ics`, with their token); Atom for what an organization or a campaign
//! publishes (`/@HANDLE/feed.atom`).

use crate::domain::Handle;
use crate::error::AppError;
use crate::feeds::{atom_feed, calendar as render_calendar, events_calendar};
use crate::http::auth::ApiUser;
use crate::service::calendars;
use crate::service::feeds::{self, FEED_LIMIT};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// Events that ended less than this long ago stay in calendars.
const RECENT_MS: i64 = 30 * 24 * 3_600_000;

fn typed(body: String, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn calendar(body: String) -> Response {
    typed(body, "text/calendar; charset=utf-8")
}

fn atom(body: String) -> Response {
    typed(body, "application/atom+xml; charset=utf-8")
}

fn handle_of(text: &str) -> Result<Handle, AppError> {
    let text = text.trim_start_matches('@');
    Handle::parse(text).map_err(|_| AppError::NotFound(format!("no organization named '{text}'")))
}

/// Whether `handle` names a campaign (whose feeds differ from an organization's).
async fn is_campaign(state: &AppState, handle: &Handle) -> Result<bool, AppError> {
    Ok(crate::service::actors::local_actor(state, handle)
        .await
        .is_ok_and(|actor| actor.is_campaign))
}

/// `GET /@{handle}/events.ics`: an organization's events, or a campaign's (here and elsewhere).
pub async fn organization_calendar(
    State(state): State<AppState>,
    Path(handle): Path<String>,
) -> Result<Response, AppError> {
    let handle = handle_of(&handle)?;
    let urls = state.urls();
    if is_campaign(&state, &handle).await? {
        let (title, entries) =
            feeds::campaign_calendar(&state, &handle, state.now() - RECENT_MS).await?;
        return Ok(calendar(render_calendar(&title, &entries)));
    }
    let (name, events) =
        calendars::organization_events(&state, &handle, state.now() - RECENT_MS).await?;
    Ok(calendar(events_calendar(&name, &events, urls)))
}

/// `GET /events/{id}/calendar.ics`: one event here, to add to a calendar.
pub async fn event_calendar(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = calendars::event(&state, &id).await?;
    let urls = state.urls();
    let mut response = calendar(events_calendar(
        &event.details.title,
        std::slice::from_ref(&event),
        urls,
    ));
    let file = format!("attachment; filename=\"event-{}.ics\"", event.id);
    if let Ok(value) = HeaderValue::from_str(&file) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `GET /events.ics`: every organization's events on this instance.
pub async fn instance_calendar(State(state): State<AppState>) -> Result<Response, AppError> {
    let events = calendars::instance_events(&state, state.now() - RECENT_MS, FEED_LIMIT).await?;
    let urls = state.urls();
    let info = crate::service::instance_settings::info(&state).await?;
    Ok(calendar(events_calendar(&info.name, &events, urls)))
}

/// `GET /api/v1/me/events.ics`: the events here the user said they go to (or may, or asked to).
pub async fn my_calendar(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Response, AppError> {
    let urls = state.urls();
    let events = calendars::events_of_person(&state, &user).await?;
    Ok(calendar(events_calendar(
        &format!(
            "{} — my events",
            crate::service::instance_settings::info(&state).await?.name
        ),
        &events,
        urls,
    )))
}

/// `GET /calendars/{secret}.ics`: a person's events at their private calendar address.
pub async fn private_calendar(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let secret = file
        .strip_suffix(".ics")
        .ok_or_else(|| AppError::NotFound("no such calendar".to_owned()))?;
    let (user, events) = calendars::private_calendar(&state, secret).await?;
    let urls = state.urls();
    let info = crate::service::instance_settings::info(&state).await?;
    let mut response = calendar(events_calendar(
        &format!("{} — @{}", info.name, user.handle),
        &events,
        urls,
    ));
    // The address is the secret: keep it out of shared caches and referrers.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

/// `GET /@{handle}/feed.atom`: an organization's notes, events and actions, or a campaign's
/// updates and items.
pub async fn organization_atom(
    State(state): State<AppState>,
    Path(handle): Path<String>,
) -> Result<Response, AppError> {
    let handle = handle_of(&handle)?;
    let urls = state.urls();
    let (title, items) = if is_campaign(&state, &handle).await? {
        feeds::campaign_atom(&state, &handle).await?
    } else {
        feeds::organization_atom(&state, &handle).await?
    };
    let page = urls.profile(&handle);
    let feed_id = format!("{page}/feed.atom");
    Ok(atom(atom_feed(&feed_id, &title, page.as_str(), items)))
}
