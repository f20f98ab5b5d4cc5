//! `/api/v1/rsvps`: the token's user answers any event by its URL, here or on another server
//! (a `Join` goes to its host), and lists their answers.

use super::json::ApiJson;
use crate::domain::RsvpState;
use crate::error::AppError;
use crate::federation::outbox::ParticipationNote;
use crate::http::auth::ApiUser;
use crate::service::elsewhere::{self, Participable};
use crate::service::events;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use url::Url;
use utoipa::ToSchema;

/// An answer to an event named by its ActivityPub id.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RemoteRsvpInput {
    /// The event's id (ours or another server's).
    pub event: String,
    /// `going`, `maybe` or `declined`; `null` withdraws. Events on other servers take `going`
    /// and `null` only (a `Join` and a `Leave`).
    pub state: Option<RsvpState>,
}

/// Where one of the user's answers stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyRsvpView {
    pub event: String,
    /// For local events: `going`, `maybe`, `declined`, `pending`, `rejected`. For events
    /// elsewhere, the host's answer: `pending`, `accepted`, `rejected`, `ignored`.
    pub state: Option<String>,
    /// Whether the event is hosted on another server.
    pub remote: bool,
}

/// Answers an event by its id; one on another server receives a `Join` (or a `Leave`).
#[utoipa::path(
    post, path = "/api/v1/rsvps", tag = "events",
    request_body = RemoteRsvpInput,
    responses(
        (status = 200, body = MyRsvpView),
        (status = 409, description = "Full, cancelled, over, or the event takes no RSVPs"),
        (status = 422, description = "Not an event, or a state the host cannot take"),
        (status = 503, description = "The event's server could not be reached"),
    ),
    security(("bearer" = []))
)]
pub async fn answer(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<RemoteRsvpInput>,
) -> Result<Json<MyRsvpView>, AppError> {
    let url = Url::parse(input.event.trim())
        .map_err(|e| AppError::Unprocessable(format!("event: not a URL: {e}")))?;
    let urls = state.urls();
    if let Some(id) = urls.local_event_id(&url) {
        let stored = events::rsvp_as_user(&state, &user, &id, input.state).await?;
        return Ok(Json(MyRsvpView {
            event: url.to_string(),
            state: stored.map(|s| s.as_str().to_owned()),
            remote: false,
        }));
    }
    let going = match input.state {
        Some(RsvpState::Going) => true,
        None => false,
        Some(_) => {
            return Err(AppError::Unprocessable(
                "state: events on other servers take going or null".to_owned(),
            ));
        }
    };
    let stored = elsewhere::participate_elsewhere(
        &state,
        &user,
        &url,
        Participable::Event,
        going,
        ParticipationNote::default(),
    )
    .await?;
    Ok(Json(MyRsvpView {
        event: url.to_string(),
        state: stored.map(|s| s.as_str().to_owned()),
        remote: true,
    }))
}

/// The user's answers, to events here and elsewhere.
#[utoipa::path(
    get, path = "/api/v1/rsvps", tag = "events",
    responses((status = 200, body = [MyRsvpView])),
    security(("bearer" = []))
)]
pub async fn mine(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<MyRsvpView>>, AppError> {
    let urls = state.urls();
    let local = events::answers_of(&state, &user).await?;
    let mut views: Vec<MyRsvpView> = local
        .into_iter()
        .map(|(id, state)| MyRsvpView {
            event: urls.event(&id).to_string(),
            state: Some(state),
            remote: false,
        })
        .collect();
    views.extend(
        elsewhere::sent_participations(&state, &user)
            .await?
            .into_iter()
            .filter(|sent| sent.kind == Participable::Event.as_str())
            .map(|sent| MyRsvpView {
                event: sent.object_ap_id,
                state: Some(sent.state.as_str().to_owned()),
                remote: true,
            }),
    );
    Ok(Json(views))
}
