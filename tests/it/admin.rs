//! `solidarity admin` for inspecting and undoing: listings as tables and JSON, disabling users,
//! listing and revoking tokens, the delivery queue (deletions are in `admin_deletion`).

use crate::common::process::{binary_on, fails, run_with_stdin, succeeds};
use crate::common::{TestDb, instance, seed, send};
use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};
use solidarity::db::{DeliveryOutcome, Recipients};
use solidarity::state::AppState;
use std::process::Command;

/// `solidarity admin ARGS` on `db`, run in `dir`.
pub(crate) fn admin(db: &TestDb, dir: &tempfile::TempDir, args: &[&str]) -> Command {
    let mut command = binary_on(dir.path(), db.url.expose());
    command.arg("admin").args(args);
    command
}

/// `admin create-user NAME --password-stdin EXTRA...`, asserting success.
pub(crate) fn create_user(db: &TestDb, dir: &tempfile::TempDir, name: &str, extra: &[&str]) {
    let mut command = admin(db, dir, &["create-user", name, "--password-stdin"]);
    command.args(extra);
    let output = run_with_stdin(command, "correct horse battery\n");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

pub(crate) fn json_of(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

/// What `GET /api/v1/me` answers to `token`.
pub(crate) async fn me(state: &AppState, token: &str) -> u16 {
    let request = Request::get("/api/v1/me")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("valid request");
    send(state, request).await.status.as_u16()
}

#[tokio::test]
async fn users_and_orgs_are_listed_as_tables_and_json() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().expect("dir");
    assert_eq!(
        succeeds(&mut admin(&db, &dir, &["users"])).trim(),
        "no users"
    );
    assert_eq!(
        json_of(&succeeds(&mut admin(&db, &dir, &["users", "--json"]))),
        json!([])
    );
    assert_eq!(
        succeeds(&mut admin(&db, &dir, &["orgs"])).trim(),
        "no organizations"
    );
    assert_eq!(
        json_of(&succeeds(&mut admin(&db, &dir, &["--json", "orgs"]))),
        json!([])
    );

    create_user(
        &db,
        &dir,
        "alice",
        &["--admin", "--display-name", "Alice Liddell"],
    );
    create_user(&db, &dir, "bob", &[]);
    succeeds(&mut admin(
        &db,
        &dir,
        &[
            "create-org",
            "climate_now",
            "--name",
            "Climate Now",
            "--owner",
            "alice",
        ],
    ));
    succeeds(&mut admin(&db, &dir, &["disable-user", "bob"]));

    let table = succeeds(&mut admin(&db, &dir, &["users"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[0].starts_with("HANDLE  DISPLAY NAME   ADMIN  STATUS    CREATED"),
        "{table}"
    );
    assert!(
        lines[1].starts_with("alice   Alice Liddell  yes    active    "),
        "{table}"
    );
    assert!(
        lines[2].starts_with("bob     bob            no     disabled  "),
        "{table}"
    );

    let users = json_of(&succeeds(&mut admin(&db, &dir, &["--json", "users"])));
    assert_eq!(users[0]["handle"], "alice");
    assert_eq!(users[0]["display_name"], "Alice Liddell");
    assert_eq!(users[0]["admin"], true);
    assert_eq!(users[0]["disabled"], false);
    assert_eq!(users[1]["handle"], "bob");
    assert_eq!(users[1]["disabled"], true);
    assert!(
        users[1]["created"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );

    let orgs = json_of(&succeeds(&mut admin(&db, &dir, &["orgs", "--json"])));
    assert_eq!(
        (
            orgs[0]["handle"].clone(),
            orgs[0]["name"].clone(),
            orgs[0]["owners"].clone()
        ),
        (json!("climate_now"), json!("Climate Now"), json!(["alice"]))
    );
    assert_eq!(orgs[0]["members"], 1);
    let table = succeeds(&mut admin(&db, &dir, &["orgs"]));
    assert!(
        table.lines().nth(1).is_some_and(
            |line| line.starts_with("climate_now  Climate Now  alice   1        active")
        ),
        "{table}"
    );
}

#[tokio::test]
async fn a_disabled_user_s_tokens_answer_401_until_enabled() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().expect("dir");
    let state = instance(&db).await;
    create_user(&db, &dir, "bob", &[]);
    let token = succeeds(&mut admin(&db, &dir, &["token", "bob"]));
    let token = token.trim();
    assert_eq!(me(&state, token).await, 200);

    succeeds(&mut admin(&db, &dir, &["disable-user", "bob"]));
    assert_eq!(me(&state, token).await, 401);
    let refused = fails(&mut admin(
        &db,
        &dir,
        &["create-org", "bobs", "--name", "Bob's", "--owner", "bob"],
    ));
    assert!(refused.contains("the user 'bob' is disabled"), "{refused}");

    succeeds(&mut admin(&db, &dir, &["enable-user", "bob"]));
    assert_eq!(me(&state, token).await, 200);
}

#[tokio::test]
async fn tokens_are_listed_without_their_secret_and_revoked_ones_answer_401() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().expect("dir");
    let state = instance(&db).await;
    create_user(&db, &dir, "alice", &[]);
    create_user(&db, &dir, "bob", &[]);
    let alice = succeeds(&mut admin(&db, &dir, &["token", "alice"]))
        .trim()
        .to_owned();
    let bob = succeeds(&mut admin(&db, &dir, &["token", "bob"]))
        .trim()
        .to_owned();
    assert_eq!(me(&state, &alice).await, 200);

    let listed = succeeds(&mut admin(&db, &dir, &["tokens", "--json"]));
    assert!(
        !listed.contains(&alice) && !listed.contains(&bob),
        "{listed}"
    );
    let tokens = json_of(&listed);
    assert_eq!(tokens.as_array().map(Vec::len), Some(2), "{listed}");
    assert_eq!(tokens[0]["user"], "alice");
    let prefix = tokens[0]["prefix"].as_str().expect("a prefix");
    assert!(alice.starts_with(prefix) && prefix.len() < 16, "{prefix}");
    assert!(tokens[0]["last_used"].is_string(), "alice's token was used");
    assert!(tokens[1]["last_used"].is_null(), "bob's was not");

    let table = succeeds(&mut admin(&db, &dir, &["tokens", "bob"]));
    assert!(table.starts_with("ID  PREFIX"), "{table}");
    assert_eq!(table.lines().count(), 2, "only bob's: {table}");
    assert!(!table.contains(&bob), "{table}");

    let id = tokens[0]["id"].to_string();
    succeeds(&mut admin(&db, &dir, &["revoke-token", &id]));
    assert_eq!(me(&state, &alice).await, 401);
    assert_eq!(me(&state, &bob).await, 200, "other tokens still work");
    let again = fails(&mut admin(&db, &dir, &["revoke-token", &id]));
    assert!(
        again.contains(&format!("no live token with id {id}")),
        "{again}"
    );
    let left = json_of(&succeeds(&mut admin(
        &db,
        &dir,
        &["tokens", "alice", "--json"],
    )));
    assert_eq!(left, json!([]));
    assert_eq!(
        succeeds(&mut admin(&db, &dir, &["tokens", "alice"])).trim(),
        "no tokens"
    );
}

#[tokio::test]
async fn the_queue_shows_pending_failing_and_dead_deliveries_per_instance() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().expect("dir");
    assert_eq!(
        succeeds(&mut admin(&db, &dir, &["queue"])).trim(),
        "the delivery queue is empty"
    );
    assert_eq!(
        json_of(&succeeds(&mut admin(&db, &dir, &["queue", "--json"]))),
        json!([])
    );

    let store = db.store().await;
    let alice = seed::user(&store, "alice").await;
    // a.example: one untried and one that failed once; b.example: one given up on.
    for (n, host) in ["a.example", "a.example", "b.example"].iter().enumerate() {
        let id = format!("activity-{n}");
        let to = Recipients::Inbox {
            inbox: format!("https://{host}/inbox"),
            host: (*host).to_owned(),
        };
        seed::activity(&store, alice.actor_id, &id, "Create", &to).await;
    }
    let now = solidarity::db::now_millis();
    let claimed = store
        .claim_deliveries(now, now + 60_000, 10, 0)
        .await
        .expect("claimed");
    for delivery in &claimed {
        let outcome = match delivery.activity_id.as_str() {
            "activity-0" => continue,
            "activity-1" => DeliveryOutcome::Retry {
                next_attempt_at: now + 3_600_000,
                error: "503".to_owned(),
            },
            _ => DeliveryOutcome::Failed {
                error: "410".to_owned(),
            },
        };
        store
            .finish_delivery(delivery.id, &outcome)
            .await
            .expect("finished");
    }
    for _ in 0..solidarity::db::UNREACHABLE_AFTER_FAILURES {
        store
            .record_instance_failure("b.example")
            .await
            .expect("noted");
    }

    let queue = json_of(&succeeds(&mut admin(&db, &dir, &["--json", "queue"])));
    assert_eq!(queue[0]["instance"], "a.example");
    assert_eq!(
        (
            queue[0]["pending"].clone(),
            queue[0]["failing"].clone(),
            queue[0]["dead"].clone()
        ),
        (json!(2), json!(1), json!(0))
    );
    assert!(queue[0]["unreachable_since"].is_null());
    assert_eq!(queue[1]["instance"], "b.example");
    assert_eq!(
        (
            queue[1]["pending"].clone(),
            queue[1]["failing"].clone(),
            queue[1]["dead"].clone()
        ),
        (json!(0), json!(0), json!(1))
    );
    assert!(queue[1]["unreachable_since"].is_string(), "{queue}");

    let table = succeeds(&mut admin(&db, &dir, &["queue"]));
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("INSTANCE   PENDING  FAILING  DEAD  UNREACHABLE SINCE"),
        "{table}"
    );
    assert!(
        lines[1].starts_with("a.example  2        1        0     -"),
        "{table}"
    );
    assert!(
        lines[2].starts_with("b.example  0        0        1     20"),
        "{table}"
    );
}
