//! Authenticating a bearer token.

use super::super::ServiceError;
use super::{TOKEN_PREFIX, token_hash};
use crate::db::{DbError, DbUser};
use crate::state::AppState;

/// Who is asking: the account a presented token belongs to. Handlers pass it to services as it
/// is (it stands for the stored user wherever a service asks for one) and never look inside.
#[derive(Debug)]
pub struct Caller(DbUser);

impl Caller {
    /// The caller signed in as `user` (by a token, or by a web session).
    pub(in crate::service) fn new(user: DbUser) -> Self {
        Self(user)
    }
}

impl std::ops::Deref for Caller {
    type Target = DbUser;

    fn deref(&self) -> &DbUser {
        &self.0
    }
}

/// The user a presented token belongs to, or `Unauthorized`.
pub async fn authenticate(app: &AppState, presented: &str) -> Result<Caller, ServiceError> {
    let store = &app.store;
    if !presented.starts_with(TOKEN_PREFIX) || presented.len() > 128 {
        return Err(ServiceError::Unauthorized);
    }
    store
        .user_by_token_hash(&token_hash(presented))
        .await
        .map(Caller::new)
        .map_err(|e| match e {
            DbError::NotFound => ServiceError::Unauthorized,
            other => other.into(),
        })
}
