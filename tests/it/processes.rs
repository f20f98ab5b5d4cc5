//! Several `solidarity serve` processes on one database deliver each queued row exactly once:
//! on PostgreSQL their claims skip each other's locked rows, on SQLite the claim is one atomic
//! statement under the write lock.

use crate::common::network::{Instance, settle};
use crate::common::process::{Sender, free_port, until};
use crate::common::{TestDb, seed};
use serde_json::json;
use std::process::Command;

#[tokio::test]
async fn two_serve_processes_on_one_database_send_each_delivery_once() {
    let beta = Instance::start("localhost").await;
    seed::user(&beta.state.store, "bob").await;
    let bob = seed::token(&beta.state.store, "bob").await;

    let db = TestDb::new().await;
    let alpha = Sender {
        dir: tempfile::tempdir().expect("dir"),
        database_url: db.url.expose().to_owned(),
        port: free_port(),
    };
    alpha.admin(
        &["create-user", "alice", "--password-stdin"],
        "correct horse battery\n",
    );
    alpha.admin(
        &[
            "create-org",
            "climate_now",
            "--name",
            "Climate Now",
            "--owner",
            "alice",
        ],
        "",
    );
    let alice = alpha.admin(&["token", "alice"], "");
    let mut first = alpha.serve();
    let mut second = alpha.serve_on(free_port());
    let http = reqwest::Client::new();

    let followed = http
        .post(format!("http://127.0.0.1:{}/api/v1/follows", beta.port))
        .bearer_auth(&bob)
        .json(&json!({ "handle": format!("climate_now@localhost:{}", alpha.port) }))
        .send()
        .await
        .expect("beta answers");
    assert_eq!(followed.status(), 202);
    let org_id = format!("http://localhost:{}/actors/climate_now", alpha.port);
    let bob_user = beta
        .state
        .store
        .user_by_handle(&solidarity::domain::Handle::parse("bob").expect("valid"))
        .await
        .expect("bob");
    until("alpha accepted bob's follow", || async {
        settle(&[&beta]).await;
        let Ok(org) = beta.state.store.remote_actor_by_ap_id(&org_id).await else {
            return false;
        };
        beta.state
            .store
            .following_state(bob_user.actor_id, org.id)
            .await
            .expect("state")
            == Some(solidarity::db::FollowState::Accepted)
    })
    .await;

    const NOTES: usize = 20;
    for n in 0..NOTES {
        let published = http
            .post(alpha.url("/api/v1/orgs/climate_now/notes"))
            .bearer_auth(&alice)
            .json(&json!({ "content": format!("Note {n}") }))
            .send()
            .await
            .expect("alpha answers");
        assert_eq!(published.status(), 201);
    }
    until("both processes drained the queue", || async {
        crate::crash::pending_attempted(&alpha.database_url).await.0 == 0
    })
    .await;
    until("beta shows every note", || async {
        settle(&[&beta]).await;
        beta.state
            .store
            .timeline(bob_user.actor_id, 100)
            .await
            .expect("timeline")
            .len()
            == NOTES
    })
    .await;

    // Every delivery row was attempted exactly once: a row claimed by both processes would have
    // been sent twice and counted two attempts.
    let pool = sqlx::AnyPool::connect(&alpha.database_url)
        .await
        .expect("connect");
    let attempts: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT activity_id, attempts, state FROM deliveries")
            .fetch_all(&pool)
            .await
            .expect("deliveries");
    // The Accept of bob's follow, then one Create per note.
    assert_eq!(attempts.len(), NOTES + 1, "{attempts:?}");
    assert!(
        attempts
            .iter()
            .all(|(_, n, state)| *n == 1 && state == "done"),
        "{attempts:?}"
    );
    pool.close().await;

    for server in [&mut first, &mut second] {
        let _ = Command::new("kill")
            .args(["-TERM", &server.id().to_string()])
            .status();
        server.wait().expect("stops");
    }
}
