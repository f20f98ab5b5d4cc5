//! The remote actors read lately, kept in memory: every received activity reads its sender (its
//! key when it arrives, its row again when it is applied), and during a flood the same few
//! thousand senders come back many times a second. A write to an actor's row in this process
//! drops that actor's copy (and only that one: a flood's first contacts each write a new actor,
//! and dropping every copy on each of them kept the memo empty while they arrived); a copy read
//! while any write was under way is not kept (the `version::Version`, read before the row). A
//! copy is used for at most `version::FRESH_FOR`, so a key refreshed or an actor deleted by
//! another process on the same database is seen within that time. The test below fails when a
//! store function writes to `remote_actors` without telling the memo.

use super::remote_actors::DbRemoteActor;
use super::version::{FRESH_FOR, Version};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// Actors kept at most; when full, the stale ones go, and all of them if none is stale.
const MAX_ENTRIES: usize = 16_384;

#[derive(Clone, Debug, Default)]
pub(super) struct ActorMemo {
    version: Version,
    entries: Arc<Mutex<HashMap<String, (Instant, DbRemoteActor)>>>,
}

impl ActorMemo {
    /// A write to the row of `ap_id` committed: its copy is stale, and so is any copy being
    /// read now (it may have been read before the write).
    pub(super) fn changed(&self, ap_id: &str) {
        self.version.bump();
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(ap_id);
    }

    /// The version to read under (read it before the row).
    pub(super) fn version(&self) -> u64 {
        self.version.get()
    }

    /// The copy of `ap_id`, if fresh.
    pub(super) fn get(&self, ap_id: &str) -> Option<DbRemoteActor> {
        let now = Instant::now();
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .get(ap_id)
            .filter(|(at, _)| now.duration_since(*at) < FRESH_FOR)
            .map(|(_, actor)| actor.clone())
    }

    /// Keeps `actor`, read under `version`, unless something was written since.
    pub(super) fn keep(&self, version: u64, actor: &DbRemoteActor) {
        let now = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        // Checked under the lock that `changed` takes too: a write that committed after this
        // copy was read has either bumped the version already or will remove the copy.
        if self.version.get() != version {
            return;
        }
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(&actor.ap_id) {
            entries.retain(|_, (at, _)| now.duration_since(*at) < FRESH_FOR);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(actor.ap_id.clone(), (now, actor.clone()));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(n: usize) -> DbRemoteActor {
        DbRemoteActor {
            id: i64::try_from(n).unwrap_or_default(),
            ap_id: format!("https://remote.test/users/{n}"),
            host: "remote.test".to_owned(),
            kind: "Person".to_owned(),
            preferred_username: format!("u{n}"),
            name: String::new(),
            summary: String::new(),
            url: None,
            inbox: format!("https://remote.test/users/{n}/inbox"),
            shared_inbox: None,
            followers_url: None,
            public_key_id: format!("https://remote.test/users/{n}#main-key"),
            public_key_pem: String::new(),
            fetched_at: 0,
            deleted_at: None,
        }
    }

    #[test]
    fn a_copy_is_used_until_a_write_and_read_under_an_older_version_never() {
        let memo = ActorMemo::default();
        let before = memo.version();
        memo.keep(before, &actor(1));
        memo.keep(before, &actor(2));
        assert_eq!(memo.get(&actor(1).ap_id), Some(actor(1)));
        memo.changed(&actor(1).ap_id);
        assert_eq!(memo.get(&actor(1).ap_id), None, "stale after a write");
        assert_eq!(
            memo.get(&actor(2).ap_id),
            Some(actor(2)),
            "a write to another actor leaves this copy"
        );
        // Read before the write, kept after it: never served.
        memo.keep(before, &actor(1));
        assert_eq!(memo.get(&actor(1).ap_id), None);
        memo.keep(memo.version(), &actor(1));
        assert_eq!(memo.get(&actor(1).ap_id), Some(actor(1)));
    }

    #[test]
    fn the_memo_is_bounded() {
        let memo = ActorMemo::default();
        for n in 0..MAX_ENTRIES + 10 {
            memo.keep(memo.version(), &actor(n));
        }
        assert!(memo.len() <= MAX_ENTRIES, "{} kept", memo.len());
        assert!(memo.get(&actor(MAX_ENTRIES + 9).ap_id).is_some());
    }

    /// Each function of `src/db` that writes to `remote_actors` tells the memo.
    #[test]
    fn every_write_to_remote_actors_tells_the_memo() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/db");
        let (mut seen, mut missing) = (0, Vec::new());
        for entry in std::fs::read_dir(&dir).expect("src/db") {
            let path = entry.expect("entry").path();
            let source = std::fs::read_to_string(&path).expect("source");
            for function in source.split("fn ").skip(1) {
                let name = function.split('(').next().unwrap_or_default();
                let writes = [
                    "INSERT INTO remote_actors",
                    "UPDATE remote_actors",
                    "DELETE FROM remote_actors",
                ]
                .iter()
                .any(|write| function.contains(write));
                if writes && !name.starts_with("every_write") {
                    seen += 1;
                    if !function.contains("actors.changed(") {
                        missing.push(format!("{}: fn {name}", path.display()));
                    }
                }
            }
        }
        assert!(seen >= 2, "the scan found only {seen} writes");
        assert!(missing.is_empty(), "no version bump in: {missing:#?}");
    }
}
