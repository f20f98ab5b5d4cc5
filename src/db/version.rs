//! Versions of what a process keeps in memory of the store (the published documents, the
//! blocked domains): a counter bumped after every committed write the copy depends on, and the
//! stamp a copy carries. A copy is fresh while the counter is still at its stamp's version, and
//! for at most `FRESH_FOR`, so that writes made by another process on the same database (a
//! second `serve`, `solidarity admin`) are seen within that time.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a copy is used at most, whatever the version says.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// A counter shared by the store and its write transactions.
#[derive(Clone, Debug, Default)]
pub(super) struct Version(Arc<AtomicU64>);

impl Version {
    pub(super) fn bump(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }

    pub(super) fn get(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }
}

/// When a copy was made, and under which version (read before what the copy is made of).
#[derive(Clone, Copy, Debug)]
pub struct Stamp {
    version: u64,
    at: Instant,
}

impl Stamp {
    pub fn new(version: u64, at: Instant) -> Self {
        Self { version, at }
    }

    /// Whether the copy may still be used at `now`, the counter being at `version`.
    pub fn fresh(&self, version: u64, now: Instant) -> bool {
        self.version == version && !self.expired(now)
    }

    /// Whether the copy is too old at `now`, whatever the version.
    pub fn expired(&self, now: Instant) -> bool {
        now.duration_since(self.at) >= FRESH_FOR
    }
}
