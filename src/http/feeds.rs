//! Feed endpoints: iCalendar for an organization's events (`/@HANDLE/events.ics`), the whole
//! instance's (`/events.ics`) and a user's own (`/api/v1/me/events.ics`, with their token);
//! Atom for what an organization publishes (`/@HANDLE/feed.atom`).

use crate::db::now_millis;
use crate::domain::Handle;
use crate::error::AppError;
use crate::federation::urls::Urls;
use crate::feeds::{AtomItem, atom_feed, events_calendar};
use crate::http::auth::ApiUser;
use crate::service::ServiceError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// Events that ended less than this long ago stay in calendars.
const RECENT_MS: i64 = 30 * 24 * 3_600_000;
/// Most entries one feed carries.
const FEED_LIMIT: i64 = 500;

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

fn organization(text: &str) -> Result<Handle, AppError> {
    Handle::parse(text).map_err(|_| AppError::NotFound(format!("no organization named '{text}'")))
}

/// `GET /@{handle}/events.ics`.
pub async fn organization_calendar(
    State(state): State<AppState>,
    Path(handle): Path<String>,
) -> Result<Response, AppError> {
    let handle = organization(handle.trim_start_matches('@'))?;
    let org =
        state
            .store
            .organization_by_handle(&handle)
            .await
            .map_err(ServiceError::not_found(format!(
                "no organization named '{handle}'"
            )))?;
    let events = state
        .store
        .events_of(org.actor_id, now_millis() - RECENT_MS)
        .await
        .map_err(ServiceError::from)?;
    let urls = Urls::new(&state.config);
    Ok(calendar(events_calendar(&org.name, &events, &urls)))
}

/// `GET /events.ics`: every organization's events on this instance.
pub async fn instance_calendar(State(state): State<AppState>) -> Result<Response, AppError> {
    let events = state
        .store
        .upcoming_events(now_millis() - RECENT_MS, FEED_LIMIT)
        .await
        .map_err(ServiceError::from)?;
    let urls = Urls::new(&state.config);
    Ok(calendar(events_calendar(
        &state.config.instance.name,
        &events,
        &urls,
    )))
}

/// `GET /api/v1/me/events.ics`: the events here the user said they go to (or may, or asked to).
pub async fn my_calendar(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Response, AppError> {
    let urls = Urls::new(&state.config);
    let me = urls.actor(&user.handle);
    let answered = state
        .store
        .rsvps_of(me.as_str())
        .await
        .map_err(ServiceError::from)?;
    let mut events = Vec::new();
    for (id, rsvp) in answered {
        if matches!(rsvp.as_str(), "going" | "maybe" | "pending") {
            events.push(state.store.event(&id).await.map_err(ServiceError::from)?);
        }
    }
    Ok(calendar(events_calendar(
        &format!("{} — my events", state.config.instance.name),
        &events,
        &urls,
    )))
}

/// `GET /@{handle}/feed.atom`: the organization's notes, events and actions.
pub async fn organization_atom(
    State(state): State<AppState>,
    Path(handle): Path<String>,
) -> Result<Response, AppError> {
    let handle = organization(handle.trim_start_matches('@'))?;
    let store = &state.store;
    let org = store
        .organization_by_handle(&handle)
        .await
        .map_err(ServiceError::not_found(format!(
            "no organization named '{handle}'"
        )))?;
    let urls = Urls::new(&state.config);
    let mut items = Vec::new();
    for note in store
        .notes_of(org.actor_id, FEED_LIMIT)
        .await
        .map_err(ServiceError::from)?
    {
        let text = crate::federation::sanitize::plain_text(&note.content_html, 80);
        items.push(AtomItem {
            id: urls.note(&note.id).to_string(),
            title: if text.is_empty() {
                "Note".to_owned()
            } else {
                text
            },
            html: note.content_html,
            published: note.created_at,
            updated: note.updated_at.unwrap_or(note.created_at),
        });
    }
    let events = store
        .events_of(org.actor_id, 0)
        .await
        .map_err(ServiceError::from)?;
    for event in events.into_iter().rev().take(FEED_LIMIT as usize) {
        let counts = store
            .event_counts(&event.id)
            .await
            .map_err(ServiceError::from)?;
        let summary = crate::federation::events::event_summary(&event, &counts);
        items.push(AtomItem {
            id: urls.event(&event.id).to_string(),
            html: format!(
                "{}{}",
                crate::service::notes::plain_text_to_html(&summary),
                event.details.content_html
            ),
            title: event.details.title,
            published: event.created_at,
            updated: event.updated_at.unwrap_or(event.created_at),
        });
    }
    let actions = store
        .actions_of(org.actor_id)
        .await
        .map_err(ServiceError::from)?;
    for action in actions.into_iter().take(FEED_LIMIT as usize) {
        let progress = store
            .action_progress(&action.id)
            .await
            .map_err(ServiceError::from)?;
        let summary = crate::federation::actions::action_summary(&action, &progress);
        items.push(AtomItem {
            id: urls.action(&action.id).to_string(),
            html: format!(
                "{}{}",
                crate::service::notes::plain_text_to_html(&summary),
                action.details.content_html
            ),
            title: action.details.title,
            published: action.created_at,
            updated: action.updated_at.unwrap_or(action.created_at),
        });
    }
    let feed_id = format!("{}/feed.atom", urls.profile(&handle));
    Ok(typed(
        atom_feed(&feed_id, &org.name, urls.profile(&handle).as_str(), items),
        "application/atom+xml; charset=utf-8",
    ))
}
