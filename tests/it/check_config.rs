//! `solidarity check-config`: every configuration problem in one run, the database reachable
//! (or creatable) and bound to the configured domain; nothing created.

use crate::common::TestDb;
use crate::common::process::{binary_on, fails, succeeds};
use solidarity::domain::Domain;
use solidarity::service::instance;

#[test]
fn every_invalid_key_and_an_unreachable_database_are_reported_in_one_run() {
    let dir = tempfile::tempdir().expect("dir");
    // A file where the data directory should be: refused even for root, unlike chmod.
    std::fs::write(dir.path().join("occupied"), "not a directory").expect("write");
    std::fs::write(
        dir.path().join("coop.toml"),
        "domain = \"https://coop.example/\"\n[limits]\nrequest_body_bytes = 10\n",
    )
    .expect("write");
    let stderr = fails(
        binary_on(dir.path(), "sqlite:occupied/data/solidarity.db")
            .args(["check-config", "--config", "coop.toml"])
            .env("SOLIDARITY_LISTEN", "everywhere"),
    );
    let lines: Vec<&str> = stderr.lines().collect();
    for expected in [
        "error: invalid value for domain (in coop.toml)",
        "error: invalid value for limits.request_body_bytes (in coop.toml): must be at least 1024",
        "error: invalid value for listen (set by SOLIDARITY_LISTEN): 'everywhere'",
        "error: database_url (set by SOLIDARITY_DATABASE_URL): cannot create data directory \
         occupied/data: occupied is not a directory",
    ] {
        assert!(
            lines.iter().any(|line| line.starts_with(expected)),
            "no line starts with {expected:?} in:\n{stderr}"
        );
    }
    assert_eq!(lines.len(), 4, "one line per problem:\n{stderr}");

    // PostgreSQL that does not answer, beside an invalid name.
    let stderr = fails(
        binary_on(dir.path(), "postgres://solidarity@127.0.0.1:1/solidarity")
            .arg("check-config")
            .env("SOLIDARITY_INSTANCE__NAME", " "),
    );
    assert!(
        stderr
            .contains("error: invalid value for instance.name (set by SOLIDARITY_INSTANCE__NAME)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "error: database_url (set by SOLIDARITY_DATABASE_URL): cannot open database \
             postgres://solidarity@127.0.0.1:1/solidarity"
        ),
        "{stderr}"
    );

    // `serve` refuses the same configuration with all of its problems on one line.
    let stderr = fails(
        binary_on(dir.path(), "sqlite:data/solidarity.db")
            .args(["serve", "--config", "coop.toml"])
            .env("SOLIDARITY_LISTEN", "everywhere"),
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("domain (in coop.toml)")
            && stderr.contains("; invalid value for limits.request_body_bytes")
            && stderr.contains("; invalid value for listen"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("data").exists(),
        "nothing was created for an invalid configuration"
    );
}

#[test]
fn a_missing_sqlite_database_is_fine_and_not_created() {
    let dir = tempfile::tempdir().expect("dir");
    let stdout = succeeds(binary_on(dir.path(), "sqlite:data/solidarity.db").arg("check-config"));
    assert!(stdout.contains("configuration is valid"), "{stdout}");
    assert!(stdout.contains("not created yet"), "{stdout}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert!(left.is_empty(), "check-config created {left:?}");
}

#[tokio::test]
async fn a_domain_other_than_the_databases_is_reported() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let dir = tempfile::tempdir().expect("dir");
    let url = db.url.expose();

    let stdout = succeeds(
        binary_on(dir.path(), url)
            .arg("check-config")
            .env("SOLIDARITY_DOMAIN", "coop.example"),
    );
    assert!(stdout.contains("not yet bound to a domain"), "{stdout}");

    instance::claim_domain(&store, &Domain::parse("coop.example").expect("valid"))
        .await
        .expect("bound");
    store.close().await;
    let stdout = succeeds(
        binary_on(dir.path(), url)
            .arg("check-config")
            .env("SOLIDARITY_DOMAIN", "coop.example"),
    );
    assert!(stdout.contains("ids minted under coop.example"), "{stdout}");

    let stderr = fails(
        binary_on(dir.path(), url)
            .arg("check-config")
            .env("SOLIDARITY_DOMAIN", "other.example"),
    );
    assert!(
        stderr.starts_with(
            "error: domain (set by SOLIDARITY_DOMAIN): this database belongs to 'coop.example', \
             not 'other.example'"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}
