//! `POST /api/v1/follows` and `DELETE /api/v1/follows`: the token's user follows or unfollows a
//! remote actor by handle.

use super::json::ApiJson;
use crate::error::AppError;
use crate::http::auth::ApiUser;
use crate::service::follows;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Whom to follow.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowInput {
    /// `name@host`, as in Mastodon.
    pub handle: String,
}

/// A follow request as sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowView {
    /// The followed actor's ActivityPub id.
    pub actor: String,
    /// `pending` until the remote server accepts.
    pub state: String,
}

/// Follows a remote actor; its public posts then appear in the timeline.
#[utoipa::path(
    post, path = "/api/v1/follows", tag = "timeline",
    request_body = FollowInput,
    responses(
        (status = 202, body = FollowView, description = "The Follow is queued"),
        (status = 403, description = "The handle's domain is blocked on this instance"),
        (status = 422, description = "Not a handle like name@host"),
        (status = 502, description = "The remote server could not be reached or answered wrongly"),
    ),
    security(("bearer" = []))
)]
pub async fn follow(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<FollowInput>,
) -> Result<(StatusCode, Json<FollowView>), AppError> {
    let actor = follows::follow_remote(&state, &user, &input.handle).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(FollowView {
            actor: actor.ap_id,
            state: "pending".to_owned(),
        }),
    ))
}

/// Stops following a remote actor.
#[utoipa::path(
    delete, path = "/api/v1/follows", tag = "timeline",
    request_body = FollowInput,
    responses((status = 204, description = "The Undo is queued"), (status = 404, description = "Not followed")),
    security(("bearer" = []))
)]
pub async fn unfollow(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<FollowInput>,
) -> Result<StatusCode, AppError> {
    follows::unfollow_remote(&state, &user, &input.handle).await?;
    Ok(StatusCode::NO_CONTENT)
}
