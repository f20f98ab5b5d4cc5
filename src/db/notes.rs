//! Notes published by local actors, stored together with the activity that announces them.

use super::deliveries::enqueue_in;
use super::published::Published;
use super::{DbError, Reply, Store};
use crate::domain::Handle;

/// A stored note (deleted ones keep their row, for the Tombstone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbNote {
    pub id: String,
    pub local_actor_id: i64,
    pub handle: Handle,
    pub content_html: String,
    pub created_at: i64,
    pub updated_at: Option<i64>,
    pub deleted_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: String,
    local_actor_id: i64,
    handle: String,
    content_html: String,
    created_at: i64,
    updated_at: Option<i64>,
    deleted_at: Option<i64>,
}

impl Store {
    /// Stores a new note and queues its Create in one transaction.
    pub async fn insert_note(
        &self,
        id: &str,
        local_actor_id: i64,
        content_html: &str,
        created_at: i64,
        create: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO notes (id, local_actor_id, content_html, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(local_actor_id)
        .bind(content_html)
        .bind(created_at)
        .execute(&mut *tx)
        .await?;
        enqueue_in(&mut tx, &create.activity, &create.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes a live note's content and queues its Update; `NotFound` for a deleted note.
    pub async fn update_note(
        &self,
        id: &str,
        content_html: &str,
        updated_at: i64,
        update: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE notes SET content_html = $1, updated_at = $2 WHERE id = $3 AND deleted_at IS NULL",
        )
        .bind(content_html)
        .bind(updated_at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 0 {
            return Err(DbError::NotFound);
        }
        enqueue_in(&mut tx, &update.activity, &update.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks a note deleted (its id then answers a Tombstone), forgets the Create and Update
    /// activities that carried its content (with any of their deliveries still pending), and
    /// queues the Delete.
    pub async fn delete_note(
        &self,
        id: &str,
        note_ap_id: &str,
        delete: &Reply<'_>,
    ) -> Result<(), DbError> {
        self.delete_published(Published::Notes, id, note_ap_id, delete)
            .await
    }

    /// How many notes are published and not deleted.
    pub async fn live_note_count(&self) -> Result<i64, DbError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM notes WHERE deleted_at IS NULL")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// The live notes of a local actor, newest first, at most `limit`.
    pub async fn notes_of(&self, local_actor_id: i64, limit: i64) -> Result<Vec<DbNote>, DbError> {
        let rows: Vec<NoteRow> = sqlx::query_as(
            "SELECT n.id, n.local_actor_id, a.handle, n.content_html, n.created_at, n.updated_at, \
             n.deleted_at FROM notes n JOIN local_actors a ON a.id = n.local_actor_id \
             WHERE n.local_actor_id = $1 AND n.deleted_at IS NULL \
             ORDER BY n.created_at DESC, n.id LIMIT $2",
        )
        .bind(local_actor_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(DbNote::from).collect())
    }

    /// The note with this id, deleted or not.
    pub async fn note(&self, id: &str) -> Result<DbNote, DbError> {
        let row: NoteRow = sqlx::query_as(
            "SELECT n.id, n.local_actor_id, a.handle, n.content_html, n.created_at, n.updated_at, \
             n.deleted_at FROM notes n JOIN local_actors a ON a.id = n.local_actor_id WHERE n.id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)?;
        Ok(DbNote::from(row))
    }
}

impl From<NoteRow> for DbNote {
    fn from(row: NoteRow) -> Self {
        Self {
            id: row.id,
            local_actor_id: row.local_actor_id,
            handle: Handle::from_trusted(row.handle),
            content_html: row.content_html,
            created_at: row.created_at,
            updated_at: row.updated_at,
            deleted_at: row.deleted_at,
        }
    }
}
