//! The real payloads in `federation/fixtures` are present and well-formed JSON objects, so the
//! federation tests that parse them (issue 3) start from sound material.

use std::path::{Path, PathBuf};

fn json_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable fixtures directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            json_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            found.push(path);
        }
    }
}

#[test]
fn every_fixture_is_a_json_object() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("federation/fixtures");
    let mut files = Vec::new();
    json_files(&root, &mut files);
    for software in [
        "mastodon",
        "mobilizon",
        "pleroma",
        "friendica",
        "peertube",
        "wordpress",
        "gancio",
        "mitra",
    ] {
        assert!(
            files
                .iter()
                .any(|file| file.starts_with(root.join(software))),
            "fixtures from {software} are present"
        );
    }
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable fixture");
        let value: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.display()));
        assert!(value.is_object(), "{} is a JSON object", file.display());
    }
}
