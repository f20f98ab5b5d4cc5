//! `/api/v1/participations`: the token's user takes part in any action by its URL, here or on
//! another Solidarity instance (a `Join` goes to its host), and lists where they took part.

use super::json::ApiJson;
use crate::error::AppError;
use crate::federation::outbox::ParticipationNote;
use crate::http::auth::ApiUser;
use crate::service::actions::{self, ParticipationInput};
use crate::service::elsewhere::{self, Participable};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use url::Url;
use utoipa::ToSchema;

/// A participation in an action named by its ActivityPub id.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipationRequest {
    /// The action's id (ours or another server's).
    pub action: String,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub consent_to_contact: bool,
    /// Withdraw instead (a `Leave` for an action elsewhere).
    #[serde(default)]
    pub withdraw: bool,
}

/// Where one of the user's participations stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyParticipationView {
    pub action: String,
    /// `counted` for actions here; for actions elsewhere the host's answer: `pending`,
    /// `accepted`, `rejected`; `null` after withdrawing.
    pub state: Option<String>,
    pub remote: bool,
}

/// Takes part in (or withdraws from) an action by its id.
#[utoipa::path(
    post, path = "/api/v1/participations", tag = "actions",
    request_body = ParticipationRequest,
    responses(
        (status = 200, body = MyParticipationView),
        (status = 409, description = "The action takes no participation now"),
        (status = 422, description = "Not an action"),
        (status = 503, description = "The action's server could not be reached"),
    ),
    security(("bearer" = []))
)]
pub async fn take_part(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<ParticipationRequest>,
) -> Result<Json<MyParticipationView>, AppError> {
    let url = Url::parse(input.action.trim())
        .map_err(|e| AppError::Unprocessable(format!("action: not a URL: {e}")))?;
    let urls = state.federation.urls();
    if let Some(id) = urls.local_action_id(&url) {
        let local = ParticipationInput {
            name: None,
            comment: input.comment,
            consent_to_contact: input.consent_to_contact,
        };
        let counted =
            actions::participate_as_user(&state.store, urls, &user, &id, &local, input.withdraw)
                .await?;
        return Ok(Json(MyParticipationView {
            action: url.to_string(),
            state: counted.then(|| "counted".to_owned()),
            remote: false,
        }));
    }
    let note = ParticipationNote {
        message: input.comment.filter(|c| !c.trim().is_empty()),
        consent_to_contact: Some(input.consent_to_contact),
    };
    let stored = elsewhere::participate_elsewhere(
        &state.store,
        &state.federation,
        &user,
        &url,
        Participable::Action,
        !input.withdraw,
        note,
    )
    .await?;
    Ok(Json(MyParticipationView {
        action: url.to_string(),
        state: stored.map(|s| s.as_str().to_owned()),
        remote: true,
    }))
}

/// The actions elsewhere the user asked to take part in, with their hosts' answers.
#[utoipa::path(
    get, path = "/api/v1/participations", tag = "actions",
    responses((status = 200, body = [MyParticipationView])),
    security(("bearer" = []))
)]
pub async fn mine(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<MyParticipationView>>, AppError> {
    Ok(Json(
        elsewhere::sent_participations(&state.store, &user)
            .await?
            .into_iter()
            .filter(|sent| sent.kind == Participable::Action.as_str())
            .map(|sent| MyParticipationView {
                action: sent.object_ap_id,
                state: Some(sent.state.as_str().to_owned()),
                remote: true,
            })
            .collect(),
    ))
}
