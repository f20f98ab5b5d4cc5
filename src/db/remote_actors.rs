//! Remote actors we have fetched: their inboxes and public keys, and their removal once their
//! origin confirms they were deleted.

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
    /// When the actor was confirmed deleted; its activities are no longer applied.
    pub deleted_at: Option<i64>,
}

impl DbRemoteActor {
    /// How people see the actor: its name, else its username, else its id's host and path
    /// (`preferredUsername` is optional in ActivityPub).
    pub fn display_name(&self) -> String {
        if !self.name.trim().is_empty() {
            return self.name.clone();
        }
        if !self.preferred_username.is_empty() {
            return self.preferred_username.clone();
        }
        id_without_scheme(&self.ap_id)
    }

    /// How to mention the actor in a post: `@username@host`, or its id when it has no username.
    pub fn mention(&self) -> String {
        if self.preferred_username.is_empty() {
            self.ap_id.clone()
        } else {
            format!("@{}@{}", self.preferred_username, self.host)
        }
    }
}

/// `host/path` of an actor id, for an actor that has neither name nor username.
fn id_without_scheme(ap_id: &str) -> String {
    ap_id
        .split_once("://")
        .map_or(ap_id, |(_, rest)| rest)
        .trim_end_matches('/')
        .to_owned()
}

/// What removing a deleted remote actor took away, all in one transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorRemoved {
    /// Its follows of local actors.
    pub followers_removed: u64,
    /// Local actors' follows of it.
    pub following_removed: u64,
    /// Timeline entries of its objects or its announces.
    pub timeline_entries_removed: u64,
    /// Pending deliveries to its personal inbox, now failed.
    pub deliveries_failed: u64,
}

/// The error recorded on deliveries that were not attempted because their recipient was deleted.
pub const ACTOR_DELETED_DELIVERY_ERROR: &str = "actor deleted";

const SELECT_REMOTE_ACTOR: &str = "SELECT id, ap_id, host, kind, preferred_username, name, \
     summary, url, inbox, shared_inbox, followers_url, public_key_id, public_key_pem, fetched_at, \
     deleted_at FROM remote_actors";

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
        self.actors.changed(&actor.ap_id);
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

    /// The remote actor with this id, or `NotFound`; from memory when read lately
    /// (`actor_memo.rs`).
    pub async fn remote_actor_by_ap_id(&self, ap_id: &str) -> Result<DbRemoteActor, DbError> {
        if let Some(actor) = self.actors.get(ap_id) {
            return Ok(actor);
        }
        let version = self.actors.version();
        let actor: DbRemoteActor =
            sqlx::query_as(&format!("{SELECT_REMOTE_ACTOR} WHERE ap_id = $1"))
                .bind(ap_id)
                .fetch_optional(self.pool())
                .await?
                .ok_or(DbError::NotFound)?;
        self.actors.keep(version, &actor);
        Ok(actor)
    }

    /// Removes what a deleted remote actor left here, in one transaction: its follows of local
    /// actors, local actors' follows of it, the timeline entries of its objects (which are
    /// emptied and marked deleted) and of its announces, its participations and RSVPs here (the
    /// counts go down), and pending deliveries to its personal
    /// inbox (failed with [`ACTOR_DELETED_DELIVERY_ERROR`]; the shared inbox still serves other
    /// actors of the host). The actor row stays, marked deleted, so it is not followed or believed
    /// again.
    pub async fn remove_deleted_remote_actor(
        &self,
        actor: &DbRemoteActor,
    ) -> Result<ActorRemoved, DbError> {
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        let followers_removed = sqlx::query("DELETE FROM followers WHERE remote_actor_id = $1")
            .bind(actor.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let following_removed = sqlx::query("DELETE FROM following WHERE remote_actor_id = $1")
            .bind(actor.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let timeline_entries_removed = sqlx::query(
            "DELETE FROM timeline_entries WHERE announced_by = $1 OR remote_object_id IN \
             (SELECT id FROM remote_objects WHERE attributed_to = $1)",
        )
        .bind(&actor.ap_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query(
            "UPDATE remote_objects SET deleted_at = $1, content_html = '', name = '', summary = '' \
             WHERE attributed_to = $2 AND deleted_at IS NULL",
        )
        .bind(now)
        .bind(&actor.ap_id)
        .execute(&mut *tx)
        .await?;
        let deliveries_failed = sqlx::query(
            "UPDATE deliveries SET state = 'failed', last_error = $1, lease_until = NULL, \
             updated_at = $2 WHERE inbox = $3 AND state = 'pending'",
        )
        .bind(ACTOR_DELETED_DELIVERY_ERROR)
        .bind(now)
        .bind(&actor.inbox)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        // A deleted person's signatures and RSVPs go with them, here as at home.
        super::deleted_actors::erase_participation(&mut tx, &actor.ap_id).await?;
        // A deleted campaign elsewhere invites and asks no more.
        for query in [
            "DELETE FROM cohost_invitations WHERE campaign_ap_id = $1",
            "DELETE FROM campaign_invitations WHERE campaign_ap_id = $1",
        ] {
            sqlx::query(query)
                .bind(&actor.ap_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE remote_actors SET deleted_at = $1 WHERE id = $2")
            .bind(now)
            .bind(actor.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.actors.changed(&actor.ap_id);
        Ok(ActorRemoved {
            followers_removed,
            following_removed,
            timeline_entries_removed,
            deliveries_failed,
        })
    }
}
