//! Public objects of remote actors and the timelines of local people who follow them.

use super::{DbError, Store, now_millis};
use sqlx::Row;
use sqlx::any::{Any, AnyArguments};
use sqlx::query::Query;

/// Stores a remote object, or refreshes what may change of it (not its author or first date).
const UPSERT_OBJECT: &str = "INSERT INTO remote_objects (ap_id, kind, attributed_to, name, \
     summary, content_html, url, published_at, updated_at, json, received_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
     ON CONFLICT (ap_id) DO UPDATE SET kind = excluded.kind, name = excluded.name, \
     summary = excluded.summary, content_html = excluded.content_html, url = excluded.url, \
     updated_at = excluded.updated_at, json = excluded.json";

/// `sql` (`UPSERT_OBJECT` and what follows it) with `object` received at `now` bound.
fn upsert_object<'q>(
    sql: &'q str,
    object: &'q NewRemoteObject,
    now: i64,
) -> Query<'q, Any, AnyArguments<'q>> {
    sqlx::query(sql)
        .bind(&object.ap_id)
        .bind(&object.kind)
        .bind(&object.attributed_to)
        .bind(&object.name)
        .bind(&object.summary)
        .bind(&object.content_html)
        .bind(object.url.as_deref())
        .bind(object.published_at)
        .bind(object.updated_at)
        .bind(&object.json)
        .bind(now)
}

/// A remote object, sanitized, as it will be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRemoteObject {
    pub ap_id: String,
    pub kind: String,
    pub attributed_to: String,
    pub name: String,
    pub summary: String,
    pub content_html: String,
    pub url: Option<String>,
    pub published_at: Option<i64>,
    pub updated_at: Option<i64>,
    pub json: String,
}

/// A timeline entry as the API shows it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct TimelineEntry {
    pub ap_id: String,
    pub kind: String,
    pub attributed_to: String,
    pub name: String,
    pub summary: String,
    pub content_html: String,
    pub url: Option<String>,
    pub published_at: Option<i64>,
    pub announced_by: Option<String>,
    /// The author's name (or else username) and `name@host`, when we know the actor; empty
    /// otherwise.
    pub author_name: String,
    pub author_account: String,
}

/// Who put an object in timelines: its author (Create) or an announcer (Announce).
#[derive(Clone, Copy, Debug)]
pub enum Via<'a> {
    Author,
    Announce(&'a str),
}

/// See [`Store::remote_object_state`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredObjectState {
    pub attributed_to: String,
    pub updated_at: Option<i64>,
    pub deleted: bool,
}

