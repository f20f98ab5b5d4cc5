//! Copies in memory of what peers read most about our actors: their documents, WebFinger
//! answers and outboxes, as the bytes sent. A copy is served while the store's documents version
//! (`Store::documents_version`, bumped by every committed write those are built from) is the one
//! it was built under, and for at most `MAX_AGE`: several processes serving one PostgreSQL
//! database see each other's writes within that second, as they do the blocked domains (both
//! are stamped as `db::Stamp` says).

use crate::db::Stamp;
use crate::state::AppState;
use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a copy is served at most, whatever the version says.
pub const MAX_AGE: Duration = crate::db::FRESH_FOR;

/// Copies kept at most; past that, the expired ones are dropped, then all.
const MAX_ENTRIES: usize = 4096;

/// The copies of one process.
#[derive(Debug, Default)]
pub struct DocumentCache {
    entries: Mutex<HashMap<String, Copy>>,
}

#[derive(Debug)]
struct Copy {
    stamp: Stamp,
    body: Bytes,
}

/// A document as built: its bytes, and whether they may be kept for the next reader.
pub struct Built {
    pub body: Bytes,
    pub keep: bool,
}

impl Built {
    /// Serialises `value`; kept when `keep`.
    pub fn json(value: &impl serde::Serialize, keep: bool) -> Result<Self, serde_json::Error> {
        Ok(Self {
            body: Bytes::from(serde_json::to_vec(value)?),
            keep,
        })
    }
}

impl DocumentCache {
    fn get(&self, key: &str, version: u64, now: Instant) -> Option<Bytes> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|copy| copy.stamp.fresh(version, now))
            .map(|copy| copy.body.clone())
    }

    fn put(&self, key: String, version: u64, built: Instant, body: Bytes) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
            entries.retain(|_, copy| !copy.stamp.expired(built));
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        let stamp = Stamp::new(version, built);
        entries.insert(key, Copy { stamp, body });
    }

    /// How many copies are held (for tests).
    pub fn count(&self) -> usize {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// A fresh copy of the document `key`, if there is one.
pub fn kept(app: &AppState, key: &str) -> Option<Bytes> {
    app.documents
        .get(key, app.store.documents_version(), Instant::now())
}

/// The document `key`: a fresh copy when there is one, else what `build` gives (kept when it
/// says so). The version is read before building, so a write committed meanwhile makes the copy
/// stale at once.
pub async fn cached<E, F>(app: &AppState, key: String, build: F) -> Result<Bytes, E>
where
    F: Future<Output = Result<Built, E>>,
{
    let version = app.store.documents_version();
    let began = Instant::now();
    if let Some(body) = app.documents.get(&key, version, began) {
        return Ok(body);
    }
    let built = build.await?;
    if built.keep {
        app.documents.put(key, version, began, built.body.clone());
    }
    Ok(built.body)
}

#[cfg(test)]
mod tests {
    use super::{DocumentCache, MAX_AGE, MAX_ENTRIES};
    use bytes::Bytes;
    use std::time::{Duration, Instant};

    #[test]
    fn a_copy_serves_its_version_for_at_most_max_age() {
        let cache = DocumentCache::default();
        let t0 = Instant::now();
        cache.put("actor:a".into(), 7, t0, Bytes::from_static(b"{}"));
        assert_eq!(cache.get("actor:a", 7, t0), Some(Bytes::from_static(b"{}")));
        assert_eq!(cache.get("actor:a", 8, t0), None, "a later write");
        assert_eq!(cache.get("actor:a", 7, t0 + MAX_AGE), None, "too old");
        assert_eq!(cache.get("actor:b", 7, t0), None);
    }

    #[test]
    fn the_number_of_copies_is_bounded() {
        let cache = DocumentCache::default();
        let t0 = Instant::now();
        for n in 0..MAX_ENTRIES {
            cache.put(format!("k{n}"), 1, t0, Bytes::new());
        }
        assert_eq!(cache.count(), MAX_ENTRIES);
        let later = t0 + MAX_AGE + Duration::from_millis(1);
        cache.put("new".into(), 1, later, Bytes::new());
        assert_eq!(cache.count(), 1, "the expired copies went");
        for n in 0..MAX_ENTRIES {
            cache.put(format!("j{n}"), 1, later, Bytes::new());
        }
        assert!(cache.count() <= MAX_ENTRIES);
    }
}
