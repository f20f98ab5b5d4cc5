//! Private calendar addresses: one per person at most, found by the SHA-256 of its secret.

use super::{DbError, DbUser, Store, now_millis};

impl Store {
    /// Gives `user_id` the calendar address whose secret hashes to `key_hash`, replacing any
    /// earlier one.
    pub async fn set_calendar_key(&self, user_id: i64, key_hash: &str) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO calendar_keys (user_id, key_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET key_hash = excluded.key_hash, \
             created_at = excluded.created_at",
        )
        .bind(user_id)
        .bind(key_hash)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Stops `user_id`'s calendar address from working.
    pub async fn remove_calendar_key(&self, user_id: i64) -> Result<(), DbError> {
        sqlx::query("DELETE FROM calendar_keys WHERE user_id = $1")
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Whether `user_id` has a calendar address.
    pub async fn has_calendar_key(&self, user_id: i64) -> Result<bool, DbError> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM calendar_keys WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(found.is_some())
    }

    /// The person whose calendar secret hashes to `key_hash`.
    pub async fn user_by_calendar_key(&self, key_hash: &str) -> Result<DbUser, DbError> {
        let user_id: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM calendar_keys WHERE key_hash = $1")
                .bind(key_hash)
                .fetch_optional(self.pool())
                .await?;
        self.user_by_id(user_id.ok_or(DbError::NotFound)?).await
    }
}
