//! The version of what anyone may read of the instance without signing in, and peers read
//! most: its actors' documents, WebFinger answers and outboxes, and its events' pages (a
//! `version::Version`). Every write to a table those are read from bumps it once committed
//! (`WriteTx::changes_documents`, or `Store::documents_changed` after a single statement), so a
//! copy kept in memory under an older version is known to be stale (`service::documents`).
//! The test below fails when a store function writes to one of those tables without bumping it.

use super::Store;

impl Store {
    /// The version of the local actors' published documents. Read it before reading what a
    /// document is built from: a write committed meanwhile then makes the copy stale.
    pub fn documents_version(&self) -> u64 {
        self.documents.get()
    }

    /// Bumps the version after a write outside a transaction has been done.
    pub(super) fn documents_changed(&self) {
        self.documents.bump();
    }
}

#[cfg(test)]
mod tests {
    /// The statements that change a local actor's document, WebFinger answer or outbox, or an
    /// event's page (the event, its answers' counts).
    const WRITES: &[&str] = &[
        "INSERT INTO local_actors",
        "UPDATE local_actors",
        "DELETE FROM local_actors",
        "INSERT INTO actor_keys",
        "UPDATE actor_keys",
        "INSERT INTO organizations",
        "UPDATE organizations",
        "DELETE FROM organizations",
        "INSERT INTO campaigns",
        "UPDATE campaigns",
        "DELETE FROM campaigns",
        "INSERT INTO users",
        "display_name =",
        "INSERT INTO outbox_activities",
        "UPDATE outbox_activities",
        "DELETE FROM outbox_activities",
        "INSERT INTO events",
        "UPDATE events",
        "DELETE FROM events",
        "INSERT INTO event_rsvps",
        "UPDATE event_rsvps",
        "DELETE FROM event_rsvps",
        "\"event_rsvps\"",
        "UPDATE {}",
    ];

    /// What bumps the version: directly, or through a helper that does (`enqueue_in`,
    /// `insert_actor`, `delete_actor_in`, `bump_counts` mark their transaction).
    const BUMPS: &[&str] = &[
        "changes_documents()",
        "documents_changed()",
        "enqueue_in(",
        "insert_actor(",
        "delete_actor_in(",
        "bump_counts(",
        "const WRITES",
    ];

    /// Each function of `src/db` that holds one of `WRITES` also bumps the documents' version.
    #[test]
    fn every_write_to_a_published_table_bumps_the_version() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/db");
        let mut missing = Vec::new();
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).expect("src/db") {
            let path = entry.expect("entry").path();
            let source = std::fs::read_to_string(&path).expect("source");
            // Functions start at `fn `; the text up to the next one is the function.
            for function in source.split("fn ").skip(1) {
                let name = function.split('(').next().unwrap_or_default();
                let writes = WRITES.iter().find(|write| function.contains(*write));
                if let Some(write) = writes {
                    seen += 1;
                    if !BUMPS.iter().any(|bump| function.contains(bump)) {
                        missing.push(format!("{}: fn {name} ({write})", path.display()));
                    }
                }
            }
        }
        assert!(seen >= 10, "the scan found only {seen} writes");
        assert!(missing.is_empty(), "no version bump in: {missing:#?}");
    }
}
