//! Several `solidarity serve` processes on one database deliver each queued row exactly once:
//! on PostgreSQL their claims skip each other's locked rows, on SQLite the claim is one atomic
//! statement under the write lock.

use crate::common::TestDb;
use crate::common::network::{Instance, settle};
use crate::common::process::{bob_follows, free_port, sender_with_organization, until};
use serde_json::json;
use std::process::Command;

#[tokio::test]
async fn two_serve_processes_on_one_database_send_each_delivery_once() {
    let beta = Instance::start("localhost").await;
    let db = TestDb::new().await;
    let (alpha, alice) = sender_with_organization(&db);
    let mut first = alpha.serve();
    let mut second = alpha.serve_on(free_port());
    let http = reqwest::Client::new();
    let bob_user = bob_follows(&beta, &alpha).await;

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
