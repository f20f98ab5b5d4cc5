//! `/api/v1/orgs/{handle}/campaigns` (create, list) and `/api/v1/campaigns/{handle}` (read with
//! items and totals, change, add items, consent to a proposed item).

use super::json::ApiJson;
use super::org_handle;
use crate::domain::Handle;
use crate::error::AppError;
use crate::http::auth::ApiUser;
use crate::service::campaigns::{self, CampaignInput, CampaignView};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use url::Url;
use utoipa::ToSchema;

pub(super) fn campaign_handle(text: &str) -> Result<Handle, AppError> {
    Handle::parse(text).map_err(|_| AppError::NotFound(format!("no campaign named '{text}'")))
}

/// Creates a campaign of the organization, with its own followable actor.
#[utoipa::path(
    post, path = "/api/v1/orgs/{handle}/campaigns", tag = "campaigns",
    params(("handle" = String, Path, description = "The hosting organization's handle")),
    request_body = CampaignInput,
    responses(
        (status = 201, body = CampaignView),
        (status = 403, description = "Not a member of the organization"),
        (status = 409, description = "The handle is taken"),
        (status = 422, description = "Invalid input; the message names the field"),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(org): Path<String>,
    ApiJson(input): ApiJson<CampaignInput>,
) -> Result<(StatusCode, Json<CampaignView>), AppError> {
    let campaign = campaigns::create_campaign(&state, &user, &org_handle(&org)?, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(campaigns::show(&state, &campaign.handle).await?),
    ))
}

/// The organization's campaigns. Public.
#[utoipa::path(
    get, path = "/api/v1/orgs/{handle}/campaigns", tag = "campaigns",
    params(("handle" = String, Path)),
    responses((status = 200, body = [CampaignView]), (status = 404, description = "No such organization"))
)]
pub async fn list(
    State(state): State<AppState>,
    Path(org): Path<String>,
) -> Result<Json<Vec<CampaignView>>, AppError> {
    Ok(Json(
        campaigns::campaigns_of(&state, &org_handle(&org)?).await?,
    ))
}

/// One campaign with its items and totals. Public.
#[utoipa::path(
    get, path = "/api/v1/campaigns/{handle}", tag = "campaigns",
    params(("handle" = String, Path)),
    responses((status = 200, body = CampaignView), (status = 404, description = "No such campaign"))
)]
pub async fn show(
    State(state): State<AppState>,
    Path(handle): Path<String>,
) -> Result<Json<CampaignView>, AppError> {
    Ok(Json(
        campaigns::show(&state, &campaign_handle(&handle)?).await?,
    ))
}

/// Replaces a campaign's details (the handle stays).
#[utoipa::path(
    put, path = "/api/v1/campaigns/{handle}", tag = "campaigns",
    params(("handle" = String, Path)),
    request_body = CampaignInput,
    responses((status = 200, body = CampaignView), (status = 422, description = "Invalid input")),
    security(("bearer" = []))
)]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<CampaignInput>,
) -> Result<Json<CampaignView>, AppError> {
    let handle = campaign_handle(&handle)?;
    campaigns::update_campaign(&state, &user, &handle, &input).await?;
    Ok(Json(campaigns::show(&state, &handle).await?))
}

/// Deletes a campaign; its followers receive `Delete` of its actor, which then answers 410.
/// Owners and admins of its organization.
#[utoipa::path(
    delete, path = "/api/v1/campaigns/{handle}", tag = "campaigns",
    params(("handle" = String, Path)),
    responses((status = 204, description = "Deleted"), (status = 403, description = "Not an owner or admin of the campaign's organization"), (status = 404, description = "No such campaign")),
    security(("bearer" = []))
)]
pub async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
) -> Result<StatusCode, AppError> {
    campaigns::delete_campaign(&state, &user, &campaign_handle(&handle)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An event or action: its ActivityPub id (here or elsewhere), or one of ours by its id.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    /// A URL, or for an event or action here its id (`ID`, `events/ID`, `actions/ID`).
    pub object: String,
}

/// Adds an event or action: accepted (and announced) when the campaign's organization hosts it,
/// proposed otherwise. One on another instance is fetched, and its host is asked with an `Add`.
#[utoipa::path(
    post, path = "/api/v1/campaigns/{handle}/items", tag = "campaigns",
    params(("handle" = String, Path)),
    request_body = ItemInput,
    responses((status = 200, body = CampaignView), (status = 404, description = "No such campaign or item")),
    security(("bearer" = []))
)]
pub async fn add_item(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<ItemInput>,
) -> Result<Json<CampaignView>, AppError> {
    let handle = campaign_handle(&handle)?;
    campaigns::add_item(&state, &user, &handle, &input.object).await?;
    Ok(Json(campaigns::show(&state, &handle).await?))
}

