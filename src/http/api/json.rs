//! `ApiJson`: a JSON request body whose rejections are JSON errors naming the problem.

use crate::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

/// Like `axum::Json`, but a bad body answers `{"error": "..."}` with 400, 413 or 422.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(JsonRejection::JsonDataError(e)) => Err(AppError::Unprocessable(e.body_text())),
            // A body cut off by the size limit (a chunked one has no length to refuse up front).
            Err(e) if over_limit(&e) => Err(AppError::PayloadTooLarge(e.body_text())),
            Err(e) => Err(AppError::BadRequest(e.body_text())),
        }
    }
}

/// Whether reading the body failed because it is over the size limit.
fn over_limit(rejection: &JsonRejection) -> bool {
    rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE
}
