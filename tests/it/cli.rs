//! The `solidarity` binary as an admin uses it: serve, admin commands and start-up failures.

use crate::common::TestDb;
use crate::common::process::{run_with_stdin, solidarity};
use solidarity::domain::{Handle, OrgRole};
use solidarity::service::tokens;
use solidarity::state::AppState;
use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_owned()
}

/// Asserts a start-up failure: non-zero exit and exactly one line that contains `expected`.
fn assert_fails_with_one_line(output: &Output, expected: &str) {
    let stderr = stderr_of(output);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line, got: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains(expected),
        "{stderr:?} should contain {expected:?}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

#[tokio::test]
async fn serve_answers_health_and_home_then_stops_on_sigterm() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().expect("dir");
    let mut child = solidarity(dir.path())
        .arg("serve")
        .env("SOLIDARITY_LISTEN", "127.0.0.1:0")
        .env("SOLIDARITY_DATABASE_URL", db.url.expose())
        .env("SOLIDARITY_INSTANCE__NAME", "Nordic Solidarity Co-op")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let mut log = BufReader::new(child.stderr.take().expect("piped stderr")).lines();
    let address = loop {
        let line = log
            .next()
            .expect("serve logs before exiting")
            .expect("utf-8 log");
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest
                .split_whitespace()
                .next()
                .expect("an address")
                .to_owned();
        }
    };
    let health = reqwest::get(format!("http://{address}/healthz"))
        .await
        .expect("healthz answers");
    assert_eq!(health.status(), 200);
    let home = reqwest::get(format!("http://{address}/"))
        .await
        .expect("home answers");
    assert!(
        home.text()
            .await
            .expect("body")
            .contains("Nordic Solidarity Co-op")
    );

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = child.wait().expect("serve exits");
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
    let rest: Vec<String> = log.map_while(Result::ok).collect();
    assert!(
        rest.iter().any(|line| line.contains("Solidarity stopped")),
        "{rest:?}"
    );
}

#[test]
fn serve_without_config_creates_and_migrates_the_default_sqlite_database() {
    let dir = tempfile::tempdir().expect("dir");
    let output = solidarity(dir.path())
        .arg("migrate")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(dir.path().join("data/solidarity.db").is_file());
}

#[test]
fn start_up_failures_are_one_line_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().expect("dir");
    let unknown_scheme = solidarity(dir.path())
        .arg("serve")
        .env("SOLIDARITY_DATABASE_URL", "mysql://localhost/solidarity")
        .output()
        .expect("runs");
    assert_fails_with_one_line(&unknown_scheme, "unknown database scheme 'mysql'");

    // A file where the data directory should be: refused even for root, unlike chmod.
    std::fs::write(dir.path().join("occupied"), "not a directory").expect("write");
    let unwritable = solidarity(dir.path())
        .arg("serve")
        .env(
            "SOLIDARITY_DATABASE_URL",
            "sqlite:occupied/data/solidarity.db",
        )
        .output()
        .expect("runs");
    assert_fails_with_one_line(&unwritable, "cannot create data directory occupied/data");

    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = taken.local_addr().expect("address").port();
    let in_use = solidarity(dir.path())
        .arg("serve")
        .env("SOLIDARITY_LISTEN", format!("127.0.0.1:{port}"))
        .output()
        .expect("runs");
    assert_fails_with_one_line(&in_use, &format!("cannot listen on 127.0.0.1:{port}"));

    std::fs::write(
        dir.path().join("bad.toml"),
        "domain = \"coop.example\"\nlisten = [\n",
    )
    .expect("write");
    let malformed = solidarity(dir.path())
        .args(["serve", "--config", "bad.toml"])
        .output()
        .expect("runs");
    assert_fails_with_one_line(&malformed, "config file bad.toml is not valid TOML");

    let missing = solidarity(dir.path())
        .args(["check-config", "--config", "absent.toml"])
        .output()
        .expect("runs");
    assert_fails_with_one_line(&missing, "cannot read config file absent.toml");

    let bad_value = solidarity(dir.path())
        .arg("check-config")
        .env("SOLIDARITY_ROLE", "landlord")
        .output()
        .expect("runs");
    assert_fails_with_one_line(
        &bad_value,
        "invalid value for role (set by SOLIDARITY_ROLE)",
    );
}

#[test]
fn check_config_summarises_and_warns_about_unknown_keys() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("coop.toml"),
        "domain = \"coop.example\"\nrole = \"software\"\ncolour = \"red\"\n",
    )
    .expect("write");
    let output = solidarity(dir.path())
        .args(["check-config", "--config", "coop.toml"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("https://coop.example") && stdout.contains("role software"),
        "{stdout}"
    );
    assert!(
        stderr_of(&output).contains("unknown config key colour"),
        "{}",
        stderr_of(&output)
    );
}

