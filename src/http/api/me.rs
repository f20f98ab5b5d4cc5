//! `GET /api/v1/me`: who the presented token belongs to.

use crate::http::auth::ApiUser;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// The public view of the token's user (never the stored row).
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub handle: String,
    pub display_name: String,
    pub is_admin: bool,
}

/// The user the token belongs to.
#[utoipa::path(
    get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, description = "No valid token")),
    security(("bearer" = []))
)]
pub async fn me(ApiUser(user): ApiUser) -> Json<Me> {
    Json(Me {
        handle: user.handle.to_string(),
        display_name: user.display_name.clone(),
        is_admin: user.is_admin,
    })
}
