//! Accounts on the web pages: signing up, signing in with the stored password (with limits per
//! account and per address), the signed-in person of a browser session, the form token that
//! proves a form came from our own page, and a person's sessions.

mod limits;
mod links;
mod session_store;
mod sessions;
mod sign_in;
mod sign_up;

pub use limits::SignInLimits;
pub use links::{invitation_link, invitation_usable, reset_link, reset_password, reset_usable};
pub use session_store::WebSessionStore;
pub use sessions::{SessionView, forget_expired_sessions, sessions, sign_out_everywhere};
pub use sign_in::{Client, SIGNED_IN_FOR, SignInError, sign_in, sign_out, signed_in};
pub use sign_up::{NewAccount, SignedUp, sign_up};

use super::ServiceError;
use crate::state::AppState;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tower_sessions::Session;

/// The session data key holding the form token.
const FORM_TOKEN_KEY: &str = "form_token";
/// How long a visitor's session (a form token, nobody signed in) lasts without use.
const VISITOR_FOR: time::Duration = time::Duration::hours(2);

/// The session store the web pages keep their sessions in.
pub fn session_store(app: &AppState) -> WebSessionStore {
    WebSessionStore::new(app.store.clone())
}

fn session_error(error: tower_sessions::session::Error) -> ServiceError {
    ServiceError::Internal(format!("session: {error}"))
}

/// The token this session's forms carry (made on first use): a form posted without it came from
/// another site's page (cross-site request forgery) or from a session that has ended.
pub async fn form_token(session: &Session) -> Result<String, ServiceError> {
    if let Some(token) = session
        .get::<String>(FORM_TOKEN_KEY)
        .await
        .map_err(session_error)?
    {
        return Ok(token);
    }
    let token = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let signed_in = session
        .get_value(session_store::USER_KEY)
        .await
        .map_err(session_error)?
        .is_some();
    if !signed_in {
        session.set_expiry(Some(tower_sessions::Expiry::OnInactivity(VISITOR_FOR)));
    }
    session
        .insert(FORM_TOKEN_KEY, &token)
        .await
        .map_err(session_error)?;
    Ok(token)
}

/// Whether `presented` is this session's form token (compared in constant time).
pub async fn form_token_matches(session: &Session, presented: &str) -> Result<bool, ServiceError> {
    let expected = session
        .get::<String>(FORM_TOKEN_KEY)
        .await
        .map_err(session_error)?;
    Ok(expected.is_some_and(|expected| {
        aws_lc_rs::constant_time::verify_slices_are_equal(expected.as_bytes(), presented.as_bytes())
            .is_ok()
    }))
}
