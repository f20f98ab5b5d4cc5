//! Local actors: the one namespace of handles shared by people, organizations and the instance.

use super::WriteTx;
use super::{DbError, Store, now_millis};
use crate::domain::{ActorKind, Handle};

/// A new actor's key pair in PEM form (PKCS#8 private key, SubjectPublicKeyInfo public key).
#[derive(Clone, Copy)]
pub struct NewActorKeys<'a> {
    pub public_pem: &'a str,
    pub private_pem: &'a str,
}

impl std::fmt::Debug for NewActorKeys<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewActorKeys(<redacted>)")
    }
}

/// A local actor as ActivityPub serves it: the handle, its kind and what it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbLocalActor {
    pub id: i64,
    pub handle: Handle,
    pub kind: ActorKind,
    /// The user's display name, the organization's name or the campaign's title (the handle for
    /// the instance actor).
    pub name: String,
    pub summary: String,
    pub public_key_pem: String,
    /// Follow requests wait for a person's decision instead of being accepted at once.
    pub manually_approves_followers: bool,
    /// The actor of a campaign (a `Group` with collections of events and actions).
    pub is_campaign: bool,
    pub created_at: i64,
    /// When it was deleted (a campaign); its handle stays taken.
    pub deleted_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct LocalActorRow {
    id: i64,
    handle: String,
    kind: String,
    name: String,
    summary: String,
    public_key_pem: String,
    manually_approves_followers: i64,
    is_campaign: i64,
    created_at: i64,
    deleted_at: Option<i64>,
}

/// Claims `handle` for a new local actor with its keys inside `tx`; a taken handle is a
/// `Conflict`.
pub(super) async fn insert_actor(
    tx: &mut WriteTx,
    handle: &Handle,
    kind: ActorKind,
    keys: NewActorKeys<'_>,
) -> Result<i64, DbError> {
    let now = now_millis();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO local_actors (handle, kind, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(handle.as_str())
    .bind(kind.as_str())
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(DbError::conflict_on("handle"))?;
    sqlx::query(
        "INSERT INTO actor_keys (actor_id, public_key_pem, private_key_pem, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(keys.public_pem)
    .bind(keys.private_pem)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    tx.changes_documents();
    Ok(id)
}

impl Store {
    /// Creates an actor that is neither a user nor an organization (the instance actor, the
    /// registry's actor).
    pub async fn insert_application_actor(
        &self,
        handle: &Handle,
        keys: NewActorKeys<'_>,
    ) -> Result<i64, DbError> {
        let mut tx = self.begin_write().await?;
        let id = insert_actor(&mut tx, handle, ActorKind::Application, keys).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The local actor with this handle, with its public key, or `NotFound`.
    pub async fn local_actor(&self, handle: &Handle) -> Result<DbLocalActor, DbError> {
        let row = sqlx::query_as::<_, LocalActorRow>(
            "SELECT a.id, a.handle, a.kind, COALESCE(u.display_name, o.name, c.title, a.handle) AS name, \
             COALESCE(o.summary, c.summary, '') AS summary, k.public_key_pem, \
             a.manually_approves_followers, \
             CASE WHEN c.id IS NULL THEN 0 ELSE 1 END AS is_campaign, a.created_at, a.deleted_at \
             FROM local_actors a JOIN actor_keys k ON k.actor_id = a.id \
             LEFT JOIN users u ON u.actor_id = a.id \
             LEFT JOIN organizations o ON o.actor_id = a.id \
             LEFT JOIN campaigns c ON c.actor_id = a.id WHERE a.handle = $1",
        )
        .bind(handle.as_str())
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)?;
        let kind = match ActorKind::from_stored(&row.kind) {
            Some(ActorKind::Application) if handle == &Handle::registry_actor() => {
                ActorKind::Registry
            }
            Some(kind) => kind,
            None => {
                return Err(DbError::Corrupt(format!(
                    "unknown actor kind '{}'",
                    row.kind
                )));
            }
        };
        Ok(DbLocalActor {
            id: row.id,
            kind,
            handle: Handle::from_trusted(row.handle),
            name: row.name,
            summary: row.summary,
            public_key_pem: row.public_key_pem,
            manually_approves_followers: row.manually_approves_followers != 0,
            is_campaign: row.is_campaign != 0,
            created_at: row.created_at,
            deleted_at: row.deleted_at,
        })
    }

    /// Switches hand approval of followers on or off for a local actor.
    pub async fn set_manually_approves_followers(
        &self,
        actor_id: i64,
        on: bool,
    ) -> Result<(), DbError> {
        sqlx::query("UPDATE local_actors SET manually_approves_followers = $1 WHERE id = $2")
            .bind(i64::from(on))
            .bind(actor_id)
            .execute(self.pool())
            .await?;
        self.documents_changed();
        Ok(())
    }

    /// The PKCS#8 PEM private key of the actor `actor_id`, for signing.
    pub async fn actor_private_key_pem(&self, actor_id: i64) -> Result<String, DbError> {
        sqlx::query_scalar("SELECT private_key_pem FROM actor_keys WHERE actor_id = $1")
            .bind(actor_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(DbError::NotFound)
    }

    /// How many people have local accounts (NodeInfo's `usage.users.total`).
    pub async fn count_users(&self) -> Result<i64, DbError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(self.pool())
            .await?)
    }
}
