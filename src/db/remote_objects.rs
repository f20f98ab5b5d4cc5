//! Public objects of remote actors and the timelines of local people who follow them.

use super::dialect::{MAX_IN_LIST, placeholders, power_of_two_runs, value_rows};
use super::{DbError, Store, now_millis};
use crate::config::Backend;
use sqlx::Row;
use sqlx::any::{Any, AnyArguments};
use sqlx::query::Query;
use std::collections::HashSet;

/// The columns of a stored remote object, as `bind_object` binds them.
const OBJECT_COLUMNS: &str = "ap_id, kind, attributed_to, name, summary, content_html, url, \
     published_at, updated_at, json, received_at";
const OBJECT_WIDTH: usize = 11;

/// Multi-row upserts of received objects hold this many rows at most (a power of two).
const OBJECTS_PER_STATEMENT: usize = 32;

/// Stores `rows` remote objects, or refreshes what may change of each (not its author or first
/// date).
fn upsert_objects(backend: Backend, rows: usize) -> String {
    format!(
        "INSERT INTO remote_objects ({OBJECT_COLUMNS}) VALUES {} \
         ON CONFLICT (ap_id) DO UPDATE SET kind = excluded.kind, name = excluded.name, \
         summary = excluded.summary, content_html = excluded.content_html, url = excluded.url, \
         updated_at = excluded.updated_at, json = excluded.json",
        value_rows(backend, rows, OBJECT_WIDTH)
    )
}

/// Binds `object`, received at `now`, as the next row of an `upsert_objects` statement.
fn bind_object<'q>(
    query: Query<'q, Any, AnyArguments<'q>>,
    object: &'q NewRemoteObject,
    now: i64,
) -> Query<'q, Any, AnyArguments<'q>> {
    query
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

/// `objects` cut where an id comes again, so that no statement holds one object twice
/// (PostgreSQL refuses to update a row twice in one statement), in order.
fn without_repeats(objects: &[NewRemoteObject]) -> Vec<&[NewRemoteObject]> {
    let (mut segments, mut start, mut seen) = (Vec::new(), 0, HashSet::new());
    for (n, object) in objects.iter().enumerate() {
        if !seen.insert(object.ap_id.as_str()) {
            segments.push(&objects[start..n]);
            start = n;
            seen = HashSet::from([object.ap_id.as_str()]);
        }
    }
    if start < objects.len() {
        segments.push(&objects[start..]);
    }
    segments
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
        let mut refusals = self
            .store_authored_objects(std::slice::from_ref(object))
            .await?;
        Ok(refusals.pop().flatten())
    }

    /// [`Store::store_authored_object`] for many objects, in their order, in one transaction
    /// (the inbox processor writes a round's Creates so: one commit instead of one each). One
    /// refusal per object, in the same order.
    pub async fn store_authored_objects(
        &self,
        objects: &[NewRemoteObject],
    ) -> Result<Vec<Option<StoredObjectState>>, DbError> {
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        let (mut stored, mut refused, mut offset) = (Vec::new(), Vec::new(), 0);
        for segment in without_repeats(objects) {
            for run in power_of_two_runs(segment, OBJECTS_PER_STATEMENT) {
                let sql = format!(
                    "{} WHERE remote_objects.attributed_to = excluded.attributed_to \
                     AND remote_objects.deleted_at IS NULL \
                     AND NOT (remote_objects.updated_at IS NOT NULL \
                     AND excluded.updated_at IS NOT NULL \
                     AND excluded.updated_at <= remote_objects.updated_at) RETURNING id, ap_id",
                    upsert_objects(self.backend(), run.len())
                );
                let mut query = sqlx::query(&sql);
                for object in run {
                    query = bind_object(query, object, now);
                }
                let mut taken = HashSet::new();
                for row in query.fetch_all(&mut *tx).await? {
                    stored.push(row.try_get::<i64, _>(0)?);
                    taken.insert(row.try_get::<String, _>(1)?);
                }
                for (n, object) in run.iter().enumerate() {
                    if !taken.contains(&object.ap_id) {
                        refused.push(offset + n);
                    }
                }
                offset += run.len();
            }
        }
        // The timelines of the authors' local followers, for all the objects at once.
        for chunk in stored.chunks(MAX_IN_LIST) {
            let sql = format!(
                "INSERT INTO timeline_entries (local_actor_id, remote_object_id, announced_by, \
                 created_at) SELECT f.local_actor_id, o.id, NULL, $1 FROM remote_objects o \
                 JOIN remote_actors r ON r.ap_id = o.attributed_to \
                 JOIN following f ON f.remote_actor_id = r.id AND f.state = 'accepted' \
                 WHERE o.id IN ({}) \
                 ON CONFLICT (local_actor_id, remote_object_id) DO NOTHING",
                placeholders(2, chunk.len())
            );
            let mut query = sqlx::query(&sql).bind(now);
            for id in chunk {
                query = query.bind(id);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        let mut refusals = vec![None; objects.len()];
        for n in refused {
            // Refused on a conflict, so the row exists (remote objects are never removed).
            let object = &objects[n];
            let state = self
                .remote_object_state(&object.ap_id)
                .await?
                .ok_or_else(|| {
                    DbError::Corrupt(format!("{} was refused but is not stored", object.ap_id))
                })?;
            refusals[n] = Some(state);
        }
        Ok(refusals)
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
        let sql = upsert_objects(self.backend(), 1);
        bind_object(sqlx::query(&sql), object, now)
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
