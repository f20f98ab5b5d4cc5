//! `/api/v1/orgs/{handle}/actions` (publish, list, change, delete) and `/api/v1/actions/{id}`
//! (read with progress per instance, take part as the token's user, the participant list for
//! organizers).

use super::json::ApiJson;
use super::org_handle;
use crate::db::{ActionProgress, DbAction, DbParticipation};
use crate::domain::{ActionKind, ActionStatus};
use crate::error::AppError;
use crate::federation::actions::action_summary;
use crate::federation::notes::rfc3339;
use crate::federation::urls::Urls;
use crate::http::api::events::InstanceCount;
use crate::http::auth::ApiUser;
use crate::service::actions::{self, ActionInput, Participated, ParticipationInput};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

/// An action as the API shows it, with its live progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionView {
    pub id: String,
    /// The ActivityPub id; it is also the public page (HTML for browsers).
    pub ap_id: String,
    pub organization: String,
    pub kind: ActionKind,
    pub title: String,
    pub description: String,
    pub body: String,
    pub content_html: String,
    /// The plain-text summary Mastodon users see.
    pub summary: String,
    pub targets: Vec<String>,
    pub goal: Option<i64>,
    pub goal_unit: String,
    pub deadline: Option<String>,
    pub timezone: String,
    pub external_url: Option<String>,
    pub external_label: Option<String>,
    pub status: ActionStatus,
    /// Everyone who took part, once each, wherever they are.
    pub progress: i64,
    /// The same per instance (host), largest first.
    pub progress_by_instance: Vec<InstanceCount>,
}

fn view(urls: &Urls, action: &DbAction, progress: &ActionProgress) -> ActionView {
    let details = &action.details;
    ActionView {
        id: action.id.clone(),
        ap_id: urls.action(&action.id).to_string(),
        organization: action.handle.to_string(),
        kind: details.kind,
        title: details.title.clone(),
        description: details.description.clone(),
        body: details.body_markdown.clone(),
        content_html: details.content_html.clone(),
        summary: action_summary(action, progress),
        targets: details.targets.clone(),
        goal: details.goal,
        goal_unit: details.goal_unit.clone(),
        deadline: details.deadline.map(rfc3339),
        timezone: details.timezone.clone(),
        external_url: details.external_url.clone(),
        external_label: details.external_label.clone(),
        status: details.status,
        progress: progress.total,
        progress_by_instance: progress
            .by_host
            .iter()
            .map(|(instance, count)| InstanceCount {
                instance: instance.clone(),
                count: *count,
            })
            .collect(),
    }
}

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
    let urls = state.federation.urls();
    let action =
        actions::create_action(&state.store, urls, &user, &org_handle(&handle)?, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(view(urls, &action, &ActionProgress::default())),
    ))
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
    let urls = state.federation.urls();
    let actions = actions::actions_of(&state.store, &org_handle(&handle)?).await?;
    Ok(Json(
        actions
            .iter()
            .map(|(action, progress)| view(urls, action, progress))
            .collect(),
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
    let urls = state.federation.urls();
    let action = actions::update_action(
        &state.store,
        urls,
        &user,
        &org_handle(&handle)?,
        &id,
        &input,
    )
    .await?;
    let (action, progress) = actions::action(&state.store, &action.id).await?;
    Ok(Json(view(urls, &action, &progress)))
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
    let urls = state.federation.urls();
    actions::delete_action(&state.store, urls, &user, &org_handle(&handle)?, &id).await?;
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
    let urls = state.federation.urls();
    let (action, progress) = actions::action(&state.store, &id).await?;
    Ok(Json(view(urls, &action, &progress)))
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
    let urls = state.federation.urls();
    let done = actions::participate_as_user(&state.store, urls, &user, &id, &input, false).await?;
    let status = answer_status(done);
    let (action, progress) = actions::action(&state.store, &id).await?;
    Ok((status, Json(view(urls, &action, &progress))))
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
    let urls = state.federation.urls();
    let input = ParticipationInput::default();
    actions::participate_as_user(&state.store, urls, &user, &id, &input, true).await?;
    let (action, progress) = actions::action(&state.store, &id).await?;
    Ok(Json(view(urls, &action, &progress)))
}

/// One participant, as organizers see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantView {
    /// The participant's ActivityPub actor id.
    pub participant: String,
    pub instance: String,
    /// `local`, `join` (another server) or `poll`.
    pub via: String,
    pub name: String,
    pub comment: String,
    pub consent_to_contact: bool,
    pub created_at: String,
}

impl From<DbParticipation> for ParticipantView {
    fn from(p: DbParticipation) -> Self {
        Self {
            participant: p.participant,
            instance: p.host,
            via: p.via,
            name: p.name,
            comment: p.comment,
            consent_to_contact: p.consent_to_contact != 0,
            created_at: rfc3339(p.created_at),
        }
    }
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
    let list = actions::participations_for_organizers(&state.store, &user, &id).await?;
    Ok(Json(list.into_iter().map(ParticipantView::from).collect()))
}
