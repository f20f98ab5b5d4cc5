//! Users: people with a local account, a password hash and an actor handle.

use super::actors::{NewActorKeys, insert_actor};
use super::{DbError, Store, now_millis};
use crate::domain::{ActorKind, Handle};

/// What the store needs to create a user; the password is already hashed.
#[derive(Debug)]
pub struct NewUser<'a> {
    pub handle: &'a Handle,
    pub keys: NewActorKeys<'a>,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub is_admin: bool,
}

/// A stored user, without the password hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbUser {
    pub id: i64,
    pub actor_id: i64,
    pub handle: Handle,
    pub display_name: String,
    pub is_admin: bool,
    pub created_at: i64,
    /// When an administrator disabled the account: its tokens stop working.
    pub disabled_at: Option<i64>,
    /// When the account was deleted: its actor answers 410 and its handle stays taken.
    pub deleted_at: Option<i64>,
    /// Made on the sign-up page of an instance that approves sign-ups, not approved yet.
    pub awaiting_approval: bool,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    actor_id: i64,
    handle: String,
    display_name: String,
    /// 0 or 1: see the note on flags in the first migration.
    is_admin: i64,
    created_at: i64,
    disabled_at: Option<i64>,
    deleted_at: Option<i64>,
    awaiting_approval: i64,
}

impl From<UserRow> for DbUser {
    fn from(row: UserRow) -> Self {
        Self {
            id: row.id,
            actor_id: row.actor_id,
            handle: Handle::from_trusted(row.handle),
            display_name: row.display_name,
            is_admin: row.is_admin != 0,
            created_at: row.created_at,
            disabled_at: row.disabled_at,
            deleted_at: row.deleted_at,
            awaiting_approval: row.awaiting_approval != 0,
        }
    }
}

pub(super) const SELECT_USER: &str = "SELECT u.id, u.actor_id, a.handle, u.display_name, \
     u.is_admin, u.created_at, u.disabled_at, a.deleted_at, u.awaiting_approval FROM users u JOIN local_actors a ON a.id = u.actor_id";

impl Store {
    /// Creates the user and its actor in one transaction; a taken handle is a `Conflict`.
    pub async fn insert_user(&self, new: NewUser<'_>) -> Result<DbUser, DbError> {
        let mut tx = self.begin_write().await?;
        let actor_id = insert_actor(&mut tx, new.handle, ActorKind::Person, new.keys).await?;
        let created_at = now_millis();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (actor_id, display_name, password_hash, is_admin, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(actor_id)
        .bind(new.display_name)
        .bind(new.password_hash)
        .bind(i64::from(new.is_admin))
        .bind(created_at)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(DbUser {
            id,
            actor_id,
            handle: new.handle.clone(),
            display_name: new.display_name.to_owned(),
            is_admin: new.is_admin,
            created_at,
            disabled_at: None,
            deleted_at: None,
            awaiting_approval: false,
        })
    }

    /// The user with this handle, or `NotFound` (also for a deleted user).
    pub async fn user_by_handle(&self, handle: &Handle) -> Result<DbUser, DbError> {
        sqlx::query_as::<_, UserRow>(&format!(
            "{SELECT_USER} WHERE a.handle = $1 AND a.deleted_at IS NULL"
        ))
        .bind(handle.as_str())
        .fetch_optional(self.pool())
        .await?
        .map(DbUser::from)
        .ok_or(DbError::NotFound)
    }

    /// The user with this id, deleted or not, or `NotFound`.
    pub async fn user_by_id(&self, id: i64) -> Result<DbUser, DbError> {
        sqlx::query_as::<_, UserRow>(&format!("{SELECT_USER} WHERE u.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(DbUser::from)
            .ok_or(DbError::NotFound)
    }

    /// The PHC-format password hash of the user with this handle, or `NotFound`.
    pub async fn password_hash_of(&self, handle: &Handle) -> Result<String, DbError> {
        sqlx::query_scalar(
            "SELECT u.password_hash FROM users u JOIN local_actors a ON a.id = u.actor_id \
             WHERE a.handle = $1",
        )
        .bind(handle.as_str())
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)
    }

    /// Every user, deleted ones included, by handle.
    pub async fn users(&self) -> Result<Vec<DbUser>, DbError> {
        let rows: Vec<UserRow> = sqlx::query_as(&format!("{SELECT_USER} ORDER BY a.handle"))
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(DbUser::from).collect())
    }

    /// Disables (`true`) or enables the user `user_id`; false when it already was so.
    pub async fn set_user_disabled(&self, user_id: i64, disabled: bool) -> Result<bool, DbError> {
        let done = if disabled {
            sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL")
                .bind(now_millis())
                .bind(user_id)
                .execute(self.pool())
                .await?
        } else {
            sqlx::query(
                "UPDATE users SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL",
            )
            .bind(user_id)
            .execute(self.pool())
            .await?
        };
        Ok(done.rows_affected() > 0)
    }
}
