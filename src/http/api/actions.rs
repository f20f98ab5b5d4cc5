//! `/api/v1/orgs/{handle}/actions` (publish, list, change, delete) and `/api/v1/actions/{id}`
//! (read with progress per instance, take part as the token's user, the participant list for
//! organizers).

use super::json::ApiJson;
use super::org_handle;
use crate::error::AppError;
use crate::http::auth::ApiUser;
use crate::service::actions::{
    self, ActionInput, ActionView, ParticipantView, Participated, ParticipationInput,
};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

/// Publishes an action of the organization; its followers receive a Create.
#[utoipa::path(
    post, path = "/api/v1/orgs/{handle}/actions", tag = "actions",
    params(("handle" = String, Path, description = "The organization's handle")),
    request_body = ActionInput,
    responses(
        (status = 201, body = ActionView),
        (status = 403, description = "Not a member of the organization"),
        (status = 422, description = "Invalid input; the message names the field"),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<ActionInput>,
) -> Result<(StatusCode, Json<ActionView>), AppError> {
    let action = actions::create_action(&state, &user, &org_handle(&handle)?, &input).await?;
    Ok((StatusCode::CREATED, Json(action)))
}

/// The organization's actions, newest first. Public.
#[utoipa::path(
    get, path = "/api/v1/orgs/{handle}/actions", tag = "actions",
    params(("handle" = String, Path)),
    responses((status = 200, body = [ActionView]), (status = 404, description = "No such organization"))
)]
pub async fn list(
    State(state): State<AppState>,
    Path(handle): Path<String>,
) -> Result<Json<Vec<ActionView>>, AppError> {
    Ok(Json(
        actions::actions_of(&state, &org_handle(&handle)?).await?,
    ))
}

/// Replaces an action's details; followers receive an Update.
#[utoipa::path(
    put, path = "/api/v1/orgs/{handle}/actions/{id}", tag = "actions",
    params(("handle" = String, Path), ("id" = String, Path)),
    request_body = ActionInput,
    responses((status = 200, body = ActionView), (status = 404, description = "No such live action"), (status = 422, description = "Invalid input")),
    security(("bearer" = []))
)]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((handle, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<ActionInput>,
) -> Result<Json<ActionView>, AppError> {
    let action = actions::update_action(&state, &user, &org_handle(&handle)?, &id, &input).await?;
    Ok(Json(action))
}

/// Deletes an action: its id answers 410 with a Tombstone and followers receive a Delete.
#[utoipa::path(
    delete, path = "/api/v1/orgs/{handle}/actions/{id}", tag = "actions",
    params(("handle" = String, Path), ("id" = String, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, description = "No such live action")),
    security(("bearer" = []))
)]
pub async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((handle, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    actions::delete_action(&state, &user, &org_handle(&handle)?, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One action with its current progress. Public.
#[utoipa::path(
    get, path = "/api/v1/actions/{id}", tag = "actions",
    params(("id" = String, Path)),
    responses((status = 200, body = ActionView), (status = 404, description = "No such live action"))
)]
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ActionView>, AppError> {
    Ok(Json(actions::show(&state, &id).await?))
}

/// Takes part in the action as the token's user. Counted once: a repeat answers 200 instead of
/// 201 and changes only what it gives (an absent comment or consent keeps the first one).
#[utoipa::path(
    post, path = "/api/v1/actions/{id}/participations", tag = "actions",
    params(("id" = String, Path)),
    request_body = ParticipationInput,
    responses(
        (status = 201, body = ActionView, description = "Counted"),
        (status = 200, body = ActionView, description = "Already counted before"),
        (status = 404, description = "No such action"),
        (status = 409, description = "Closed, past its deadline, or taken part elsewhere"),
    ),
    security(("bearer" = []))
)]
pub async fn participate(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ParticipationInput>,
) -> Result<(StatusCode, Json<ActionView>), AppError> {
    let done = actions::participate_as_user(&state, &user, &id, &input, false).await?;
    Ok((answer_status(done), Json(actions::show(&state, &id).await?)))
}

/// 201 for a participation counted now, 200 for one already counted (or withdrawn).
pub(super) fn answer_status(done: Participated) -> StatusCode {
    if done == Participated::New {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}

/// Withdraws the token's user's participation.
#[utoipa::path(
    delete, path = "/api/v1/actions/{id}/participations", tag = "actions",
    params(("id" = String, Path)),
    responses((status = 200, body = ActionView), (status = 404, description = "No such action")),
    security(("bearer" = []))
)]
pub async fn withdraw(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<ActionView>, AppError> {
    let input = ParticipationInput::default();
    actions::participate_as_user(&state, &user, &id, &input, true).await?;
    Ok(Json(actions::show(&state, &id).await?))
}

/// Everyone who took part; owners and admins of the organization only.
#[utoipa::path(
    get, path = "/api/v1/actions/{id}/participations", tag = "actions",
    params(("id" = String, Path)),
    responses((status = 200, body = [ParticipantView]), (status = 403, description = "Not an owner or admin of the organization")),
    security(("bearer" = []))
)]
pub async fn participants(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<ParticipantView>>, AppError> {
    Ok(Json(
        actions::participations_for_organizers(&state, &user, &id).await?,
    ))
}
