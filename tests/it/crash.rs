//! A real `solidarity serve` process stopped while deliveries are pending loses nothing: after
//! SIGKILL and a restart everything reaches the receiver once each; after SIGTERM the unsent
//! delivery stays queued. The sender is the binary (nothing survives in memory); the receiver
//! is an in-process instance.

use crate::common::TestDb;
use crate::common::network::{Instance, settle};
use crate::common::process::{bob_follows, sender_with_organization, until};
use serde_json::{Value, json};
use std::process::Command;
use std::time::{Duration, Instant};

/// (pending deliveries, pending deliveries already attempted at least once).
pub(crate) async fn pending_attempted(database_url: &str) -> (i64, i64) {
    let pool = sqlx::AnyPool::connect(database_url).await.expect("connect");
    let row: (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) FROM deliveries \
         WHERE state = 'pending'",
    )
    .fetch_one(&pool)
    .await
    .map(|(count, attempted): (i64, Option<i64>)| (count, attempted.unwrap_or(0)))
    .expect("count");
    pool.close().await;
    row
}

#[tokio::test]
async fn a_server_killed_with_pending_deliveries_delivers_them_once_after_restart() {
    let mut beta = Instance::start("localhost").await;
    let db = TestDb::new().await;
    let (alpha, alice) = sender_with_organization(&db);
    let mut server = alpha.serve();
    let http = reqwest::Client::new();
    let bob_user = bob_follows(&beta, &alpha).await;

    // beta goes down; alpha publishes and fails its first attempts.
    beta.stop().await;
    for n in 0..3 {
        let published = http
            .post(alpha.url("/api/v1/orgs/climate_now/notes"))
            .bearer_auth(&alice)
            .json(&json!({ "content": format!("Bulletin {n}") }))
            .send()
            .await
            .expect("alpha answers");
        assert_eq!(published.status(), 201);
    }
    until("alpha tried each delivery once", || async {
        pending_attempted(&alpha.database_url).await == (3, 3)
    })
    .await;

    // SIGKILL: no shutdown code runs.
    server.kill().expect("kill -9");
    server.wait().expect("reaped");
    assert_eq!(
        pending_attempted(&alpha.database_url).await,
        (3, 3),
        "the queue survived the kill"
    );

    let beta = beta.restart().await;
    let retried = alpha.admin(&["retry"], "");
    assert!(retried.starts_with("3 pending deliveries"), "{retried}");
    let mut server = alpha.serve();
    until("beta received the three bulletins", || async {
        settle(&[&beta]).await;
        beta.state
            .store
            .timeline(bob_user.actor_id, 10)
            .await
            .expect("timeline")
            .len()
            >= 3
    })
    .await;
    until("alpha's queue is empty", || async {
        pending_attempted(&alpha.database_url).await.0 == 0
    })
    .await;
    settle(&[&beta]).await;
    let mut texts: Vec<Value> = beta
        .state
        .store
        .timeline(bob_user.actor_id, 10)
        .await
        .expect("timeline")
        .into_iter()
        .map(|entry| Value::from(entry.content_html))
        .collect();
    texts.sort_by_key(Value::to_string);
    assert_eq!(
        texts,
        [
            "<p>Bulletin 0</p>",
            "<p>Bulletin 1</p>",
            "<p>Bulletin 2</p>"
        ],
        "each once"
    );
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    server.wait().expect("stops");
}

/// F6: SIGTERM while a delivery hangs on a receiver that never answers. The process exits 0
/// once the request times out, and the delivery stays pending for the next start.
#[tokio::test]
async fn a_graceful_shutdown_keeps_unsent_deliveries_pending() {
    let mut beta = Instance::start("localhost").await;
    let db = TestDb::new().await;
    let (alpha, alice) = sender_with_organization(&db);
    let mut server = alpha.serve();
    bob_follows(&beta, &alpha).await;

    // beta's port now accepts connections and never answers.
    let port = beta.port;
    beta.stop().await;
    let silent = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("rebind beta's port");
    let holder = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });

    let published = reqwest::Client::new()
        .post(alpha.url("/api/v1/orgs/climate_now/notes"))
        .bearer_auth(&alice)
        .json(&json!({ "content": "Sent during shutdown" }))
        .send()
        .await
        .expect("alpha answers");
    assert_eq!(published.status(), 201);
    until("the delivery is in flight", || async {
        in_flight(&alpha.database_url).await == 1
    })
    .await;

    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let stopped = Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().expect("wait") {
            break status;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(40),
            "serve did not stop"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "graceful shutdown exits 0: {status}");
    assert_eq!(
        pending_attempted(&alpha.database_url).await.0,
        1,
        "the unsent delivery is still queued"
    );
    holder.abort();
}

/// Deliveries currently leased by a worker.
async fn in_flight(database_url: &str) -> i64 {
    let pool = sqlx::AnyPool::connect(database_url).await.expect("connect");
    let count = sqlx::query_scalar(
        "SELECT COUNT(*) FROM deliveries WHERE state = 'pending' AND lease_until IS NOT NULL",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    pool.close().await;
    count
}
