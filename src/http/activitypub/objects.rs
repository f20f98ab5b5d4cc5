//! `GET /activities/{id}` and `GET /notes/{id}`: every id we publish dereferences. Deleted notes
//! answer 410 Gone with a Tombstone.

use super::{ActivityJson, wants_activity_json};
use crate::error::AppError;
use crate::federation::notes::{local_note_document, note_tombstone};
use crate::federation::urls::Urls;
use crate::service::objects;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

pub async fn activity(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let json = objects::outbox_activity_json(&state.store, &id).await?;
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
) -> Result<Response, AppError> {
    let note = objects::note(&state.store, &id).await?;
    let urls = Urls::new(&state.config);
    if note.deleted_at.is_some() {
        return Ok((StatusCode::GONE, ActivityJson(note_tombstone(&note, &urls))).into_response());
    }
    let document = local_note_document(&note, &urls);
    if wants_activity_json(&headers) {
        return Ok(ActivityJson(document).into_response());
    }
    let page = NotePage {
        title: "Note",
        author: format!("@{}", note.handle),
        author_url: urls.profile(&note.handle).to_string(),
        content_html: &note.content_html,
        published: document.published.unwrap_or_default(),
    };
    Ok(Html(page.render()?).into_response())
}
