//! `POST /inbox` (shared) and `POST /actors/{handle}/inbox`: verify, store durably, answer 202.
//! Processing happens afterwards in the inbox worker, so a slow fetch never holds the sender's
//! connection and nothing is answered 2xx before it is in the database.

use crate::domain::Handle;
use crate::error::AppError;
use crate::federation::inbox::{InboxRejection, InboxRequest};
use crate::service::{actors, received};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};

impl From<InboxRejection> for AppError {
    fn from(rejection: InboxRejection) -> Self {
        let text = rejection.to_string();
        match rejection {
            InboxRejection::Unauthorized(message) => Self::Unauthorized(message),
            InboxRejection::Forbidden(message) => Self::Forbidden(message),
            InboxRejection::BadRequest(message) => Self::BadRequest(message),
            InboxRejection::Unavailable(message) => Self::Unavailable(message),
            InboxRejection::TooManyRequests(retry_after) => Self::TooManyRequests {
                message: text,
                retry_after,
            },
        }
    }
}

pub async fn shared_inbox(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, AppError> {
    receive(&state, &method, &uri, &headers, &body).await
}

pub async fn actor_inbox(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, AppError> {
    let handle = Handle::parse_lookup(&handle)
        .ok_or_else(|| AppError::NotFound(format!("no actor named '{handle}' here")))?;
    actors::local_actor(&state, &handle).await?;
    receive(&state, &method, &uri, &headers, &body).await
}

async fn receive(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<StatusCode, AppError> {
    let path_and_query = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
    let request = InboxRequest {
        method,
        path_and_query,
        headers,
        body,
    };
    if let Err(rejection) = received::accept(state, &request).await {
        tracing::info!(reason = %rejection, "inbox POST refused");
        return Err(rejection.into());
    }
    Ok(StatusCode::ACCEPTED)
}
