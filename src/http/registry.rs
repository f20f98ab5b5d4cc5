//! The membership registry's public documents, on the software co-op's instance: its log as an
//! ActivityStreams collection (`/registry/log`, `?page=N`, `/registry/log/{seq}`) and its member
//! list now or at a past moment (`/registry/members?at=RFC3339`), and its totals
//! (`/registry/totals`), and each proposal's `Question`, frozen roll and participation (who
//! voted, for members). Platform co-ops' instances answer 404.

use super::activitypub::ActivityJson;
use crate::error::AppError;
use crate::federation::notes::rfc3339;
use crate::federation::registry as wire;
use crate::service::registry::{self, ENTRIES_PER_PAGE, MemberView};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
pub struct LogQuery {
    page: Option<i64>,
}

/// `GET /registry/log`: the collection, or with `?page=N` one page of entries.
pub async fn log(
    State(state): State<AppState>,
    Query(query): Query<LogQuery>,
) -> Result<Response, AppError> {
    let urls = state.urls();
    let page = registry::log_page(&state, query.page.unwrap_or(1)).await?;
    let document = match query.page {
        None => wire::log_collection(urls, page.total, ENTRIES_PER_PAGE),
        Some(_) => wire::log_page(urls, page.page, page.total, ENTRIES_PER_PAGE, &page.entries),
    };
    Ok(ActivityJson(document).into_response())
}

/// `GET /registry/log/{seq}`: one entry.
pub async fn entry(
    State(state): State<AppState>,
    Path(seq): Path<i64>,
) -> Result<Response, AppError> {
    let entry = registry::entry(&state, seq)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no registry entry {seq}")))?;
    Ok(ActivityJson(wire::entry_document(state.urls(), &entry)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct MembersQuery {
    /// A moment in RFC 3339; absent: now.
    at: Option<String>,
}

/// The member list and the moment it is for.
#[derive(Debug, Serialize)]
pub struct MembersView {
    /// RFC 3339, or absent for now.
    at: Option<String>,
    members: Vec<MemberView>,
}

/// `GET /registry/members[?at=RFC3339]`: every member the log knows, as it says then.
pub async fn members(
    State(state): State<AppState>,
    Query(query): Query<MembersQuery>,
) -> Result<Json<MembersView>, AppError> {
    let at = query
        .at
        .as_deref()
        .map(|text| {
            chrono::DateTime::parse_from_rfc3339(text)
                .map(|at| at.timestamp_millis())
                .map_err(|_| AppError::BadRequest(format!("at: '{text}' is not an RFC 3339 time")))
        })
        .transpose()?;
    let members = registry::members_at(&state, at).await?;
    Ok(Json(MembersView {
        at: at.map(rfc3339),
        members: members.into_iter().map(MemberView::from).collect(),
    }))
}

/// `GET /registry/totals`: active members per class and per serving co-op, and month by month.
pub async fn totals(State(state): State<AppState>) -> Result<Json<registry::Totals>, AppError> {
    Ok(Json(registry::totals(&state).await?))
}

#[derive(Debug, Deserialize)]
pub struct MembershipQuery {
    member: String,
}

/// `GET /registry/memberships?member=ACTOR`: the registry's signed word on one member, valid
/// for 30 minutes.
pub async fn membership(
    State(state): State<AppState>,
    Query(query): Query<MembershipQuery>,
) -> Result<Response, AppError> {
    match registry::membership(&state, &query.member).await? {
        Some(document) => Ok(ActivityJson(document).into_response()),
        None => Err(AppError::NotFound(format!(
            "the registry knows no member {}",
            query.member
        ))),
    }
}

/// `GET /registry/proposals/{id}/roll`: the roll frozen at opening, whose hash the `Question`
/// publishes.
pub async fn roll(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    match registry::roll_document(&state, &id).await? {
        Some(document) => Ok(Json(document).into_response()),
        None => Err(AppError::NotFound(format!("no proposal {id}"))),
    }
}

/// `GET /registry/proposals/{id}/participation`: who voted (never how), for a signed fetch by
/// one of the network's members, a representative on the roll, or a member co-op's instance
/// actor; 401 unsigned, 403 to anyone else.
pub async fn participation(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let path = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
    let reader = crate::service::actors::signed_reader(&state, path, &headers)
        .await
        .map_err(|refused| {
            AppError::Unauthorized(format!(
                "who voted is for the network's members: sign the request with a member's key \
                 ({refused})"
            ))
        })?;
    match registry::participation(&state, &id, &reader).await? {
        Some(document) => Ok(ActivityJson(document).into_response()),
        None => Err(AppError::NotFound(format!("no proposal {id}"))),
    }
}
