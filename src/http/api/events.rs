//! `/api/v1/orgs/{handle}/events` (publish, list, change, delete) and `/api/v1/events/{id}`
//! (read with counts, RSVP as the token's user, the participant list for organizers).

use super::json::ApiJson;
use super::org_handle;
use crate::db::{DbEvent, DbRsvp, EventCounts, now_millis};
use crate::domain::{EventStatus, JoinMode, RsvpState};
use crate::error::AppError;
use crate::federation::events::event_summary;
use crate::federation::notes::rfc3339;
use crate::federation::urls::Urls;
use crate::http::auth::ApiUser;
use crate::service::events::{self, EventInput};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An event as the API shows it, with its live counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    pub id: String,
    /// The ActivityPub id; it is also the public page (HTML for browsers).
    pub ap_id: String,
    pub url: String,
    pub organization: String,
    pub title: String,
    pub description: String,
    pub body: String,
    pub content_html: String,
    /// The plain-text summary Mastodon users see.
    pub summary: String,
    pub starts_at: String,
    pub ends_at: String,
    pub timezone: String,
    pub place_name: Option<String>,
    pub place_address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    pub join_mode: JoinMode,
    pub external_url: Option<String>,
    pub status: EventStatus,
    pub category: Option<String>,
    pub going: i64,
    pub maybe: i64,
    pub pending: i64,
    /// People going per instance (host), largest first.
    pub going_by_instance: Vec<InstanceCount>,
}

/// How many people from one instance.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstanceCount {
    pub instance: String,
    pub count: i64,
}

fn view(urls: &Urls, event: &DbEvent, counts: &EventCounts) -> EventView {
    let ap_id = urls.event(&event.id).to_string();
    EventView {
        id: event.id.clone(),
        url: ap_id.clone(),
        ap_id,
        organization: event.handle.to_string(),
        title: event.details.title.clone(),
        description: event.details.description.clone(),
        body: event.details.body_markdown.clone(),
        content_html: event.details.content_html.clone(),
        summary: event_summary(event, counts),
        starts_at: rfc3339(event.details.starts_at),
        ends_at: rfc3339(event.details.ends_at),
        timezone: event.details.timezone.clone(),
        place_name: event.details.place_name.clone(),
        place_address: event.details.place_address.clone(),
        latitude: event.details.latitude,
        longitude: event.details.longitude,
        online_url: event.details.online_url.clone(),
        capacity: event.details.capacity,
        join_mode: event.details.join_mode,
        external_url: event.details.external_url.clone(),
        status: event.details.status,
        category: event.details.category.clone(),
        going: counts.going,
        maybe: counts.maybe,
        pending: counts.pending,
        going_by_instance: counts
            .going_by_host
            .iter()
            .map(|(instance, count)| InstanceCount {
                instance: instance.clone(),
                count: *count,
            })
            .collect(),
    }
}

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
    let urls = state.federation.urls();
    let event =
        events::create_event(&state.store, urls, &user, &org_handle(&handle)?, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(view(urls, &event, &EventCounts::default())),
    ))
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
    let urls = state.federation.urls();
    let events = events::events_of(&state.store, &org_handle(&handle)?, now_millis()).await?;
    Ok(Json(
        events
            .iter()
            .map(|(event, counts)| view(urls, event, counts))
            .collect(),
    ))
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
    let urls = state.federation.urls();
    let event = events::update_event(
        &state.store,
        urls,
        &user,
        &org_handle(&handle)?,
        &id,
        &input,
    )
    .await?;
    let (event, counts) = events::event(&state.store, &event.id).await?;
    Ok(Json(view(urls, &event, &counts)))
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
    let urls = state.federation.urls();
    events::delete_event(&state.store, urls, &user, &org_handle(&handle)?, &id).await?;
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
    let urls = state.federation.urls();
    let (event, counts) = events::event(&state.store, &id).await?;
    Ok(Json(view(urls, &event, &counts)))
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
    let urls = state.federation.urls();
    let stored = events::rsvp_as_user(&state.store, urls, &user, &id, input.state).await?;
    let (event, counts) = events::event(&state.store, &id).await?;
    Ok(Json(RsvpView {
        state: stored,
        event: view(urls, &event, &counts),
    }))
}

/// One participant, as organizers see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantView {
    /// The participant's ActivityPub actor id.
    pub participant: String,
    pub instance: String,
    pub state: String,
    /// How the RSVP arrived: `local`, `join`, `answer` (Friendica) or `poll`.
    pub via: String,
    pub message: String,
    pub updated_at: String,
}

impl From<DbRsvp> for ParticipantView {
    fn from(rsvp: DbRsvp) -> Self {
        Self {
            participant: rsvp.participant,
            instance: rsvp.host,
            state: rsvp.state,
            via: rsvp.via,
            message: rsvp.message,
            updated_at: rfc3339(rsvp.updated_at),
        }
    }
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
    let rsvps = events::rsvps_for_organizers(&state.store, &user, &id).await?;
    Ok(Json(rsvps.into_iter().map(ParticipantView::from).collect()))
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
    let urls = state.federation.urls();
    let (event, _) = events::event(&state.store, &id).await?;
    events::decide_rsvp(
        &state.store,
        urls,
        &user,
        &event.handle,
        &id,
        &input.participant,
        input.approve,
    )
    .await?;
    let rsvp = events::rsvp_of(&state.store, &id, &input.participant).await?;
    Ok(Json(rsvp.into()))
}
