//! `GET /healthz`: 200 while the database answers, 503 when it does not.

use crate::error::AppError;
use crate::service::instance;
use crate::state::AppState;
use axum::extract::State;

pub async fn healthz(State(state): State<AppState>) -> Result<&'static str, AppError> {
    if instance::healthy(&state).await {
        Ok("ok\n")
    } else {
        Err(AppError::Unavailable(
            "the database does not answer".to_owned(),
        ))
    }
}
