//! Single-use links administrators hand out: an invitation to sign up (on an instance that
//! takes sign-ups by invitation), and a reset of one person's password. Each holds 256 random
//! bits; only their SHA-256 is stored, and each works once, for a limited time.

use super::session_error;
use crate::db::{DbUser, LinkKind};
use crate::domain::{Handle, Password};
use crate::service::ServiceError;
use crate::service::tokens::token_hash;
use crate::service::users::hash_password;
use crate::state::AppState;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tower_sessions::Session;

/// How long an invitation link works.
const INVITATION_FOR_MS: i64 = 14 * 86_400_000;
/// How long a password reset link works.
const RESET_FOR_MS: i64 = 2 * 86_400_000;

fn admin_only(user: &DbUser) -> Result<(), ServiceError> {
    if user.is_admin {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "only the instance's administrators may do this".to_owned(),
        ))
    }
}

async fn new_link(
    app: &AppState,
    kind: LinkKind,
    user_id: Option<i64>,
    by: &DbUser,
    lasts_ms: i64,
) -> Result<String, ServiceError> {
    let secret = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    app.store
        .insert_account_link(
            &token_hash(&secret),
            kind,
            user_id,
            by.id,
            app.now() + lasts_ms,
        )
        .await?;
    Ok(secret)
}

/// A new invitation link to sign up, made by the administrator `by`.
pub async fn invitation_link(app: &AppState, by: &DbUser) -> Result<String, ServiceError> {
    admin_only(by)?;
    let secret = new_link(app, LinkKind::Invitation, None, by, INVITATION_FOR_MS).await?;
    Ok(format!(
        "{}/signup?invite={secret}",
        app.config.public_url()
    ))
}

/// A new link with which the person `handle` sets a new password, made by the administrator
/// `by` (to hand over by whatever means they trust: no mail is sent).
pub async fn reset_link(app: &AppState, by: &DbUser, handle: &str) -> Result<String, ServiceError> {
    admin_only(by)?;
    let handle = Handle::parse(handle).map_err(|e| ServiceError::Invalid {
        field: "handle",
        message: e.to_string(),
    })?;
    let user = crate::service::users::named(&app.store, &handle).await?;
    let secret = new_link(app, LinkKind::Reset, Some(user.id), by, RESET_FOR_MS).await?;
    Ok(format!("{}/reset/{secret}", app.config.public_url()))
}

/// Whether the invitation `secret` still works (for showing the sign-up form).
pub async fn invitation_usable(app: &AppState, secret: &str) -> Result<bool, ServiceError> {
    Ok(app
        .store
        .account_link_usable(&token_hash(secret), LinkKind::Invitation, app.now())
        .await?)
}

/// Uses the invitation `secret`; refused when it is unknown, used or expired.
pub(super) async fn use_invitation(app: &AppState, secret: &str) -> Result<(), ServiceError> {
    match app
        .store
        .use_account_link(&token_hash(secret), LinkKind::Invitation, app.now())
        .await?
    {
        Some(_) => Ok(()),
        None => Err(ServiceError::Forbidden(
            "this invitation link does not work (any more): ask an administrator for a new one"
                .to_owned(),
        )),
    }
}

/// Whether the reset link `secret` still works (for showing its form).
pub async fn reset_usable(app: &AppState, secret: &str) -> Result<bool, ServiceError> {
    Ok(app
        .store
        .account_link_usable(&token_hash(secret), LinkKind::Reset, app.now())
        .await?)
}

/// Sets a new password with the reset link `secret` (once); every session of that person ends,
/// this one included.
pub async fn reset_password(
    app: &AppState,
    session: &Session,
    secret: &str,
    password: &str,
    again: &str,
) -> Result<(), ServiceError> {
    if password != again {
        return Err(ServiceError::Invalid {
            field: "password_again",
            message: "the two passwords differ".to_owned(),
        });
    }
    let password = Password::parse(password).map_err(|e| ServiceError::Invalid {
        field: "password",
        message: e.to_string(),
    })?;
    let Some(Some(user_id)) = app
        .store
        .use_account_link(&token_hash(secret), LinkKind::Reset, app.now())
        .await?
    else {
        return Err(ServiceError::Forbidden(
            "this link does not work (any more): ask an administrator for a new one".to_owned(),
        ));
    };
    let hash = hash_password(password).await?;
    app.store.set_password_hash(user_id, &hash).await?;
    app.store.delete_web_sessions_of(user_id).await?;
    session.flush().await.map_err(session_error)?;
    tracing::info!(user_id, "password reset with a link");
    Ok(())
}
