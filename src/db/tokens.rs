//! API tokens: only a SHA-256 hash of each bearer token is stored, with the first characters
//! of the secret so that people can tell their tokens apart. Revoked tokens stay for the record.

use super::{DbError, DbUser, Store, now_millis};
use crate::domain::Handle;

/// A stored token record (the secret itself is never stored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbToken {
    pub id: i64,
    pub user_id: i64,
    pub created_at: i64,
}

/// A live token as `admin tokens` lists it: whose, since when, last used when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbTokenListing {
    pub id: i64,
    pub user: Handle,
    /// The first characters of the secret; `None` for tokens issued before they were kept.
    pub prefix: Option<String>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct TokenListingRow {
    id: i64,
    handle: String,
    prefix: Option<String>,
    created_at: i64,
    last_used_at: Option<i64>,
}

impl Store {
    /// Records the hash of a newly issued token for `user_id`, with the secret's `prefix`.
    pub async fn insert_token(
        &self,
        user_id: i64,
        token_hash: &str,
        prefix: &str,
    ) -> Result<DbToken, DbError> {
        let created_at = now_millis();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (user_id, token_hash, prefix, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(prefix)
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

    /// The user owning the live token with this hash, noting the use; `NotFound` when none
    /// does, when it was revoked, or when its user is disabled or deleted.
    pub async fn user_by_token_hash(&self, token_hash: &str) -> Result<DbUser, DbError> {
        let user_id: i64 = sqlx::query_scalar(
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 \
             AND revoked_at IS NULL AND user_id IN (SELECT u.id FROM users u \
             JOIN local_actors a ON a.id = u.actor_id \
             WHERE u.disabled_at IS NULL AND a.deleted_at IS NULL) RETURNING user_id",
        )
        .bind(now_millis())
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)?;
        self.user_by_id(user_id).await
    }

    /// How many live tokens `user_id` holds.
    pub async fn count_tokens(&self, user_id: i64) -> Result<i64, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(self.pool())
        .await?)
    }

    /// The live tokens, of `user_id` only when given, oldest first.
    pub async fn tokens(&self, user_id: Option<i64>) -> Result<Vec<DbTokenListing>, DbError> {
        let sql = format!(
            "SELECT t.id, a.handle, t.prefix, t.created_at, t.last_used_at FROM api_tokens t \
             JOIN users u ON u.id = t.user_id JOIN local_actors a ON a.id = u.actor_id \
             WHERE t.revoked_at IS NULL{} ORDER BY t.id",
            if user_id.is_some() {
                " AND t.user_id = $1"
            } else {
                ""
            }
        );
        let mut query = sqlx::query_as::<_, TokenListingRow>(&sql);
        if let Some(user_id) = user_id {
            query = query.bind(user_id);
        }
        let rows = query.fetch_all(self.pool()).await?;
        Ok(rows
            .into_iter()
            .map(|row| DbTokenListing {
                id: row.id,
                user: Handle::from_trusted(row.handle),
                prefix: row.prefix,
                created_at: row.created_at,
                last_used_at: row.last_used_at,
            })
            .collect())
    }

    /// Revokes the live token `id`; false when there is none.
    pub async fn revoke_token(&self, id: i64) -> Result<bool, DbError> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(now_millis())
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