/// The hosting organization's owner or admin consents to a proposed item.
#[utoipa::path(
    post, path = "/api/v1/campaigns/{handle}/items/accept", tag = "campaigns",
    params(("handle" = String, Path)),
    request_body = ItemInput,
    responses((status = 200, body = CampaignView), (status = 403, description = "Not an owner or admin of the item's organization")),
    security(("bearer" = []))
)]
pub async fn accept_item(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<ItemInput>,
) -> Result<Json<CampaignView>, AppError> {
    let handle = campaign_handle(&handle)?;
    campaigns::accept_item(&state, &user, &handle, &input.object).await?;
    Ok(Json(campaigns::show(&state, &handle).await?))
}

/// Takes an item out of the campaign; its followers receive `Undo` of its Announces. Owners
/// and admins of the campaign's organization, or of the organization hosting the item here.
#[utoipa::path(
    post, path = "/api/v1/campaigns/{handle}/items/remove", tag = "campaigns",
    params(("handle" = String, Path)),
    request_body = ItemInput,
    responses((status = 200, body = CampaignView), (status = 403, description = "Not an owner or admin"), (status = 404, description = "Not in the campaign")),
    security(("bearer" = []))
)]
pub async fn remove_item(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<ItemInput>,
) -> Result<Json<CampaignView>, AppError> {
    let handle = campaign_handle(&handle)?;
    campaigns::remove_item(&state, &user, &handle, &input.object).await?;
    Ok(Json(campaigns::show(&state, &handle).await?))
}

/// A campaign elsewhere that asked to include one of the organization's events or actions.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    /// The campaign's actor id.
    pub campaign: String,
    pub object: String,
    /// `pending` or `accepted`.
    pub state: String,
}

/// Campaigns elsewhere asking for the organization's events and actions; owners and admins.
#[utoipa::path(
    get, path = "/api/v1/orgs/{handle}/campaign-invitations", tag = "campaigns",
    params(("handle" = String, Path)),
    responses((status = 200, body = [InvitationView]), (status = 403, description = "Not an owner or admin")),
    security(("bearer" = []))
)]
pub async fn invitations(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(org): Path<String>,
) -> Result<Json<Vec<InvitationView>>, AppError> {
    let list = campaigns::invitations(&state, &user, &org_handle(&org)?).await?;
    Ok(Json(
        list.into_iter()
            .map(|i| InvitationView {
                campaign: i.campaign_ap_id,
                object: i.object_ap_id,
                state: i.state,
            })
            .collect(),
    ))
}

/// Which invitation to accept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationInput {
    pub campaign: String,
    pub object: String,
}

/// Consents to a campaign elsewhere including the event or action: it receives `Accept`.
#[utoipa::path(
    post, path = "/api/v1/orgs/{handle}/campaign-invitations/accept", tag = "campaigns",
    params(("handle" = String, Path)),
    request_body = InvitationInput,
    responses((status = 204, description = "Accepted"), (status = 404, description = "No such invitation")),
    security(("bearer" = []))
)]
pub async fn accept_invitation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(org): Path<String>,
    ApiJson(input): ApiJson<InvitationInput>,
) -> Result<StatusCode, AppError> {
    let parse = |field: &str, text: &str| {
        Url::parse(text.trim())
            .map_err(|e| AppError::Unprocessable(format!("{field}: not a URL: {e}")))
    };
    campaigns::accept_invitation(
        &state,
        &user,
        &org_handle(&org)?,
        &parse("campaign", &input.campaign)?,
        &parse("object", &input.object)?,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The text of a dated update.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateInput {
    /// Markdown, rendered to sanitised HTML for the page, the feed and followers.
    pub content: String,
}

/// Posts a dated update as the campaign; its followers receive it as a note.
#[utoipa::path(
    post, path = "/api/v1/campaigns/{handle}/updates", tag = "campaigns",
    params(("handle" = String, Path)),
    request_body = UpdateInput,
    responses((status = 201, body = CampaignView), (status = 403, description = "Not a member of the campaign's organization"), (status = 422, description = "Empty or too long")),
    security(("bearer" = []))
)]
pub async fn post_update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<UpdateInput>,
) -> Result<(StatusCode, Json<CampaignView>), AppError> {
    let handle = campaign_handle(&handle)?;
    campaigns::post_update(&state, &user, &handle, &input.content).await?;
    Ok((
        StatusCode::CREATED,
        Json(campaigns::show(&state, &handle).await?),
    ))
}
