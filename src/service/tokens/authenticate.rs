//! Authenticating a bearer token.

use super::super::ServiceError;
use super::{TOKEN_PREFIX, token_hash};
use crate::db::{DbError, DbUser, Store};

/// The user a presented token belongs to, or `Unauthorized`.
pub async fn authenticate(store: &Store, presented: &str) -> Result<DbUser, ServiceError> {
    if !presented.starts_with(TOKEN_PREFIX) || presented.len() > 128 {
        return Err(ServiceError::Unauthorized);
    }
    store
        .user_by_token_hash(&token_hash(presented))
        .await
        .map_err(|e| match e {
            DbError::NotFound => ServiceError::Unauthorized,
            other => other.into(),
        })
}
