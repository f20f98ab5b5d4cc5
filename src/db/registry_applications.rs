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

    /// Takes (removes and returns the address of) the application of `actor` if it has not
    /// expired at `now`; expired ones are removed too.
    pub async fn take_registry_application(
        &self,
        actor: &str,
        now: i64,
    ) -> Result<Option<String>, DbError> {
        let taken: Option<(String, i64)> = sqlx::query_as(
            "DELETE FROM registry_applications WHERE actor = $1 RETURNING address, expires_at",
        )
        .bind(actor)
        .fetch_optional(self.pool())
        .await?;
        Ok(taken
            .filter(|(_, expires_at)| *expires_at > now)
            .map(|(address, _)| address))
    }
}
