//! Instance settings: small named values the instance keeps about itself.

use super::{DbError, Store, now_millis};

impl Store {
    /// The stored value of `key`, if set.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, DbError> {
        Ok(
            sqlx::query_scalar("SELECT value FROM instance_settings WHERE key = $1")
                .bind(key)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// Sets `key` to `value` unless it is already set; returns the value now stored.
    pub async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String, DbError> {
        sqlx::query(
            "INSERT INTO instance_settings (key, value, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(value)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        self.setting(key).await?.ok_or(DbError::NotFound)
    }

    /// Sets every `(key, value)` in one transaction, replacing what was there.
    pub async fn set_settings(&self, values: &[(&str, &str)]) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        for (key, value) in values {
            sqlx::query(
                "INSERT INTO instance_settings (key, value, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
                 updated_at = excluded.updated_at",
            )
            .bind(key)
            .bind(value)
            .bind(now_millis())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The stored value of `key`, or `None` also when the database has no schema yet (the
    /// settings table is missing); any other failure, such as a refused permission or a lost
    /// connection, is still an error.
    pub async fn setting_if_migrated(&self, key: &str) -> Result<Option<String>, DbError> {
        match self.setting(key).await {
            Err(DbError::Other(sqlx::Error::Database(error))) if missing_table(error.message()) => {
                Ok(None)
            }
            other => other,
        }
    }
}

/// Whether a database error says a table does not exist (SQLite: "no such table"; PostgreSQL:
/// 'relation "..." does not exist').
fn missing_table(message: &str) -> bool {
    message.contains("no such table")
        || (message.contains("relation") && message.contains("does not exist"))
}
