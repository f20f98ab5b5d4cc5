//! The authorized-fetch gate in front of ActivityPub GETs (see `federation::signed_fetch`).

use super::wants_activity_json;
use crate::domain::Handle;
use crate::error::AppError;
use crate::federation::inbound::authority;
use crate::federation::signatures::claimed_key_id;
use crate::service::{actors, blocks};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Lets ActivityPub GETs through only with a valid signature when the instance requires it.
/// Browsers (HTML) and the instance actor's document are always served. Any request signed by a
/// blocked domain is refused with 403.
pub async fn require_signed_fetch(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // A signature names its server: a blocked one is refused whether or not signatures are
    // required, by the key id's host alone (no key fetch, no crypto).
    if let Some(key_id) = claimed_key_id(request.headers())
        && let Err(refused) = blocks::refuse_signer(&state, &authority(&key_id)).await
    {
        return AppError::from(refused).into_response();
    }
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
    match actors::signed_reader(&state, &path_and_query, request.headers()).await {
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