/// Every `admin` subcommand.
const ADMIN_COMMANDS: [&str; 18] = [
    "create-user",
    "create-org",
    "token",
    "users",
    "disable-user",
    "enable-user",
    "delete-user",
    "orgs",
    "delete-org",
    "tokens",
    "revoke-token",
    "blocks",
    "queue",
    "retry",
    "reports",
    "resolve-report",
    "block",
    "unblock",
];

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().expect("dir");
    let help = |args: &[&str]| {
        let output = solidarity(dir.path())
            .args(args)
            .arg("--help")
            .output()
            .expect("runs");
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(text.contains("Usage:"), "{args:?}");
        text
    };
    for args in [&[][..], &["serve"], &["migrate"], &["check-config"]] {
        help(args);
    }
    let admin_help = help(&["admin"]);
    for command in ADMIN_COMMANDS {
        help(&["admin", command]);
    }
    for described in ADMIN_COMMANDS.iter().chain(&["--json"]) {
        assert!(admin_help.contains(described), "{described}: {admin_help}");
    }
    let delete_org = help(&["admin", "delete-org"]);
    assert!(
        delete_org.contains("campaigns") && delete_org.contains("refused"),
        "delete-org --help says what happens to campaigns: {delete_org}"
    );
}

#[tokio::test]
async fn admin_commands_create_users_orgs_and_working_tokens() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().expect("dir");
    let admin = |args: &[&str]| {
        let mut command = solidarity(dir.path());
        command
            .env("SOLIDARITY_DATABASE_URL", db.url.expose())
            .arg("admin")
            .args(args);
        command
    };

    let created = run_with_stdin(
        admin(&["create-user", "Alice", "--admin", "--password-stdin"]),
        "correct horse battery\n",
    );
    assert!(created.status.success(), "{}", stderr_of(&created));
    assert_eq!(
        String::from_utf8_lossy(&created.stdout).trim(),
        "created administrator alice"
    );

    let duplicate = run_with_stdin(
        admin(&["create-user", "alice", "--password-stdin"]),
        "another password\n",
    );
    assert_fails_with_one_line(&duplicate, "the handle 'alice' is already taken");
    let short = run_with_stdin(
        admin(&["create-user", "bob", "--password-stdin"]),
        "short\n",
    );
    assert_fails_with_one_line(
        &short,
        "password: the password must have at least 8 characters",
    );
    let no_stdin = run_with_stdin(admin(&["create-user", "bob"]), "");
    assert_fails_with_one_line(&no_stdin, "--password-stdin");
    let bad_name = run_with_stdin(
        admin(&["create-user", "bob smith", "--password-stdin"]),
        "long enough password\n",
    );
    assert_fails_with_one_line(&bad_name, "user name 'bob smith'");

    let org = admin(&[
        "create-org",
        "climate_now",
        "--name",
        "Climate Now",
        "--owner",
        "alice",
    ])
    .output()
    .expect("runs");
    assert!(org.status.success(), "{}", stderr_of(&org));
    let orphan = admin(&[
        "create-org",
        "orphans",
        "--name",
        "Orphans",
        "--owner",
        "nobody",
    ])
    .output()
    .expect("runs");
    assert_fails_with_one_line(&orphan, "no user named 'nobody'");

    let token = admin(&["token", "alice"]).output().expect("runs");
    assert!(token.status.success(), "{}", stderr_of(&token));
    let secret = String::from_utf8_lossy(&token.stdout).trim().to_owned();

    let store = db.store().await;
    let alice = store
        .user_by_handle(&Handle::parse("alice").expect("valid"))
        .await
        .expect("stored");
    assert!(alice.is_admin);
    assert!(
        store
            .user_by_handle(&Handle::parse("bob").expect("valid"))
            .await
            .is_err(),
        "refused users are not stored"
    );
    let climate = store
        .organization_by_handle(&Handle::parse("climate_now").expect("valid"))
        .await
        .expect("stored");
    assert_eq!(climate.name, "Climate Now");
    assert_eq!(
        store
            .organization_role(climate.id, alice.id)
            .await
            .expect("role"),
        Some(OrgRole::Owner)
    );
    let authenticated = tokens::authenticate(
        &AppState::new(solidarity::config::Config::defaults(), store.clone()),
        &secret,
    )
    .await
    .expect("the printed token works");
    assert_eq!(authenticated.id, alice.id);
}
