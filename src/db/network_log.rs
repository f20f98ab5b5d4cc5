//! A platform co-op's copy of the registry's log, appended to as it is fetched.

use super::registry::{ENTRY_COLUMNS, EntryRow};
use super::{DbError, Store};
use crate::domain::registry_log::Entry;

impl Store {
    /// The last entry copied, if any.
    pub async fn last_network_entry(&self) -> Result<Option<Entry>, DbError> {
        let row: Option<EntryRow> = sqlx::query_as(&format!(
            "SELECT {ENTRY_COLUMNS} FROM network_log ORDER BY seq DESC LIMIT 1"
        ))
        .fetch_optional(self.pool())
        .await?;
        row.map(Entry::try_from).transpose()
    }

    /// Up to `limit` copied entries after number `after`, in order.
    pub async fn network_entries(&self, after: i64, limit: i64) -> Result<Vec<Entry>, DbError> {
        let rows: Vec<EntryRow> = sqlx::query_as(&format!(
            "SELECT {ENTRY_COLUMNS} FROM network_log WHERE seq > $1 ORDER BY seq LIMIT $2"
        ))
        .bind(after)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Entry::try_from).collect()
    }

    /// Appends `entries` (checked by the caller to follow the last one) in one transaction; a
    /// number already copied (another process was quicker) is a `Conflict` and nothing is kept.
    pub async fn append_network_entries(&self, entries: &[Entry]) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        for entry in entries {
            super::registry::insert_entry(&mut tx, "network_log", entry, "network log entry")
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Forgets the copy (when joining another registry).
    pub async fn forget_network_log(&self) -> Result<(), DbError> {
        sqlx::query("DELETE FROM network_log")
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
