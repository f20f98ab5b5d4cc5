//! `/api/v1/orgs/{handle}/followers` and `/api/v1/timeline`.

use super::org_handle;
use crate::error::AppError;
use crate::http::auth::ApiUser;
use crate::service::{follows, timeline};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// An organization's accepted followers.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowersView {
    pub total: usize,
    /// ActivityPub ids of the followers, oldest first.
    pub followers: Vec<String>,
}

/// The followers of an organization; members of the organization only.
#[utoipa::path(
    get, path = "/api/v1/orgs/{handle}/followers", tag = "organizations",
    params(("handle" = String, Path, description = "The organization's handle")),
    responses(
        (status = 200, body = FollowersView),
        (status = 401, description = "No valid token"),
        (status = 403, description = "Not a member of the organization"),
        (status = 404, description = "No such organization"),
    ),
    security(("bearer" = []))
)]
pub async fn followers(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
) -> Result<Json<FollowersView>, AppError> {
    let followers = follows::organization_followers(&state, &user, &org_handle(&handle)?).await?;
    Ok(Json(FollowersView {
        total: followers.len(),
        followers,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct TimelineQuery {
    /// How many entries, newest first (1 to 200, default 50).
    pub limit: Option<i64>,
}

/// One post in a timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineItem {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub attributed_to: String,
    pub name: String,
    pub summary: String,
    /// Sanitised HTML.
    pub content_html: String,
    pub url: Option<String>,
    /// Milliseconds since the epoch.
    pub published_at: Option<i64>,
    /// The actor whose Announce brought it, if any.
    pub announced_by: Option<String>,
}

/// The token user's timeline: posts of the accounts they follow.
#[utoipa::path(
    get, path = "/api/v1/timeline", tag = "timeline",
    params(TimelineQuery),
    responses((status = 200, body = Vec<TimelineItem>), (status = 401, description = "No valid token")),
    security(("bearer" = []))
)]
pub async fn home_timeline(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<TimelineQuery>,
) -> Result<Json<Vec<TimelineItem>>, AppError> {
    let entries = timeline::timeline(&state, &user, query.limit.unwrap_or(50)).await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|entry| TimelineItem {
                id: entry.ap_id,
                kind: entry.kind,
                attributed_to: entry.attributed_to,
                name: entry.name,
                summary: entry.summary,
                content_html: entry.content_html,
                url: entry.url,
                published_at: entry.published_at,
                announced_by: entry.announced_by,
            })
            .collect(),
    ))
}
