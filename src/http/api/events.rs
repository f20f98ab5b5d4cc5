//! `/api/v1/orgs/{handle}/events` (publish, list, change, delete) and `/api/v1/events/{id}`
//! (read with counts, RSVP as the token's user, the participant list for organizers).

use super::json::ApiJson;
use super::org_handle;
use crate::domain::RsvpState;
use crate::error::AppError;
use crate::http::auth::ApiUser;
use crate::service::events::{self, EventInput, EventView, ParticipantView};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Publishes an event hosted by the organization; its followers receive a Create.
#[utoipa::path(
    post, path = "/api/v1/orgs/{handle}/events", tag = "events",
    params(("handle" = String, Path, description = "The hosting organization's handle")),
    request_body = EventInput,
    responses(
        (status = 201, body = EventView),
        (status = 401, description = "No valid token"),
        (status = 403, description = "Not a member of the organization"),
        (status = 422, description = "Invalid input; the message names the field"),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<EventInput>,
) -> Result<(StatusCode, Json<EventView>), AppError> {
    let event = events::create_event(&state, &user, &org_handle(&handle)?, &input).await?;
    Ok((StatusCode::CREATED, Json(event)))
}

/// The organization's events that have not ended yet, soonest first. Public.
#[utoipa::path(
    get, path = "/api/v1/orgs/{handle}/events", tag = "events",
    params(("handle" = String, Path)),
    responses((status = 200, body = [EventView]), (status = 404, description = "No such organization"))
)]
pub async fn list(
    State(state): State<AppState>,
    Path(handle): Path<String>,
) -> Result<Json<Vec<EventView>>, AppError> {
    Ok(Json(events::upcoming(&state, &org_handle(&handle)?).await?))
}

/// Replaces an event's fields; followers receive an Update.
#[utoipa::path(
    put, path = "/api/v1/orgs/{handle}/events/{id}", tag = "events",
    params(("handle" = String, Path), ("id" = String, Path)),
    request_body = EventInput,
    responses((status = 200, body = EventView), (status = 404, description = "No such live event"), (status = 422, description = "Invalid input")),
    security(("bearer" = []))
)]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((handle, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<EventInput>,
) -> Result<Json<EventView>, AppError> {
    let event = events::update_event(&state, &user, &org_handle(&handle)?, &id, &input).await?;
    Ok(Json(event))
}

/// Deletes an event: its id answers 410 with a Tombstone and followers receive a Delete.
#[utoipa::path(
    delete, path = "/api/v1/orgs/{handle}/events/{id}", tag = "events",
    params(("handle" = String, Path), ("id" = String, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, description = "No such live event")),
    security(("bearer" = []))
)]
pub async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((handle, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    events::delete_event(&state, &user, &org_handle(&handle)?, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One event with its current counts. Public.
#[utoipa::path(
    get, path = "/api/v1/events/{id}", tag = "events",
    params(("id" = String, Path)),
    responses((status = 200, body = EventView), (status = 404, description = "No such live event"))
)]
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<EventView>, AppError> {
    Ok(Json(events::show(&state, &id).await?))
}

/// An RSVP by the token's user; `null` withdraws it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RsvpInput {
    /// `going`, `maybe` or `declined`; `null` withdraws.
    pub state: Option<RsvpState>,
}

/// Where the user now stands, and the event's counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct RsvpView {
    /// `going`, `maybe`, `declined`, or `pending` (a restricted event waits for an organizer);
    /// `null` after withdrawing.
    pub state: Option<RsvpState>,
    pub event: EventView,
}

/// RSVPs to an event as the token's user.
#[utoipa::path(
    post, path = "/api/v1/events/{id}/rsvps", tag = "events",
    params(("id" = String, Path)),
    request_body = RsvpInput,
    responses(
        (status = 200, body = RsvpView),
        (status = 404, description = "No such event"),
        (status = 409, description = "Full, cancelled, over, or the event takes no RSVPs"),
    ),
    security(("bearer" = []))
)]
pub async fn rsvp(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<RsvpInput>,
) -> Result<Json<RsvpView>, AppError> {
    let stored = events::rsvp_as_user(&state, &user, &id, input.state).await?;
    Ok(Json(RsvpView {
        state: stored,
        event: events::show(&state, &id).await?,
    }))
}

/// Everyone who answered; owners and admins of the hosting organization only.
#[utoipa::path(
    get, path = "/api/v1/events/{id}/rsvps", tag = "events",
    params(("id" = String, Path)),
    responses((status = 200, body = [ParticipantView]), (status = 403, description = "Not an owner or admin of the host")),
    security(("bearer" = []))
)]
pub async fn participants(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<ParticipantView>>, AppError> {
    Ok(Json(
        events::rsvps_for_organizers(&state, &user, &id).await?,
    ))
}

/// An organizer's decision on a pending request to join a restricted event.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// The participant's actor id, as the participant list shows it.
    pub participant: String,
    pub approve: bool,
}

/// Approves or refuses a pending request; a remote participant receives Accept or Reject.
#[utoipa::path(
    post, path = "/api/v1/events/{id}/rsvps/decisions", tag = "events",
    params(("id" = String, Path)),
    request_body = DecisionInput,
    responses((status = 200, body = ParticipantView), (status = 404, description = "No pending request"), (status = 409, description = "The event is full")),
    security(("bearer" = []))
)]
pub async fn decide(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> Result<Json<ParticipantView>, AppError> {
    let decided =
        events::decide_rsvp(&state, &user, &id, &input.participant, input.approve).await?;
    Ok(Json(decided))
}
