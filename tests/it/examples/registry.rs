//! Examples of the membership registry's documents: one entry of its log, and a page of it, as
//! the software co-op's instance serves them.

use super::example_urls;
use serde_json::Value;
use solidarity::domain::registry_log::{Change, Entry, GENESIS};
use solidarity::federation::registry;

/// Two entries: a platform co-op applies, and is approved.
fn entries() -> Vec<Entry> {
    let applied = Entry {
        at: 1_796_000_000_000,
        author: "https://coop.example/actors/ada".to_owned(),
        change: Change::Applied,
        class: Some("platform_coop".to_owned()),
        member: "https://lyon.coop/actors/instance".to_owned(),
        previous: GENESIS.to_owned(),
        reason: "asked at the general assembly".to_owned(),
        representative: None,
        seq: 1,
        serving: None,
    };
    let approved = Entry {
        at: 1_796_000_600_000,
        change: Change::Approved,
        class: None,
        previous: applied.hash(),
        reason: "voted by the board".to_owned(),
        seq: 2,
        ..applied.clone()
    };
    vec![applied, approved]
}

pub fn registry_examples() -> Vec<(&'static str, Value)> {
    let urls = example_urls();
    let entries = entries();
    vec![
        (
            "registry_entry",
            registry::entry_document(&urls, &entries[1]),
        ),
        (
            "registry_log_page",
            registry::log_page(&urls, 1, 2, 100, &entries),
        ),
    ]
}
