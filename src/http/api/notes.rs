//! `/api/v1/orgs/{handle}/notes`: publish, edit and delete an organization's notes.

use super::json::ApiJson;
use crate::domain::Handle;
use crate::error::AppError;
use crate::federation::urls::Urls;
use crate::http::auth::ApiUser;
use crate::service::notes;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

/// The body of a publish or edit request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// Plain text; blank lines separate paragraphs.
    pub content: String,
}

/// A published note as the API shows it.
#[derive(Debug, Serialize)]
pub struct NoteView {
    pub id: String,
    /// The ActivityPub id, which is also the public URL.
    pub ap_id: String,
    pub content_html: String,
}

fn org_handle(text: &str) -> Result<Handle, AppError> {
    Handle::parse(text).map_err(|_| AppError::NotFound(format!("no organization named '{text}'")))
}

pub async fn publish(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<NoteInput>,
) -> Result<(StatusCode, Json<NoteView>), AppError> {
    let urls = Urls::new(&state.config);
    let note = notes::publish_note(
        &state.store,
        &urls,
        &user,
        &org_handle(&handle)?,
        &input.content,
    )
    .await?;
    state.federation.wake_delivery();
    Ok((
        StatusCode::CREATED,
        Json(NoteView {
            ap_id: urls.note(&note.id).to_string(),
            id: note.id,
            content_html: note.content_html,
        }),
    ))
}

pub async fn edit(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((handle, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<NoteInput>,
) -> Result<Json<NoteView>, AppError> {
    let urls = Urls::new(&state.config);
    let note = notes::update_note(
        &state.store,
        &urls,
        &user,
        &org_handle(&handle)?,
        &id,
        &input.content,
    )
    .await?;
    state.federation.wake_delivery();
    Ok(Json(NoteView {
        ap_id: urls.note(&note.id).to_string(),
        id: note.id,
        content_html: note.content_html,
    }))
}

pub async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((handle, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let urls = Urls::new(&state.config);
    notes::delete_note(&state.store, &urls, &user, &org_handle(&handle)?, &id).await?;
    state.federation.wake_delivery();
    Ok(StatusCode::NO_CONTENT)
}
