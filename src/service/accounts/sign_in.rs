//! Signing in and out of the web pages, and who a session belongs to.

use super::session_error;
use super::session_store::{AGENT_KEY, USER_KEY};
use crate::db::DbError;
use crate::domain::Handle;
use crate::service::ServiceError;
use crate::service::tokens::Caller;
use crate::service::users::{hash_password, verify_password};
use crate::state::AppState;
use std::net::IpAddr;
use std::time::Duration;
use tokio::sync::OnceCell;
use tower_sessions::{Expiry, Session};

/// How long a signed-in session lasts without being used.
pub const SIGNED_IN_FOR: time::Duration = time::Duration::days(30);
/// The session data key holding the day a signed-in session was last used: writing it once a
/// day renews the session's expiry without a write on every page.
const SEEN_DAY_KEY: &str = "seen_day";
const DAY_MS: i64 = 86_400_000;

/// Where a request comes from, as far as limits and the session list care.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub address: Option<IpAddr>,
    pub user_agent: String,
}

/// Why signing in did not work.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Wrong handle or password (which of the two is not said), or a disabled account.
    #[error("{0}")]
    Refused(String),
    /// Too many attempts for this account or from this address.
    #[error("too many attempts to sign in; try again in {} seconds", .0.as_secs().max(1))]
    TooMany(Duration),
    #[error(transparent)]
    Failed(#[from] ServiceError),
}

const WRONG: &str = "the handle or the password is wrong";

/// A hash no password matches, verified when the handle is unknown so that an unknown handle
/// takes as long to refuse as a wrong password.
async fn decoy_hash() -> Result<&'static String, ServiceError> {
    static DECOY: OnceCell<String> = OnceCell::const_new();
    DECOY
        .get_or_try_init(|| async {
            let password = crate::domain::Password::parse("no password matches this decoy")
                .map_err(|e| ServiceError::Internal(e.to_string()))?;
            hash_password(password).await
        })
        .await
}

/// Signs `session` in as the account `handle` when `password` is its password, within the
/// limits. The session gets a new id (no fixation) and lasts `SIGNED_IN_FOR` from its last use.
pub async fn sign_in(
    app: &AppState,
    session: &Session,
    handle: &str,
    password: String,
    client: &Client,
) -> Result<Caller, SignInError> {
    let handle = handle.trim().trim_start_matches('@');
    app.sign_in_limits
        .attempt(handle, client.address)
        .map_err(SignInError::TooMany)?;
    let stored = match Handle::parse(handle) {
        Ok(handle) => match app.store.user_by_handle(&handle).await {
            Ok(user) => Some((user, app.store.password_hash_of(&handle).await)),
            Err(DbError::NotFound) => None,
            Err(other) => return Err(ServiceError::from(other).into()),
        },
        Err(_) => None,
    };
    let Some((user, Ok(hash))) = stored else {
        verify_password(password, decoy_hash().await?.clone()).await?;
        return Err(SignInError::Refused(WRONG.to_owned()));
    };
    if !verify_password(password, hash).await? {
        return Err(SignInError::Refused(WRONG.to_owned()));
    }
    if user.awaiting_approval {
        return Err(SignInError::Refused(
            "your account waits for an administrator's approval".to_owned(),
        ));
    }
    if user.disabled_at.is_some() {
        return Err(SignInError::Refused(
            "this account is disabled; ask an administrator".to_owned(),
        ));
    }
    start(session, user.id, client).await?;
    tracing::info!(handle = %user.handle, "signed in");
    Ok(Caller::new(user))
}

/// Makes `session` the signed-in session of user `user_id`.
pub(super) async fn start(
    session: &Session,
    user_id: i64,
    client: &Client,
) -> Result<(), ServiceError> {
    session.cycle_id().await.map_err(session_error)?;
    session.set_expiry(Some(Expiry::OnInactivity(SIGNED_IN_FOR)));
    // A form token known before signing in (planted with the cookie, say) is not kept.
    session
        .remove_value(super::FORM_TOKEN_KEY)
        .await
        .map_err(session_error)?;
    session
        .insert(USER_KEY, user_id)
        .await
        .map_err(session_error)?;
    session
        .insert(SEEN_DAY_KEY, crate::db::now_millis() / DAY_MS)
        .await
        .map_err(session_error)?;
    let agent: String = client.user_agent.chars().take(200).collect();
    session
        .insert(AGENT_KEY, agent)
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Ends `session`: its data is deleted and its cookie cleared.
pub async fn sign_out(session: &Session) -> Result<(), ServiceError> {
    session.flush().await.map_err(session_error)
}

/// The person `session` is signed in as: `None` for a visitor, and for an account that has
/// been disabled or deleted since.
pub async fn signed_in(app: &AppState, session: &Session) -> Result<Option<Caller>, ServiceError> {
    let Some(user_id) = session.get::<i64>(USER_KEY).await.map_err(session_error)? else {
        return Ok(None);
    };
    match app.store.user_by_id(user_id).await {
        Ok(user) if user.disabled_at.is_none() && user.deleted_at.is_none() => {
            let today = app.now() / DAY_MS;
            let seen = session
                .get::<i64>(SEEN_DAY_KEY)
                .await
                .map_err(session_error)?;
            if seen != Some(today) {
                // The write renews the session's expiry, at most once a day.
                session.set_expiry(Some(Expiry::OnInactivity(SIGNED_IN_FOR)));
                session
                    .insert(SEEN_DAY_KEY, today)
                    .await
                    .map_err(session_error)?;
            }
            Ok(Some(Caller::new(user)))
        }
        Ok(_) | Err(DbError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}
