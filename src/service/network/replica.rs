//! A platform co-op's copy of the registry's log: fetched page by page from where the copy
//! ends, each entry checked against its published hash and against the chain (its number
//! follows the last one, its `previous` is the last one's hash), so a registry that rewrote its
//! history is caught here. Any past date's member list is then the copy replayed.

use super::joined;
use crate::domain::registry_log::{Entry, GENESIS, Membership, replay};
use crate::federation::registry::read_entry;
use crate::service::ServiceError;
use crate::service::registry::ENTRIES_PER_PAGE;
use crate::state::AppState;
use serde_json::Value;

/// What one replication did.
#[derive(Debug, PartialEq, Eq)]
pub struct Replicated {
    /// Entries copied now.
    pub copied: usize,
    /// Entries in the copy.
    pub entries: i64,
    pub last_hash: String,
}

fn broken(why: String) -> ServiceError {
    ServiceError::Unavailable(format!(
        "the registry's log does not follow our copy: {why}"
    ))
}

/// Copies the entries the registry published since the copy's last one.
pub async fn replicate(app: &AppState) -> Result<Replicated, ServiceError> {
    let registry = joined(app).await?;
    let store = &app.store;
    let mut copied = 0;
    loop {
        let last = store.last_network_entry().await?;
        let last_seq = last.as_ref().map_or(0, |entry| entry.seq);
        let mut previous = last.as_ref().map_or(GENESIS.to_owned(), Entry::hash);
        let mut url = registry.log.clone();
        url.set_query(Some(&format!("page={}", last_seq / ENTRIES_PER_PAGE + 1)));
        let page = app.federation.fetch_signed(store, &url).await?.json;
        let items = page
            .get("orderedItems")
            .and_then(Value::as_array)
            .ok_or_else(|| broken(format!("{url} lists no entries")))?;
        let mut new = Vec::new();
        for item in items {
            let entry = read_entry(item).map_err(broken)?;
            if entry.seq <= last_seq {
                continue;
            }
            let expected = last_seq + 1 + i64::try_from(new.len()).unwrap_or(i64::MAX);
            if entry.seq != expected || entry.previous != previous {
                return Err(broken(format!(
                    "entry {} does not follow entry {} of our copy",
                    entry.seq,
                    expected - 1
                )));
            }
            previous = entry.hash();
            new.push(entry);
        }
        if new.is_empty() {
            break;
        }
        match store.append_network_entries(&new).await {
            Ok(()) => copied += new.len(),
            // Another process copied them first: start again from its last.
            Err(crate::db::DbError::Conflict(_)) => continue,
            Err(other) => return Err(other.into()),
        }
        if page.get("next").is_none() {
            break;
        }
    }
    if copied > 0 {
        // The copy as a whole replays: numbers, chain and every change after the one before.
        replay(&all(app).await?, None).map_err(|e| broken(e.to_string()))?;
    }
    let last = store.last_network_entry().await?;
    Ok(Replicated {
        copied,
        // Numbered from 1 without gaps: the last number is the count.
        entries: last.as_ref().map_or(0, |entry| entry.seq),
        last_hash: last.as_ref().map_or(GENESIS.to_owned(), Entry::hash),
    })
}

async fn all(app: &AppState) -> Result<Vec<Entry>, ServiceError> {
    let mut entries = Vec::new();
    loop {
        let after = entries.last().map_or(0, |last: &Entry| last.seq);
        let page = app.store.network_entries(after, 1000).await?;
        if page.is_empty() {
            return Ok(entries);
        }
        entries.extend(page);
    }
}

/// The members as our copy of the log says at `at` (ms), or after its last entry.
pub async fn members_at(app: &AppState, at: Option<i64>) -> Result<Vec<Membership>, ServiceError> {
    let entries = all(app).await?;
    let members = replay(&entries, at)
        .map_err(|e| ServiceError::Internal(format!("our copy of the registry's log: {e}")))?;
    Ok(members.into_values().collect())
}
