//! The blocked domains as a set in memory, so that the checks on every received activity,
//! delivery and signed fetch read no row. The set is read again after this process changed a
//! block (its version moved) and at least once every `version::FRESH_FOR`, for blocks made by
//! another process on the same database (`solidarity admin`, a second `serve`).

use super::version::{Stamp, Version};
use super::{DbError, Store};
use crate::domain::HostName;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// The set as last read, with its stamp.
type Read = (Stamp, Arc<HashSet<String>>);

#[derive(Clone, Debug, Default)]
pub(super) struct BlockedSet {
    version: Version,
    read: Arc<Mutex<Option<Read>>>,
}

impl BlockedSet {
    /// A block was added or lifted here: the next check reads the set again.
    pub(super) fn changed(&self) {
        self.version.bump();
    }

    fn fresh(&self, version: u64, now: Instant) -> Option<Arc<HashSet<String>>> {
        let read = self.read.lock().unwrap_or_else(PoisonError::into_inner);
        read.as_ref()
            .filter(|(stamp, _)| stamp.fresh(version, now))
            .map(|(_, set)| set.clone())
    }
}

impl Store {
    /// Every blocked domain, from memory when fresh.
    async fn blocked_set(&self) -> Result<Arc<HashSet<String>>, DbError> {
        // The version is read first: a block committed during the read makes this copy stale.
        let version = self.blocks.version.get();
        let now = Instant::now();
        if let Some(set) = self.blocks.fresh(version, now) {
            return Ok(set);
        }
        let names: Vec<String> = sqlx::query_scalar("SELECT domain FROM domain_blocks")
            .fetch_all(self.pool())
            .await?;
        let set = Arc::new(names.into_iter().collect::<HashSet<_>>());
        *self
            .blocks
            .read
            .lock()
            .unwrap_or_else(PoisonError::into_inner) =
            Some((Stamp::new(version, now), set.clone()));
        Ok(set)
    }

    /// The block that covers `host` (`host[:port]`, any case, trailing dot allowed): one on the
    /// host itself or on a parent domain, the widest if several. A host that does not parse is
    /// not blocked (it cannot be reached either).
    pub async fn domain_block_covering(&self, host: &str) -> Result<Option<HostName>, DbError> {
        let Ok(host) = HostName::parse(host) else {
            return Ok(None);
        };
        let set = self.blocked_set().await?;
        if set.is_empty() {
            return Ok(None);
        }
        Ok(host
            .with_parents()
            .into_iter()
            .filter(|name| set.contains(*name))
            .min_by_key(|name| name.len())
            .map(|name| HostName::from_trusted(name.to_owned())))
    }

    /// True when `host` (see [`Store::domain_block_covering`]) is blocked.
    pub async fn is_blocked(&self, host: &str) -> Result<bool, DbError> {
        Ok(self.domain_block_covering(host).await?.is_some())
    }
}