impl Store {
    /// The stored JSON of a remote object, unless it was deleted.
    pub async fn remote_object_json(&self, ap_id: &str) -> Result<Option<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT json FROM remote_objects WHERE ap_id = $1 AND deleted_at IS NULL",
        )
        .bind(ap_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// A remote object as timelines show it (sanitized), unless it was deleted.
    pub async fn remote_object(&self, ap_id: &str) -> Result<Option<TimelineEntry>, DbError> {
        Ok(sqlx::query_as(
            "SELECT o.ap_id, o.kind, o.attributed_to, o.name, o.summary, o.content_html, o.url, \
             o.published_at, CAST(NULL AS TEXT) AS announced_by, \
             COALESCE(NULLIF(ra.name, ''), ra.preferred_username, '') AS author_name, \
             COALESCE(ra.preferred_username || '@' || ra.host, '') AS author_account \
             FROM remote_objects o LEFT JOIN remote_actors ra ON ra.ap_id = o.attributed_to \
             WHERE o.ap_id = $1 AND o.deleted_at IS NULL",
        )
        .bind(ap_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The author stored for a remote object, if we have it.
    pub async fn remote_object_author(&self, ap_id: &str) -> Result<Option<String>, DbError> {
        Ok(
            sqlx::query_scalar("SELECT attributed_to FROM remote_objects WHERE ap_id = $1")
                .bind(ap_id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// What is stored of a remote object that decides whether a Create or Update of it is
    /// taken: its author, when its author last updated it, and whether it was deleted (`None`:
    /// not stored).
    async fn remote_object_state(&self, ap_id: &str) -> Result<Option<StoredObjectState>, DbError> {
        let row: Option<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT attributed_to, updated_at, deleted_at FROM remote_objects WHERE ap_id = $1",
        )
        .bind(ap_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(
            |(attributed_to, updated_at, deleted_at)| StoredObjectState {
                attributed_to,
                updated_at,
                deleted: deleted_at.is_some(),
            },
        ))
    }

    /// Stores a Create or Update of an object received from its author, and adds it to the
    /// timelines of the local actors who follow the author, unless what is stored refuses it:
    /// another author, a deletion, or a version as new or newer (a replay, or one that arrived
    /// late). The check and the write are one statement; `Some` is the stored state that
    /// refused it (nothing was written).
    pub async fn store_authored_object(
        &self,
        object: &NewRemoteObject,
    ) -> Result<Option<StoredObjectState>, DbError> {
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        let guarded = format!(
            "{UPSERT_OBJECT} WHERE remote_objects.attributed_to = excluded.attributed_to \
             AND remote_objects.deleted_at IS NULL \
             AND NOT (remote_objects.updated_at IS NOT NULL AND excluded.updated_at IS NOT NULL \
             AND excluded.updated_at <= remote_objects.updated_at) RETURNING id"
        );
        let stored: Option<i64> = upsert_object(&guarded, object, now)
            .fetch_optional(&mut *tx)
            .await?
            .map(|row| row.try_get(0))
            .transpose()?;
        let Some(id) = stored else {
            drop(tx);
            // Refused on a conflict, so the row exists (remote objects are never removed).
            return match self.remote_object_state(&object.ap_id).await? {
                Some(refusing) => Ok(Some(refusing)),
                None => Err(DbError::Corrupt(format!(
                    "{} was refused but is not stored",
                    object.ap_id
                ))),
            };
        };
        sqlx::query(
            "INSERT INTO timeline_entries (local_actor_id, remote_object_id, announced_by, created_at) \
             SELECT f.local_actor_id, $1, NULL, $2 FROM following f \
             JOIN remote_actors r ON r.id = f.remote_actor_id \
             WHERE r.ap_id = $3 AND f.state = 'accepted' \
             ON CONFLICT (local_actor_id, remote_object_id) DO NOTHING",
        )
        .bind(id)
        .bind(now)
        .bind(&object.attributed_to)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(None)
    }

    /// Whether a remote object was deleted (deleted objects are not brought back).
    pub async fn remote_object_deleted(&self, ap_id: &str) -> Result<bool, DbError> {
        let deleted: Option<Option<i64>> =
            sqlx::query_scalar("SELECT deleted_at FROM remote_objects WHERE ap_id = $1")
                .bind(ap_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(matches!(deleted, Some(Some(_))))
    }

    /// Stores or refreshes an object and adds it to the timelines of the local actors that
    /// follow `via` (its author, or the announcer).
    pub async fn store_remote_object(
        &self,
        object: &NewRemoteObject,
        via: Via<'_>,
    ) -> Result<(), DbError> {
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        upsert_object(UPSERT_OBJECT, object, now)
            .execute(&mut *tx)
            .await?;
        let (followed, announced_by) = match via {
            Via::Author => (object.attributed_to.as_str(), None),
            Via::Announce(announcer) => (announcer, Some(announcer)),
        };
        sqlx::query(
            "INSERT INTO timeline_entries (local_actor_id, remote_object_id, announced_by, created_at) \
             SELECT f.local_actor_id, o.id, $1, $2 FROM following f \
             JOIN remote_actors r ON r.id = f.remote_actor_id \
             JOIN remote_objects o ON o.ap_id = $3 \
             WHERE r.ap_id = $4 AND f.state = 'accepted' \
             ON CONFLICT (local_actor_id, remote_object_id) DO NOTHING",
        )
        .bind(announced_by)
        .bind(now)
        .bind(&object.ap_id)
        .bind(followed)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks a remote object deleted and takes it out of timelines.
    pub async fn delete_remote_object(&self, ap_id: &str) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE remote_objects SET deleted_at = $1, content_html = '', name = '', summary = '' \
             WHERE ap_id = $2",
        )
        .bind(now_millis())
        .bind(ap_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM timeline_entries WHERE remote_object_id IN \
             (SELECT id FROM remote_objects WHERE ap_id = $1)",
        )
        .bind(ap_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest `limit` entries of a local actor's timeline.
    pub async fn timeline(
        &self,
        local_actor_id: i64,
        limit: i64,
    ) -> Result<Vec<TimelineEntry>, DbError> {
        Ok(sqlx::query_as(
            "SELECT o.ap_id, o.kind, o.attributed_to, o.name, o.summary, o.content_html, o.url, \
             o.published_at, t.announced_by, \
             COALESCE(NULLIF(ra.name, ''), ra.preferred_username, '') AS author_name, \
             COALESCE(ra.preferred_username || '@' || ra.host, '') AS author_account \
             FROM timeline_entries t \
             JOIN remote_objects o ON o.id = t.remote_object_id \
             LEFT JOIN remote_actors ra ON ra.ap_id = o.attributed_to \
             WHERE t.local_actor_id = $1 AND o.deleted_at IS NULL \
             ORDER BY t.created_at DESC, t.id DESC LIMIT $2",
        )
        .bind(local_actor_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}
