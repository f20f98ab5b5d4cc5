//! Issuing a new API token to a user.

use super::super::ServiceError;
use super::{TOKEN_PREFIX, token_hash};
use crate::db::{DbUser, Store};
use crate::domain::Handle;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A token as issued: the secret is shown once and then only its hash exists.
#[derive(Debug)]
pub struct IssuedToken {
    pub secret: String,
    pub user: DbUser,
}

/// Creates a token for the user with this handle.
pub async fn issue_token(store: &Store, handle: &Handle) -> Result<IssuedToken, ServiceError> {
    let user = store
        .user_by_handle(handle)
        .await
        .map_err(ServiceError::not_found(format!("no user named '{handle}'")))?;
    let secret = format!(
        "{TOKEN_PREFIX}{}",
        URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
    );
    store.insert_token(user.id, &token_hash(&secret)).await?;
    Ok(IssuedToken { secret, user })
}
