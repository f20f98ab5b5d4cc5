//! Remote actors we have fetched: their inboxes and public keys.

use super::{DbError, Store, now_millis};

/// A remote actor document reduced to what we keep. The federation layer has checked that
/// every URL is on the actor's own origin before it gets here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRemoteActor {
    pub ap_id: String,
    pub host: String,
    pub kind: String,
    pub preferred_username: String,
    pub name: String,
    pub summary: String,
    pub url: Option<String>,
    pub inbox: String,
    pub shared_inbox: Option<String>,
    pub followers_url: Option<String>,
    pub public_key_id: String,
    pub public_key_pem: String,
}

/// A stored remote actor.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbRemoteActor {
    pub id: i64,
    pub ap_id: String,
    pub host: String,
    pub kind: String,
    pub preferred_username: String,
    pub name: String,
    pub summary: String,
    pub url: Option<String>,
    pub inbox: String,
    pub shared_inbox: Option<String>,
    pub followers_url: Option<String>,
    pub public_key_id: String,
    pub public_key_pem: String,
    pub fetched_at: i64,
}

const SELECT_REMOTE_ACTOR: &str = "SELECT id, ap_id, host, kind, preferred_username, name, \
     summary, url, inbox, shared_inbox, followers_url, public_key_id, public_key_pem, fetched_at \
     FROM remote_actors";

impl Store {
    /// Stores or refreshes a remote actor, keyed by its id.
    pub async fn upsert_remote_actor(
        &self,
        actor: &NewRemoteActor,
    ) -> Result<DbRemoteActor, DbError> {
        sqlx::query(
            "INSERT INTO remote_actors (ap_id, host, kind, preferred_username, name, summary, url, \
             inbox, shared_inbox, followers_url, public_key_id, public_key_pem, fetched_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
             ON CONFLICT (ap_id) DO UPDATE SET kind = excluded.kind, \
             preferred_username = excluded.preferred_username, name = excluded.name, \
             summary = excluded.summary, url = excluded.url, inbox = excluded.inbox, \
             shared_inbox = excluded.shared_inbox, followers_url = excluded.followers_url, \
             public_key_id = excluded.public_key_id, public_key_pem = excluded.public_key_pem, \
             fetched_at = excluded.fetched_at",
        )
        .bind(&actor.ap_id)
        .bind(&actor.host)
        .bind(&actor.kind)
        .bind(&actor.preferred_username)
        .bind(&actor.name)
        .bind(&actor.summary)
        .bind(actor.url.as_deref())
        .bind(&actor.inbox)
        .bind(actor.shared_inbox.as_deref())
        .bind(actor.followers_url.as_deref())
        .bind(&actor.public_key_id)
        .bind(&actor.public_key_pem)
        .bind(now_millis())
        .execute(self.pool())
        .await?;
        self.remote_actor_by_ap_id(&actor.ap_id).await
    }

    /// The remote actor whose key has this id, or `NotFound`.
    pub async fn remote_actor_by_key_id(&self, key_id: &str) -> Result<DbRemoteActor, DbError> {
        sqlx::query_as(&format!(
            "{SELECT_REMOTE_ACTOR} WHERE public_key_id = $1 ORDER BY fetched_at DESC"
        ))
        .bind(key_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)
    }

    /// The remote actor with this id, or `NotFound`.
    pub async fn remote_actor_by_ap_id(&self, ap_id: &str) -> Result<DbRemoteActor, DbError> {
        sqlx::query_as(&format!("{SELECT_REMOTE_ACTOR} WHERE ap_id = $1"))
            .bind(ap_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(DbError::NotFound)
    }
}
