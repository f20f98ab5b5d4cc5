//! The house's one-way layers, checked on the source: handlers (src/http) reach data only
//! through services, never the store or its types; the federation layer never calls services;
//! the URL builder is made once. A new handler that reads a row directly fails here with the
//! file and line to fix.

use crate::common::files_with_extension;
use std::path::Path;

/// The code lines of `file` (comments and unit-test modules left out), with their numbers.
fn code_lines(file: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(file).expect("a readable source file");
    let mut lines = Vec::new();
    let mut test_only = false;
    for (number, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        // An inline unit-test module ends the code; a test-only field, item or module
        // declaration (`mod tests;`, whose file is under the same rule) is left out alone.
        let module = trimmed.starts_with("mod ") || trimmed.starts_with("pub(crate) mod ");
        if test_only && module && !trimmed.ends_with(';') {
            break;
        }
        let skipped = test_only;
        test_only = trimmed.starts_with("#[cfg(test)]");
        if test_only || skipped || trimmed.starts_with("//") {
            continue;
        }
        lines.push((number + 1, line.to_owned()));
    }
    lines
}

/// Whether `line` names one of `needles` as a whole word (`Store` but not `StoredActivity`).
fn names(line: &str, needle: &str) -> bool {
    line.match_indices(needle).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + needle.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after)
    })
}

/// `file:line: text` for every code line under `dir` for which `offends` holds.
fn offences(dir: &str, offends: impl Fn(&str) -> bool) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    files_with_extension(&root.join(dir), "rs")
        .iter()
        .flat_map(|file| {
            code_lines(file)
                .into_iter()
                .filter(|(_, line)| offends(line))
                .map(|(number, line)| {
                    let shown = file.strip_prefix(root).unwrap_or(file).display();
                    format!("{shown}:{number}: {}", line.trim())
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A word that starts with `Db` followed by a capital: a stored type of the db layer.
fn names_stored_type(line: &str) -> bool {
    line.match_indices("Db").any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let next = line[at + 2..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && next.is_some_and(|c| c.is_ascii_uppercase())
    })
}

#[test]
fn handlers_reach_data_only_through_services() {
    let found = offences("src/http", |line| {
        line.contains("crate::db")
            || names(line, "db")
            || names(line, "Store")
            || line.contains(".store")
            || names_stored_type(line)
    });
    assert!(
        found.is_empty(),
        "handlers must call a service, not the store or its types:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_federation_layer_never_calls_services() {
    let found = offences("src/federation", |line| {
        line.contains("crate::service") || line.contains("service::")
    });
    assert!(
        found.is_empty(),
        "src/federation must return typed outcomes instead of calling services:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_url_builder_is_made_once_and_nobody_wakes_deliveries_by_hand() {
    let made = offences("src", |line| line.contains("Urls::new("));
    assert_eq!(made.len(), 1, "Urls::new outside tests: {made:#?}");
    let woken = offences("src", |line| line.contains("wake_delivery"));
    assert!(
        woken.is_empty(),
        "committing a write wakes deliveries: {woken:#?}"
    );
}

#[test]
fn the_checks_see_what_they_look_for() {
    assert!(names("let s = &state.store;", "store"));
    assert!(!names("StoredActivity", "Store"));
    assert!(names_stored_type("fn f(e: &DbEvent)"));
    assert!(!names_stored_type("MyDbEvent Dbx"));
}
