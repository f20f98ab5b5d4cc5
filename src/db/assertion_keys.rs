//! Ed25519 keys of local actors for object integrity proofs (the registry's actor has one).

use super::{DbError, Store, now_millis};

/// An actor's Ed25519 key: the public half as a `Multikey` and the private half as PKCS#8.
#[derive(Clone)]
pub struct DbAssertionKey {
    pub public_multibase: String,
    pub private_pkcs8: Vec<u8>,
}

impl std::fmt::Debug for DbAssertionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DbAssertionKey({}, <private>)", self.public_multibase)
    }
}

#[derive(sqlx::FromRow)]
struct KeyRow {
    public_multibase: String,
    private_pkcs8: String,
}

impl Store {
    /// Keeps `key` for `actor_id` unless it has one; returns the key it has now (the first
    /// writer's, when several processes race).
    pub async fn ensure_assertion_key(
        &self,
        actor_id: i64,
        key: &DbAssertionKey,
    ) -> Result<DbAssertionKey, DbError> {
        use base64::Engine as _;
        let encoded = base64::engine::general_purpose::STANDARD.encode(&key.private_pkcs8);
        sqlx::query(
            "INSERT INTO assertion_keys (actor_id, public_multibase, private_pkcs8, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (actor_id) DO NOTHING",
        )
        .bind(actor_id)
        .bind(&key.public_multibase)
        .bind(encoded)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        self.assertion_key(actor_id).await?.ok_or(DbError::NotFound)
    }

    /// The Ed25519 key of `actor_id`, if it has one.
    pub async fn assertion_key(&self, actor_id: i64) -> Result<Option<DbAssertionKey>, DbError> {
        use base64::Engine as _;
        let row: Option<KeyRow> = sqlx::query_as(
            "SELECT public_multibase, private_pkcs8 FROM assertion_keys WHERE actor_id = $1",
        )
        .bind(actor_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            let private_pkcs8 = base64::engine::general_purpose::STANDARD
                .decode(row.private_pkcs8)
                .map_err(|e| DbError::Corrupt(format!("an assertion key: {e}")))?;
            Ok(DbAssertionKey {
                public_multibase: row.public_multibase,
                private_pkcs8,
            })
        })
        .transpose()
    }
}
