//! A person's own API tokens, from their account page: listed, made (the secret shown once),
//! and revoked, only their own.

use super::super::ServiceError;
use crate::db::DbUser;
use crate::state::AppState;

/// One of a person's tokens, as their account page lists it.
#[derive(Debug)]
pub struct OwnToken {
    pub id: i64,
    /// The first characters of the secret, to tell tokens apart.
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// The live tokens of `user`.
pub async fn own_tokens(app: &AppState, user: &DbUser) -> Result<Vec<OwnToken>, ServiceError> {
    Ok(super::tokens(&app.store, Some(&user.handle))
        .await?
        .into_iter()
        .map(|t| OwnToken {
            id: t.id,
            prefix: t.prefix.unwrap_or_default(),
            created_at: t.created_at,
            last_used_at: t.last_used_at,
        })
        .collect())
}

/// Makes a token for `user`; its secret, which is shown once and never again.
pub async fn make_own_token(app: &AppState, user: &DbUser) -> Result<String, ServiceError> {
    Ok(super::issue_token(&app.store, &user.handle).await?.secret)
}

/// Revokes `user`'s token `id`; another person's token is not found.
pub async fn revoke_own_token(app: &AppState, user: &DbUser, id: i64) -> Result<(), ServiceError> {
    let owned = own_tokens(app, user).await?.iter().any(|t| t.id == id);
    if !owned {
        return Err(ServiceError::NotFound(format!("you have no token {id}")));
    }
    super::revoke_token(&app.store, id).await
}
