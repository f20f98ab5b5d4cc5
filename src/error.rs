//! `AppError`: the one error type at the HTTP edge. The client gets a safe message (JSON here;
//! `http::errors` re-renders it as an HTML page for browsers); the cause goes to the log.

use crate::service::ServiceError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answered to a client.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Gone(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    Unavailable(String),
    /// Over a rate limit; `retry_after` seconds go into `Retry-After`.
    #[error("{message}")]
    TooManyRequests { message: String, retry_after: u64 },
    /// The request body is over the configured limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// An answer made by the router or a layer (wrong method, timeout...), with its status.
    #[error("{message}")]
    Status { status: StatusCode, message: String },
    /// Another server failed us (unreachable, or an answer we must refuse).
    #[error("{0}")]
    BadGateway(String),
    /// Our own fault. The client sees a generic message; the cause is logged.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// The JSON body of every error answer.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    pub error: String,
}

/// Attached to error responses so that the browser layer can render the same message as HTML.
#[derive(Clone, Debug)]
pub struct ErrorMessage(pub String);

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Gone(_) => StatusCode::GONE,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::BadGateway(_) => StatusCode::BAD_GATEWAY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Status { status, .. } => *status,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<ServiceError> for AppError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Invalid { .. } => Self::Unprocessable(error.to_string()),
            ServiceError::Conflict(message) => Self::Conflict(message),
            ServiceError::NotFound(message) => Self::NotFound(message),
            ServiceError::Gone(message) => Self::Gone(message),
            ServiceError::Forbidden(message) => Self::Forbidden(message),
            ServiceError::Unavailable(message) => Self::BadGateway(message),
            ServiceError::TooMany {
                message,
                retry_after,
            } => Self::TooManyRequests {
                message,
                retry_after,
            },
            ServiceError::Unauthorized => Self::Unauthorized(error.to_string()),
            ServiceError::Store(_) | ServiceError::Internal(_) => Self::Internal(Box::new(error)),
        }
    }
}

impl From<serde_json::Error> for AppError {
    fn from(error: serde_json::Error) -> Self {
        Self::Internal(Box::new(error))
    }
}

impl From<askama::Error> for AppError {
    fn from(error: askama::Error) -> Self {
        Self::Internal(Box::new(error))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let Self::Internal(cause) = &self {
            tracing::error!(error = %cause, source = ?cause.source(), "request failed");
        }
        let message = self.to_string();
        let mut response = (
            status,
            Json(ErrorBody {
                error: message.clone(),
            }),
        )
            .into_response();
        if let Self::TooManyRequests { retry_after, .. } = &self
            && let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string())
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        response.extensions_mut().insert(ErrorMessage(message));
        response
    }
}
