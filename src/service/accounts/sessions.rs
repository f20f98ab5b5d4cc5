//! A person's signed-in sessions: listed on their account page, and ended all at once.

use super::session_error;
use crate::service::ServiceError;
use crate::service::tokens::Caller;
use crate::state::AppState;
use tower_sessions::Session;

/// One signed-in session, as its owner sees it.
#[derive(Clone, Debug)]
pub struct SessionView {
    pub signed_in_at: i64,
    pub last_used_at: i64,
    pub browser: String,
    /// The session this list is shown in.
    pub current: bool,
}

/// The live sessions of `caller`, most recently used first.
pub async fn sessions(
    app: &AppState,
    caller: &Caller,
    current: &Session,
) -> Result<Vec<SessionView>, ServiceError> {
    let current = current.id().map(|id| id.to_string());
    let rows = app.store.web_sessions_of(caller.id, app.now()).await?;
    Ok(rows
        .into_iter()
        .map(|row| SessionView {
            current: current.as_deref() == Some(row.id.as_str()),
            signed_in_at: row.created_at,
            last_used_at: row.seen_at,
            browser: row.user_agent,
        })
        .collect())
}

/// Ends every session of `caller`, the current one included; how many there were.
pub async fn sign_out_everywhere(
    app: &AppState,
    caller: &Caller,
    current: &Session,
) -> Result<u64, ServiceError> {
    let ended = app.store.delete_web_sessions_of(caller.id).await?;
    current.flush().await.map_err(session_error)?;
    tracing::info!(handle = %caller.handle, ended, "signed out everywhere");
    Ok(ended)
}

/// Deletes the sessions that expired, and forgets quiet sign-in budgets; how many sessions.
pub async fn forget_expired_sessions(app: &AppState) -> Result<u64, ServiceError> {
    app.sign_in_limits.forget_quiet();
    Ok(app.store.delete_expired_web_sessions(app.now()).await?)
}
