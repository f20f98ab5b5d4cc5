//! `/api/v1/orgs/{handle}/notes`: publish, edit and delete an organization's notes.

use super::json::ApiJson;
use super::org_handle;
use crate::error::AppError;
use crate::http::auth::ApiUser;
use crate::service::notes;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The body of a publish or edit request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// Plain text; blank lines separate paragraphs.
    pub content: String,
}

/// A published note as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoteView {
    pub id: String,
    /// The ActivityPub id, which is also the public URL.
    pub ap_id: String,
    pub content_html: String,
}

/// Publishes a public note as the organization; its followers receive a Create.
#[utoipa::path(
    post, path = "/api/v1/orgs/{handle}/notes", tag = "organizations",
    params(("handle" = String, Path, description = "The organization's handle")),
    request_body = NoteInput,
    responses(
        (status = 201, body = NoteView),
        (status = 401, description = "No valid token"),
        (status = 403, description = "Not a member of the organization"),
        (status = 422, description = "Invalid content; the message names the field"),
    ),
    security(("bearer" = []))
)]
pub async fn publish(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<NoteInput>,
) -> Result<(StatusCode, Json<NoteView>), AppError> {
    let urls = state.urls();
    let note = notes::publish_note(&state, &user, &org_handle(&handle)?, &input.content).await?;
    Ok((
        StatusCode::CREATED,
        Json(NoteView {
            ap_id: urls.note(&note.id).to_string(),
            id: note.id,
            content_html: note.content_html,
        }),
    ))
}

/// Replaces a note's text; followers receive an Update.
#[utoipa::path(
    put, path = "/api/v1/orgs/{handle}/notes/{id}", tag = "organizations",
    params(("handle" = String, Path), ("id" = String, Path)),
    request_body = NoteInput,
    responses((status = 200, body = NoteView), (status = 404, description = "No such live note")),
    security(("bearer" = []))
)]
pub async fn edit(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((handle, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<NoteInput>,
) -> Result<Json<NoteView>, AppError> {
    let urls = state.urls();
    let note =
        notes::update_note(&state, &user, &org_handle(&handle)?, &id, &input.content).await?;
    Ok(Json(NoteView {
        ap_id: urls.note(&note.id).to_string(),
        id: note.id,
        content_html: note.content_html,
    }))
}

/// Deletes a note: its id answers 410 with a Tombstone and followers receive a Delete.
#[utoipa::path(
    delete, path = "/api/v1/orgs/{handle}/notes/{id}", tag = "organizations",
    params(("handle" = String, Path), ("id" = String, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, description = "No such live note")),
    security(("bearer" = []))
)]
pub async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((handle, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    notes::delete_note(&state, &user, &org_handle(&handle)?, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
