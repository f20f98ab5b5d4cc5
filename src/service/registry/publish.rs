//! The registry's log as anyone may read it: pages of entries, oldest first, for platform co-ops
//! to replicate and check (each entry names the hash of the one before).

use super::software_only;
use crate::domain::registry_log::Entry;
use crate::service::ServiceError;
use crate::state::AppState;

/// Entries per page of the published log.
pub const ENTRIES_PER_PAGE: i64 = 100;

/// One page of the log, and how many entries it holds in all.
#[derive(Debug)]
pub struct LogPage {
    pub total: i64,
    /// From 1.
    pub page: i64,
    pub entries: Vec<Entry>,
}

/// Page `page` (from 1) of the log: entries `(page - 1) * 100 + 1` to `page * 100`.
pub async fn log_page(app: &AppState, page: i64) -> Result<LogPage, ServiceError> {
    software_only(app)?;
    // Page numbers whose first entry number would not fit are past the end anyway.
    let page = page.clamp(1, i64::MAX / ENTRIES_PER_PAGE);
    let store = &app.store;
    let entries = store
        .registry_entries((page - 1) * ENTRIES_PER_PAGE, ENTRIES_PER_PAGE)
        .await?;
    Ok(LogPage {
        total: store.registry_entry_count().await?,
        page,
        entries,
    })
}

/// Entry number `seq` of the log, if there is one.
pub async fn entry(app: &AppState, seq: i64) -> Result<Option<Entry>, ServiceError> {
    software_only(app)?;
    if seq < 1 {
        return Ok(None);
    }
    let mut found = app.store.registry_entries(seq - 1, 1).await?;
    Ok(found.pop().filter(|entry| entry.seq == seq))
}
