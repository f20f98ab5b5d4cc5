//! The authorized-fetch gate in front of ActivityPub GETs (see `federation::signed_fetch`).

use super::wants_activity_json;
use crate::domain::Handle;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Lets ActivityPub GETs through only with a valid signature when the instance requires it.
/// Browsers (HTML) and the instance actor's document are always served.
pub async fn require_signed_fetch(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let instance_actor = format!("/actors/{}", Handle::instance_actor());
    if !state.config.federation.require_signed_fetch
        || !wants_activity_json(request.headers())
        || request.uri().path() == instance_actor
    {
        return next.run(request).await;
    }
    let path_and_query = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |pq| pq.as_str().to_owned(),
    );
    match state
        .federation
        .verify_signed_get(&state.store, &path_and_query, request.headers())
        .await
    {
        Ok(signer) => {
            tracing::debug!(signer = %signer.ap_id, path = %path_and_query, "signed fetch");
            next.run(request).await
        }
        Err(refused) => {
            AppError::Unauthorized(format!("this server requires signed fetches: {refused}"))
                .into_response()
        }
    }
}
