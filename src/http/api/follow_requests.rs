//! `/api/v1/orgs/{handle}/follow-requests` and the follower-approval switch.

use super::json::ApiJson;
use super::org_handle;
use crate::error::AppError;
use crate::http::auth::ApiUser;
use crate::service::follows;
use crate::service::tokens::Caller;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Whether follow requests wait for approval.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalInput {
    pub manually_approves_followers: bool,
}

/// A pending follow request.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowRequestView {
    /// The requester's ActivityPub id.
    pub actor: String,
    pub follow_id: String,
}

/// The requester to accept or reject.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    pub actor: String,
}

/// Switches hand approval of followers on or off (owners and admins).
#[utoipa::path(
    put, path = "/api/v1/orgs/{handle}/follower-approval", tag = "organizations",
    params(("handle" = String, Path)), request_body = ApprovalInput,
    responses((status = 200, body = ApprovalInput), (status = 403, description = "Not an owner or admin")),
    security(("bearer" = []))
)]
pub async fn set_approval(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<ApprovalInput>,
) -> Result<Json<ApprovalInput>, AppError> {
    follows::set_follower_approval(
        &state,
        &user,
        &org_handle(&handle)?,
        input.manually_approves_followers,
    )
    .await?;
    Ok(Json(input))
}

/// Follow requests waiting for a decision (members).
#[utoipa::path(
    get, path = "/api/v1/orgs/{handle}/follow-requests", tag = "organizations",
    params(("handle" = String, Path)),
    responses((status = 200, body = Vec<FollowRequestView>), (status = 403, description = "Not a member")),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
) -> Result<Json<Vec<FollowRequestView>>, AppError> {
    let requests = follows::follow_requests(&state, &user, &org_handle(&handle)?).await?;
    Ok(Json(
        requests
            .into_iter()
            .map(|r| FollowRequestView {
                actor: r.actor,
                follow_id: r.follow_id,
            })
            .collect(),
    ))
}

async fn decide(
    state: &AppState,
    user: &Caller,
    handle: &str,
    actor: &str,
    accept: bool,
) -> Result<StatusCode, AppError> {
    follows::decide_follow_request(state, user, &org_handle(handle)?, actor, accept).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Accepts a follow request; the requester receives an Accept.
#[utoipa::path(
    post, path = "/api/v1/orgs/{handle}/follow-requests/accept", tag = "organizations",
    params(("handle" = String, Path)), request_body = DecisionInput,
    responses((status = 204, description = "Accepted"), (status = 404, description = "No such request")),
    security(("bearer" = []))
)]
pub async fn accept(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> Result<StatusCode, AppError> {
    decide(&state, &user, &handle, &input.actor, true).await
}

/// Rejects a follow request; the requester receives a Reject.
#[utoipa::path(
    post, path = "/api/v1/orgs/{handle}/follow-requests/reject", tag = "organizations",
    params(("handle" = String, Path)), request_body = DecisionInput,
    responses((status = 204, description = "Rejected"), (status = 404, description = "No such request")),
    security(("bearer" = []))
)]
pub async fn reject(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> Result<StatusCode, AppError> {
    decide(&state, &user, &handle, &input.actor, false).await
}
