//! `GET /activities/{id}`, `/notes/{id}`, `/events/{id}`, `/actions/{id}` and `/ns`: every id we publish
//! dereferences. Deleted objects answer 410 Gone with a Tombstone.

use super::{ActivityJson, wants_activity_json};
use crate::error::AppError;
use crate::federation::actions::{action_tombstone, local_action_document};
use crate::federation::events::{event_tombstone, local_event_document};
use crate::federation::notes::{local_note_document, note_tombstone};
use crate::federation::protocol::context::solidarity_terms;
use crate::http::web::{self, Nav, Visitor};
use crate::service::actors;
use crate::service::objects::{self, Served};
use crate::state::AppState;
use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

/// `GET /activities/{id}`: a public activity to anyone; one that is not public (a Join with its
/// comment, a campaign's Add or Invite, their Accepts, a poll) only to a signed fetch by one of
/// its addressees or by the instance actor of an addressee's server, and 404 to everyone else.
pub async fn activity(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let activity = objects::stored_activity(&state, &id).await?;
    if !activity.public {
        // The same answer whether it is missing, unsigned, badly signed or not theirs; only an
        // existing private activity is worth a signature check (and a key fetch).
        let hidden = || AppError::NotFound(format!("no activity {id} here"));
        if crate::federation::signatures::claimed_key_id(&headers).is_none() {
            return Err(hidden());
        }
        let path = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
        let signer = actors::signed_reader(&state, path, &headers)
            .await
            .map_err(|_| hidden())?;
        if !objects::readable_by(&activity, &signer) {
            return Err(hidden());
        }
    }
    let json = activity.json;
    let mut response = json.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(super::negotiate::ACTIVITY_JSON),
    );
    Ok(response)
}

#[derive(Template)]
#[template(path = "notes/note.html")]
struct NotePage<'a> {
    nav: Nav,
    title: &'a str,
    author: String,
    author_url: String,
    content_html: &'a str,
    published: String,
}

pub async fn note(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let note = objects::note(&state, &id).await?;
    let urls = state.urls();
    if note.deleted_at.is_some() {
        return Ok((StatusCode::GONE, ActivityJson(note_tombstone(&note, urls))).into_response());
    }
    let document = local_note_document(&note, urls);
    if wants_activity_json(&headers) {
        return Ok(ActivityJson(document).into_response());
    }
    let page = NotePage {
        nav: visitor.nav().await?,
        title: "Note",
        author: format!("@{}", note.handle),
        author_url: urls.profile(&note.handle).to_string(),
        content_html: &note.content_html,
        published: document.published.unwrap_or_default(),
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /events/{id}`: the Event for ActivityPub clients, a page for browsers, a Tombstone
/// (410) once deleted.
pub async fn event(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    visitor: Visitor,
    Query(zone): Query<web::event_page::ZoneQuery>,
) -> Result<Response, AppError> {
    let urls = state.urls();
    if !wants_activity_json(&headers)
        && let Some(page) = web::event_page::kept(&state, &visitor, &id, zone.tz.as_deref())
    {
        return Ok(page);
    }
    let (event, counts) = match objects::served_event(&state, &id).await? {
        Served::Live(event, counts) => (event, counts),
        Served::Deleted(event) => {
            let tombstone = ActivityJson(event_tombstone(&event, urls));
            return Ok((StatusCode::GONE, tombstone).into_response());
        }
    };
    if wants_activity_json(&headers) {
        return Ok(ActivityJson(local_event_document(&event, &counts, urls)).into_response());
    }
    web::event_page::render(&state, &visitor, &id, None, zone.tz.as_deref()).await
}

/// `GET /ns`: the JSON-LD context of the terms we use (Mobilizon's, FEP-8a8e's and ours).
pub async fn terms() -> Response {
    let mut response = Json(solidarity_terms()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/ld+json"),
    );
    response
}

/// `GET /actions/{id}`: the action's `Page` for ActivityPub clients, a page for browsers, a
/// Tombstone (410) once deleted.
pub async fn action(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let urls = state.urls();
    let (action, progress) = match objects::served_action(&state, &id).await? {
        Served::Live(action, progress) => (action, progress),
        Served::Deleted(action) => {
            let tombstone = ActivityJson(action_tombstone(&action, urls));
            return Ok((StatusCode::GONE, tombstone).into_response());
        }
    };
    if wants_activity_json(&headers) {
        return Ok(ActivityJson(local_action_document(&action, &progress, urls)).into_response());
    }
    let page = web::action_page::After::Nothing;
    web::action_page::render(&state, &visitor, &id, page).await
}

/// `GET /polls/{id}`: a poll we sent, without saying to whom.
pub async fn poll(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let question = crate::service::polls::served_poll(&state, &id).await?;
    Ok(ActivityJson(question).into_response())
}
