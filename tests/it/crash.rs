//! A real `solidarity serve` process killed with SIGKILL while deliveries are pending loses
//! nothing: after a restart everything reaches the receiver, once each. The sender is the
//! binary (so nothing survives in memory); the receiver is an in-process instance.

use crate::common::network::{Instance, settle};
use crate::common::{TestDb, seed};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a polled condition may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

struct Sender {
    dir: tempfile::TempDir,
    database_url: String,
    port: u16,
}

impl Sender {
    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_solidarity"));
        command
            .current_dir(self.dir.path())
            .env_clear()
            .env("RUST_LOG", "info,sqlx=warn")
            .env("SOLIDARITY_DATABASE_URL", &self.database_url)
            .env("SOLIDARITY_DOMAIN", format!("localhost:{}", self.port))
            .env("SOLIDARITY_LISTEN", format!("127.0.0.1:{}", self.port));
        command
    }

    fn admin(&self, args: &[&str], stdin: &str) -> String {
        let mut child = self
            .command()
            .arg("admin")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("admin starts");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write");
        let output = child.wait_with_output().expect("admin ends");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Starts `serve` and returns once it listens.
    fn serve(&self) -> Child {
        let mut child = self
            .command()
            .arg("serve")
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        loop {
            let line = lines
                .next()
                .expect("serve logs before exiting")
                .expect("utf-8");
            if line.contains("listening on") {
                break;
            }
        }
        // Keep draining the log so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        child
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

async fn until<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < DEADLINE, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn pending_attempted(database_url: &str) -> (i64, i64) {
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
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a port")
        .local_addr()
        .expect("addr")
        .port();
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
