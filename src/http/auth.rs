//! Bearer-token authentication for the JSON API.

use crate::error::AppError;
use crate::service::tokens::{self, Caller};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

/// The user whose `Authorization: Bearer` token came with the request.
#[derive(Debug)]
pub struct ApiUser(pub Caller);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or_else(|| {
                AppError::Unauthorized(
                    "send an API token as 'Authorization: Bearer TOKEN'".to_owned(),
                )
            })?;
        Ok(Self(tokens::authenticate(state, presented.trim()).await?))
    }
}
