//! What notes, events and actions share in the store: deleting one keeps its row (for the
//! Tombstone), forgets the activities that carried its content, and queues the Delete.

use super::deliveries::enqueue_in;
use super::{DbError, Reply, Store, now_millis};

/// The tables of objects we publish.
#[derive(Clone, Copy, Debug)]
pub(super) enum Published {
    Notes,
    Events,
    Actions,
}

impl Published {
    pub(super) fn table(self) -> &'static str {
        match self {
            Self::Notes => "notes",
            Self::Events => "events",
            Self::Actions => "actions",
        }
    }
}

impl Store {
    /// The counts version of a published object now (read before its counts, so an Update
    /// built from them can claim exactly this version).
    pub(super) async fn counts_version(&self, kind: Published, id: &str) -> Result<i64, DbError> {
        sqlx::query_scalar(&format!(
            "SELECT counts_version FROM {} WHERE id = $1",
            kind.table()
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)
    }

    /// The counts version of one of our events, before reading its counts for an Update.
    pub async fn event_counts_version(&self, id: &str) -> Result<i64, DbError> {
        self.counts_version(Published::Events, id).await
    }

    /// The counts version of one of our actions, before reading its progress for an Update.
    pub async fn action_counts_version(&self, id: &str) -> Result<i64, DbError> {
        self.counts_version(Published::Actions, id).await
    }

    /// The JSON of the `Create` that published our object `ap_id`, if it is still stored.
    pub async fn create_activity_json(&self, ap_id: &str) -> Result<Option<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT json FROM outbox_activities WHERE object_ap_id = $1 AND kind = 'Create' \
             ORDER BY created_at LIMIT 1",
        )
        .bind(ap_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Marks the live object `id` deleted, deletes the Create, Update and Announce activities
    /// about `ap_id` (with any of their deliveries still pending) and queues `delete`;
    /// `NotFound` when there is no such live object.
    pub(super) async fn delete_published(
        &self,
        kind: Published,
        id: &str,
        ap_id: &str,
        delete: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(&format!(
            "UPDATE {} SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL",
            kind.table()
        ))
        .bind(now_millis())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 0 {
            return Err(DbError::NotFound);
        }
        sqlx::query(
            "DELETE FROM outbox_activities WHERE object_ap_id = $1 \
             AND kind IN ('Create', 'Update', 'Announce')",
        )
        .bind(ap_id)
        .execute(&mut *tx)
        .await?;
        enqueue_in(&mut tx, &delete.activity, &delete.recipients).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Live objects of this kind whose counts changed since their last Update, with the
    /// version to publish.
    pub(super) async fn unpublished_counts(
        &self,
        kind: Published,
        limit: i64,
    ) -> Result<Vec<(String, i64)>, DbError> {
        Ok(sqlx::query_as(&format!(
            "SELECT id, counts_version FROM {} WHERE counts_version > counts_published \
             AND deleted_at IS NULL ORDER BY id LIMIT $1",
            kind.table()
        ))
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Records that the counts at `version` went out, and queues the Update carrying them.
    pub(super) async fn mark_counts_published(
        &self,
        kind: Published,
        id: &str,
        version: i64,
        update: &Reply<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(&format!(
            "UPDATE {} SET counts_published = $1 WHERE id = $2 AND counts_published < $1 \
             AND deleted_at IS NULL",
            kind.table()
        ))
        .bind(version)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() > 0 {
            enqueue_in(&mut tx, &update.activity, &update.recipients).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Bumps the counts version of a published object inside a write transaction; on PostgreSQL
/// this also locks its row, which serialises capacity checks.
pub(super) async fn bump_counts(
    tx: &mut super::WriteTx,
    kind: Published,
    id: &str,
) -> Result<(), DbError> {
    sqlx::query(&format!(
        "UPDATE {} SET counts_version = counts_version + 1 WHERE id = $1",
        kind.table()
    ))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    tx.changes_documents();
    Ok(())
}
