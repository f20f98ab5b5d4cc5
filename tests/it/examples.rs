//! Our own payloads in `federation/examples/` are produced by the code, and FEDERATION.md quotes
//! each of them after a `<!-- example: NAME -->` marker, so neither can drift from the code.
//! Run with `UPDATE_EXAMPLES=1` to rewrite the files and the quotes from the code.

use serde_json::Value;
use solidarity::config::Config;
use solidarity::db::DbLocalActor;
use solidarity::domain::{ActorKind, Domain, Handle};
use solidarity::federation::actors::local_actor_document;
use solidarity::federation::urls::Urls;
use std::path::{Path, PathBuf};

/// A stand-in public key: examples must not change with every run.
const EXAMPLE_PEM: &str = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...\n-----END PUBLIC KEY-----\n";

fn example_urls() -> Urls {
    let mut config = Config::defaults();
    config.domain = Domain::parse("coop.example").expect("valid");
    config.federation.allow_plain_http = false;
    Urls::new(&config)
}

fn actor(handle: &str, kind: ActorKind, name: &str, summary: &str) -> DbLocalActor {
    DbLocalActor {
        id: 1,
        handle: Handle::parse_lookup(handle).expect("valid"),
        kind,
        name: name.to_owned(),
        summary: summary.to_owned(),
        public_key_pem: EXAMPLE_PEM.to_owned(),
        created_at: 0,
    }
}

/// Every example, by file name, as the code produces it today.
fn examples() -> Vec<(&'static str, Value)> {
    let urls = example_urls();
    let documents = [
        (
            "actor_group",
            actor(
                "climate_now",
                ActorKind::Group,
                "Climate Now",
                "Organising for a livable planet.",
            ),
        ),
        (
            "actor_person",
            actor("alice", ActorKind::Person, "Alice", ""),
        ),
        (
            "actor_application",
            actor("instance", ActorKind::Application, "instance", ""),
        ),
    ];
    documents
        .into_iter()
        .map(|(name, actor)| {
            let value =
                serde_json::to_value(local_actor_document(&actor, &urls)).expect("serializable");
            (name, value)
        })
        .collect()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("federation")
}

/// The JSON block that follows `<!-- example: NAME -->` in FEDERATION.md, as (start, end) byte
/// offsets of its body.
fn quoted_block(document: &str, name: &str) -> Option<(usize, usize)> {
    let marker = format!("<!-- example: {name} -->");
    let after_marker = document.find(&marker)? + marker.len();
    let fence = "```json\n";
    let start = after_marker + document[after_marker..].find(fence)? + fence.len();
    let end = start + document[start..].find("```")?;
    Some((start, end))
}

#[test]
fn examples_are_what_the_code_sends_and_federation_md_quotes_them() {
    let update = std::env::var("UPDATE_EXAMPLES").is_ok_and(|v| v == "1");
    let doc_path = root().join("FEDERATION.md");
    let mut doc = std::fs::read_to_string(&doc_path).expect("FEDERATION.md");
    for (name, value) in examples() {
        let pretty = format!(
            "{}\n",
            serde_json::to_string_pretty(&value).expect("serializable")
        );
        let file = root().join("examples").join(format!("{name}.json"));
        if update {
            std::fs::write(&file, &pretty).expect("write example");
        }
        let stored: Value = serde_json::from_str(
            &std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())),
        )
        .expect("example is JSON");
        assert_eq!(
            stored, value,
            "{name}.json differs from what the code sends (UPDATE_EXAMPLES=1 rewrites it)"
        );

        let (start, end) = quoted_block(&doc, name)
            .unwrap_or_else(|| panic!("FEDERATION.md has no `<!-- example: {name} -->` block"));
        if update {
            doc.replace_range(start..end, &pretty);
            continue;
        }
        let quoted: Value = serde_json::from_str(&doc[start..end])
            .unwrap_or_else(|e| panic!("the quote of {name} in FEDERATION.md is not JSON: {e}"));
        assert_eq!(quoted, value, "FEDERATION.md quotes an outdated {name}");
    }
    if update {
        std::fs::write(&doc_path, doc).expect("write FEDERATION.md");
    }
}
