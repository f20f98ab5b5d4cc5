//! Error answers made by the router, its extractors and its layers rather than by a handler (a
//! body over the limit, a wrong method, a bad query string, a timeout), given the JSON error
//! shape `{"error": "..."}` that every API and ActivityPub client reads.

use crate::error::{AppError, ErrorMessage};
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The longest plain-text error body carried over into the JSON message.
const MAX_MESSAGE_BYTES: usize = 4096;

/// Rewrites the error answers of the API and the inboxes that are not JSON yet, keeping their
/// status and their `Allow` header (on 405).
pub async fn json_errors(
    State(body_limit): State<usize>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let machine = path.starts_with("/api/") || path == "/inbox" || path.ends_with("/inbox");
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    if !machine
        || !(status.is_client_error() || status.is_server_error())
        || response.extensions().get::<ErrorMessage>().is_some()
    {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(body_limit),
        StatusCode::METHOD_NOT_ALLOWED => match allow.as_ref().and_then(|a| a.to_str().ok()) {
            Some(allowed) if !allowed.is_empty() => {
                format!("{method} is not allowed here; this address takes {allowed}")
            }
            _ => format!("{method} is not allowed here"),
        },
        StatusCode::REQUEST_TIMEOUT => "the request took too long and was abandoned".to_owned(),
        other => {
            let said = to_bytes(response.into_body(), MAX_MESSAGE_BYTES)
                .await
                .ok()
                .map(|body| String::from_utf8_lossy(&body).trim().to_owned())
                .filter(|text| !text.is_empty());
            said.unwrap_or_else(|| {
                other
                    .canonical_reason()
                    .unwrap_or("the request failed")
                    .to_lowercase()
            })
        }
    };
    let mut answer = AppError::Status { status, message }.into_response();
    if let Some(allow) = allow {
        answer.headers_mut().insert(header::ALLOW, allow);
    }
    answer
}

/// What a client is told when its body is over the limit.
pub fn too_large(limit: usize) -> String {
    format!("the request body is larger than the limit of {limit} bytes")
}
