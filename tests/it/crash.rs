//! A real `solidarity serve` process killed with SIGKILL while deliveries are pending loses
//! nothing: after a restart everything reaches the receiver, once each. The sender is the
//! binary (so nothing survives in memory); the receiver is an in-process instance.

use crate::common::network::{Instance, settle};
use crate::common::process::{Sender, free_port, until};
use crate::common::{TestDb, seed};
use serde_json::{Value, json};
use std::process::Command;

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
    seed::user(&beta.state.store, "bob").await;
    let bob = seed::token(&beta.state.store, "bob").await;

    let db = TestDb::new().await;
    let port = free_port();
    let alpha = Sender {
        dir: tempfile::tempdir().expect("dir"),
        database_url: db.url.expose().to_owned(),
        port,
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
    let mut server = alpha.serve();
    let http = reqwest::Client::new();

    let followed = http
        .post(format!("http://127.0.0.1:{}/api/v1/follows", beta.port))
        .bearer_auth(&bob)
        .json(&json!({ "handle": format!("climate_now@localhost:{port}") }))
        .send()
        .await
        .expect("beta answers");
    assert_eq!(
        followed.status(),
        202,
        "{}",
        followed.text().await.unwrap_or_default()
    );
    let bob_user = beta
        .state
        .store
        .user_by_handle(&solidarity::domain::Handle::parse("bob").expect("valid"))
        .await
        .expect("bob");
    let org_id = format!("http://localhost:{port}/actors/climate_now");
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
