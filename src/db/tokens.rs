//! API tokens: only a SHA-256 hash of each bearer token is stored.

use super::{DbError, DbUser, Store, now_millis};

/// A stored token record (the secret itself is never stored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbToken {
    pub id: i64,
    pub user_id: i64,
    pub created_at: i64,
}

impl Store {
    /// Records the hash of a newly issued token for `user_id`.
    pub async fn insert_token(&self, user_id: i64, token_hash: &str) -> Result<DbToken, DbError> {
        let created_at = now_millis();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
             RETURNING id",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(created_at)
        .fetch_one(self.pool())
        .await
        .map_err(DbError::conflict_on("token"))?;
        Ok(DbToken {
            id,
            user_id,
            created_at,
        })
    }

    /// The user owning the token with this hash, noting the use; `NotFound` when none does.
    pub async fn user_by_token_hash(&self, token_hash: &str) -> Result<DbUser, DbError> {
        let user_id: i64 = sqlx::query_scalar(
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 RETURNING user_id",
        )
        .bind(now_millis())
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)?;
        self.user_by_id(user_id).await
    }

    /// How many tokens `user_id` holds.
    pub async fn count_tokens(&self, user_id: i64) -> Result<i64, DbError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE user_id = $1")
                .bind(user_id)
                .fetch_one(self.pool())
                .await?,
        )
    }
}
