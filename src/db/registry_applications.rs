//! People waiting to confirm, from their own account, that they apply to the registry.

use super::{DbError, Store, now_millis};

impl Store {
    /// Keeps (or renews) the application of `actor`, typed as `address`, until `expires_at`.
    pub async fn keep_registry_application(
        &self,
        actor: &str,
        address: &str,
        expires_at: i64,
    ) -> Result<(), DbError> {
        // Expired applications go as new ones come, so the table holds only live ones.
        sqlx::query("DELETE FROM registry_applications WHERE expires_at <= $1")
            .bind(now_millis())
            .execute(self.pool())
            .await?;
        sqlx::query(
            "INSERT INTO registry_applications (actor, address, created_at, expires_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (actor) DO UPDATE SET \
             address = excluded.address, created_at = excluded.created_at, \
             expires_at = excluded.expires_at",
        )
        .bind(actor)
        .bind(address)
        .bind(now_millis())
        .bind(expires_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The address `actor` applied with, if its application has not expired at `now`.
    pub async fn registry_application(
        &self,
        actor: &str,
        now: i64,
    ) -> Result<Option<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT address FROM registry_applications WHERE actor = $1 AND expires_at > $2",
        )
        .bind(actor)
        .bind(now)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Forgets the application of `actor` (confirmed).
    pub async fn forget_registry_application(&self, actor: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM registry_applications WHERE actor = $1")
            .bind(actor)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
