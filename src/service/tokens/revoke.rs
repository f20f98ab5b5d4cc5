//! Listing and revoking tokens. A revoked token answers 401 like an unknown one; its record
//! stays, without the secret, which was never stored.

use super::super::ServiceError;
use crate::db::{DbTokenListing, Store};
use crate::domain::Handle;

/// The live tokens, of user `user` only when given.
pub async fn tokens(
    store: &Store,
    user: Option<&Handle>,
) -> Result<Vec<DbTokenListing>, ServiceError> {
    let user_id = match user {
        Some(handle) => Some(crate::service::users::named(store, handle).await?.id),
        None => None,
    };
    Ok(store.tokens(user_id).await?)
}

/// Revokes the live token `id`.
pub async fn revoke_token(store: &Store, id: i64) -> Result<(), ServiceError> {
    if store.revoke_token(id).await? {
        tracing::info!(token = id, "token revoked");
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!(
            "no live token with id {id}"
        )))
    }
}
