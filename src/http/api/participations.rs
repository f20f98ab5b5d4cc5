//! `/api/v1/participations`: the token's user takes part in any action by its URL, here or on
//! another Solidarity instance (a `Join` goes to its host), and lists where they took part.

use super::json::ApiJson;
use crate::error::AppError;
use crate::federation::notes::rfc3339;
use crate::federation::outbox::ParticipationNote;
use crate::http::auth::ApiUser;
use crate::service::actions::{self, Participated, ParticipationInput};
use crate::service::elsewhere::{self, Participable};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use serde::{Deserialize, Serialize};
use url::Url;
use utoipa::{IntoParams, ToSchema};

/// A participation in an action named by its ActivityPub id.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipationRequest {
    /// The action's id (ours or another server's).
    pub action: String,
    /// A word to the organizers; on a repeat, absent keeps the first one.
    #[serde(default)]
    pub comment: Option<String>,
    /// Whether the organizers may contact you; on a repeat, absent keeps the first answer.
    #[serde(default)]
    pub consent_to_contact: Option<bool>,
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
    /// The comment given (actions here only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The consent to contact given (actions here only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent_to_contact: Option<bool>,
    /// When, in RFC 3339 (absent in the answer to taking part).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}

/// Takes part in (or withdraws from) an action by its id. Taking part in an action here answers
/// 201 the first time and 200 when already counted (what the request gives is updated, what it
/// leaves out is kept).
#[utoipa::path(
    post, path = "/api/v1/participations", tag = "actions",
    request_body = ParticipationRequest,
    responses(
        (status = 201, body = MyParticipationView, description = "Counted here"),
        (status = 200, body = MyParticipationView, description = "Already counted, withdrawn, or sent elsewhere"),
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
) -> Result<(StatusCode, Json<MyParticipationView>), AppError> {
    let url = Url::parse(input.action.trim())
        .map_err(|e| AppError::Unprocessable(format!("action: not a URL: {e}")))?;
    let urls = state.urls();
    if let Some(id) = urls.local_action_id(&url) {
        let local = ParticipationInput {
            name: None,
            comment: input.comment,
            consent_to_contact: input.consent_to_contact,
        };
        let done = actions::participate_as_user(&state, &user, &id, &local, input.withdraw).await?;
        return Ok((
            super::actions::answer_status(done),
            Json(MyParticipationView {
                action: url.to_string(),
                state: (done != Participated::Withdrawn).then(|| "counted".to_owned()),
                remote: false,
                comment: None,
                consent_to_contact: None,
                created_at: None,
            }),
        ));
    }
    let note = ParticipationNote {
        message: input.comment.filter(|c| !c.trim().is_empty()),
        consent_to_contact: input.consent_to_contact,
    };
    let stored = elsewhere::participate_elsewhere(
        &state,
        &user,
        &url,
        Participable::Action,
        !input.withdraw,
        note,
    )
    .await?;
    Ok((
        StatusCode::OK,
        Json(MyParticipationView {
            action: url.to_string(),
            state: stored.map(|s| s.as_str().to_owned()),
            remote: true,
            comment: None,
            consent_to_contact: None,
            created_at: None,
        }),
    ))
}

/// A page of the user's participations.
#[derive(Debug, Deserialize, IntoParams)]
pub struct PageQuery {
    /// How many, newest first (1 to 100, default 20).
    pub limit: Option<i64>,
    /// How many to skip (default 0).
    pub offset: Option<i64>,
}

/// Every action the user took part in, here and on other servers, newest first. A full page
/// carries a `Link: <...>; rel="next"` header to the next one.
#[utoipa::path(
    get, path = "/api/v1/participations", tag = "actions",
    params(PageQuery),
    responses((status = 200, body = [MyParticipationView])),
    security(("bearer" = []))
)]
pub async fn mine(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<PageQuery>,
) -> Result<(HeaderMap, Json<Vec<MyParticipationView>>), AppError> {
    let page = actions::Page::new(query.limit, query.offset);
    let list = actions::own_participations(&state, &user, page).await?;
    let mut headers = HeaderMap::new();
    if i64::try_from(list.len()).unwrap_or(i64::MAX) == page.limit {
        let next = page.next();
        let link = format!(
            "<{}/api/v1/participations?limit={}&offset={}>; rel=\"next\"",
            state.config.public_url(),
            next.limit,
            next.offset
        );
        if let Ok(value) = HeaderValue::from_str(&link) {
            headers.insert(header::LINK, value);
        }
    }
    Ok((
        headers,
        Json(
            list.into_iter()
                .map(|p| MyParticipationView {
                    action: p.action,
                    state: Some(p.state),
                    remote: p.remote,
                    comment: p.comment,
                    consent_to_contact: p.consent_to_contact,
                    created_at: Some(rfc3339(p.created_at)),
                })
                .collect(),
        ),
    ))
}
