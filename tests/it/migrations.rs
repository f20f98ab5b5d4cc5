//! The two migration folders must stay in step: same files, same order.

use std::path::Path;

fn names(dir: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dir);
    let mut names: Vec<String> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
        .map(|entry| {
            entry
                .expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn sqlite_and_postgres_migrations_have_the_same_names() {
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty(), "there are migrations");
    assert_eq!(sqlite, names("postgres"));
}

#[test]
fn both_backends_create_the_same_tables() {
    let tables = |dir: &str| -> Vec<String> {
        let mut found = Vec::new();
        for name in names(dir) {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dir)
                .join(name);
            let text = std::fs::read_to_string(path).expect("readable migration");
            let first_word = |rest: &str| {
                rest.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(';')
                    .to_owned()
            };
            for line in text.lines() {
                let line = line.trim();
                if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
                    found.push(first_word(rest));
                } else if let Some(rest) = line.strip_prefix("DROP TABLE ") {
                    // SQLite rebuilds a table to change a constraint: new, drop, rename.
                    let dropped = first_word(rest);
                    found.retain(|t| *t != dropped);
                } else if let Some(rest) = line.strip_prefix("ALTER TABLE ")
                    && let Some((from, to)) = rest.split_once(" RENAME TO ")
                {
                    let (from, to) = (first_word(from), first_word(to));
                    for table in found.iter_mut().filter(|t| **t == from) {
                        table.clone_from(&to);
                    }
                }
            }
        }
        found.sort();
        found
    };
    assert_eq!(tables("sqlite"), tables("postgres"));
}
