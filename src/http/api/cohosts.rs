//! Campaign co-hosts: `/api/v1/campaigns/{handle}/cohosts` (invite an organization, here or
//! elsewhere), `/api/v1/orgs/{handle}/cohost-invitations` (the invitations an organization
//! received, and accepting one), `/api/v1/orgs/{handle}/cohosted-items` (a co-host adds its own
//! event or action to a campaign elsewhere).

use super::campaigns::campaign_handle;
use super::json::ApiJson;
use super::org_handle;
use crate::error::AppError;
use crate::http::auth::ApiUser;
use crate::service::campaigns::{self, CampaignView};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use url::Url;
use utoipa::ToSchema;

/// The organization to invite.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CohostInput {
    /// A local handle, `name@host`, or an organization's actor id on another instance.
    pub organization: String,
}

/// Invites an organization to co-host; one elsewhere receives an `Invite`. Owners and admins
/// of the campaign's organization.
#[utoipa::path(
    post, path = "/api/v1/campaigns/{handle}/cohosts", tag = "campaigns",
    params(("handle" = String, Path)),
    request_body = CohostInput,
    responses(
        (status = 200, body = CampaignView),
        (status = 403, description = "Not an owner or admin of the campaign's organization"),
        (status = 404, description = "No such campaign or organization"),
        (status = 422, description = "Not an organization, or already the host"),
    ),
    security(("bearer" = []))
)]
pub async fn invite(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(handle): Path<String>,
    ApiJson(input): ApiJson<CohostInput>,
) -> Result<Json<CampaignView>, AppError> {
    let handle = campaign_handle(&handle)?;
    campaigns::invite_cohost(&state, &user, &handle, &input.organization).await?;
    Ok(Json(campaigns::show(&state, &handle).await?))
}

/// An invitation to co-host a campaign, here or elsewhere.
#[derive(Debug, Serialize, ToSchema)]
pub struct CohostInvitationView {
    /// The campaign's actor id.
    pub campaign: String,
    /// `pending` or `accepted`.
    pub state: String,
}

/// The invitations to co-host the organization received; owners and admins.
#[utoipa::path(
    get, path = "/api/v1/orgs/{handle}/cohost-invitations", tag = "campaigns",
    params(("handle" = String, Path)),
    responses((status = 200, body = [CohostInvitationView]), (status = 403, description = "Not an owner or admin")),
    security(("bearer" = []))
)]
pub async fn invitations(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(org): Path<String>,
) -> Result<Json<Vec<CohostInvitationView>>, AppError> {
    let list = campaigns::cohost_invitations(&state, &user, &org_handle(&org)?).await?;
    Ok(Json(
        list.into_iter()
            .map(|i| CohostInvitationView {
                campaign: i.campaign,
                state: i.state,
            })
            .collect(),
    ))
}

fn url_field(field: &str, text: &str) -> Result<Url, AppError> {
    Url::parse(text.trim()).map_err(|e| AppError::Unprocessable(format!("{field}: not a URL: {e}")))
}

/// Which campaign's invitation to accept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CohostAcceptInput {
    /// The campaign's actor id.
    pub campaign: String,
}

/// Accepts to co-host; a campaign elsewhere receives `Accept{Invite}`.
#[utoipa::path(
    post, path = "/api/v1/orgs/{handle}/cohost-invitations/accept", tag = "campaigns",
    params(("handle" = String, Path)),
    request_body = CohostAcceptInput,
    responses((status = 204, description = "Accepted"), (status = 404, description = "No such invitation")),
    security(("bearer" = []))
)]
pub async fn accept(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(org): Path<String>,
    ApiJson(input): ApiJson<CohostAcceptInput>,
) -> Result<StatusCode, AppError> {
    campaigns::accept_cohost_invitation(
        &state,
        &user,
        &org_handle(&org)?,
        &url_field("campaign", &input.campaign)?,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A co-hosted campaign elsewhere and the organization's item to add to it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CohostedItemInput {
    /// The campaign's actor id.
    pub campaign: String,
    /// The id of one of the organization's events or actions.
    pub object: String,
}

/// Adds one of the organization's events or actions to a campaign elsewhere that it co-hosts:
/// the campaign receives an `Add` and takes it at once.
#[utoipa::path(
    post, path = "/api/v1/orgs/{handle}/cohosted-items", tag = "campaigns",
    params(("handle" = String, Path)),
    request_body = CohostedItemInput,
    responses(
        (status = 202, description = "Sent to the campaign"),
        (status = 403, description = "Not a member, or the organization does not co-host the campaign"),
        (status = 422, description = "Not a live event or action of the organization"),
    ),
    security(("bearer" = []))
)]
pub async fn add_item(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(org): Path<String>,
    ApiJson(input): ApiJson<CohostedItemInput>,
) -> Result<StatusCode, AppError> {
    campaigns::add_to_cohosted(
        &state,
        &user,
        &org_handle(&org)?,
        &url_field("campaign", &input.campaign)?,
        &url_field("object", &input.object)?,
    )
    .await?;
    Ok(StatusCode::ACCEPTED)
}
