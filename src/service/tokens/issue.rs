//! Issuing a new API token to a user.

use super::super::ServiceError;
use super::{TOKEN_PREFIX, token_hash};
use crate::db::{DbUser, Store};
use crate::domain::Handle;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// How many leading characters of a secret are kept to tell tokens apart: the fixed `sol_` and
/// 6 random characters (36 of 256 bits).
const PREFIX_CHARS: usize = 10;

/// A token as issued: the secret is shown once and then only its hash exists.
#[derive(Debug)]
pub struct IssuedToken {
    pub secret: String,
    pub user: DbUser,
}

/// Creates a token for the user with this handle (not for a disabled one).
pub async fn issue_token(store: &Store, handle: &Handle) -> Result<IssuedToken, ServiceError> {
    let user = crate::service::users::enabled(store, handle).await?;
    let secret = format!(
        "{TOKEN_PREFIX}{}",
        URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
    );
    let prefix = secret.get(..PREFIX_CHARS).unwrap_or(&secret);
    store
        .insert_token(user.id, &token_hash(&secret), prefix)
        .await?;
    Ok(IssuedToken { secret, user })
}
