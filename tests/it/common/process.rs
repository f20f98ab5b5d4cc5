//! The `solidarity` binary as a running sender instance: admin commands and `serve`
//! processes on one database, named `localhost:PORT`, for tests that kill or multiply processes.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a polled condition may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// One instance run by the binary: its working directory, database and public port.
pub struct Sender {
    pub dir: tempfile::TempDir,
    pub database_url: String,
    pub port: u16,
    /// Configuration every command of this instance gets beyond its database and domain.
    pub env: Vec<(&'static str, String)>,
}

impl Sender {
    /// An instance on `db`, in a fresh working directory, on a free port.
    pub fn new(db: &super::TestDb) -> Self {
        Self {
            dir: tempfile::tempdir().expect("dir"),
            database_url: db.url.expose().to_owned(),
            port: free_port(),
            env: Vec::new(),
        }
    }

    /// The binary with this instance's environment; the public domain is `localhost:PORT`.
    pub fn command(&self) -> Command {
        let mut command = solidarity(self.dir.path());
        command
            .env("SOLIDARITY_DATABASE_URL", &self.database_url)
            .env("SOLIDARITY_DOMAIN", format!("localhost:{}", self.port))
            .env("SOLIDARITY_LISTEN", format!("127.0.0.1:{}", self.port))
            .envs(self.env.iter().map(|(name, value)| (*name, value)));
        command
    }

    /// Runs `solidarity admin ARGS` with `stdin`, asserting success; returns stdout.
    pub fn admin(&self, args: &[&str], stdin: &str) -> String {
        let mut command = self.command();
        command.arg("admin").args(args);
        let output = run_with_stdin(command, stdin);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Starts `serve` and returns once it listens.
    pub fn serve(&self) -> Child {
        self.serve_on(self.port)
    }

    /// Starts another `serve` process for the same instance, listening on `port`.
    pub fn serve_on(&self, port: u16) -> Child {
        let mut child = self
            .command()
            .env("SOLIDARITY_LISTEN", format!("127.0.0.1:{port}"))
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

    /// A URL on the instance's API.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a port")
        .local_addr()
        .expect("an address")
        .port()
}

/// Polls `check` every 100 ms until it holds, failing the test after a minute.
pub async fn until<F, Fut>(what: &str, mut check: F)
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

/// A binary instance on a fresh port with organization `climate_now` owned by `alice`; returns
/// it with alice's API token. Nothing is served yet.
pub fn sender_with_organization(db: &super::TestDb) -> (Sender, String) {
    let sender = Sender::new(db);
    sender.admin(
        &["create-user", "alice", "--password-stdin"],
        "correct horse battery\n",
    );
    sender.admin(
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
    let alice = sender.admin(&["token", "alice"], "");
    (sender, alice)
}

/// User `bob` of the in-process `beta` follows the sender's `climate_now` through beta's API;
/// returns bob once the sender (which must be serving) has accepted.
pub async fn bob_follows(
    beta: &super::network::Instance,
    sender: &Sender,
) -> solidarity::db::DbUser {
    let store = &beta.state.store;
    let bob = super::seed::user(store, "bob").await;
    let token = super::seed::token(store, "bob").await;
    let followed = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{}/api/v1/follows", beta.port))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "handle": format!("climate_now@localhost:{}", sender.port) }))
        .send()
        .await
        .expect("beta answers");
    assert_eq!(
        followed.status(),
        202,
        "{}",
        followed.text().await.unwrap_or_default()
    );
    let org_id = format!("http://localhost:{}/actors/climate_now", sender.port);
    until("the sender accepted bob's follow", || async {
        super::network::settle(&[beta]).await;
        let Ok(org) = store.remote_actor_by_ap_id(&org_id).await else {
            return false;
        };
        store
            .following_state(bob.actor_id, org.id)
            .await
            .expect("state")
            == Some(solidarity::db::FollowState::Accepted)
    })
    .await;
    bob
}

/// The binary run in `dir` with a clean environment: no inherited `SOLIDARITY_*`, no colours.
pub fn solidarity(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_solidarity"));
    command
        .current_dir(dir)
        .env_clear()
        .env("RUST_LOG", "info,sqlx=warn");
    command
}

/// The same on the database `database_url`, logging warnings only.
pub fn binary_on(dir: &std::path::Path, database_url: &str) -> Command {
    let mut command = solidarity(dir);
    command
        .env("RUST_LOG", "warn")
        .env("SOLIDARITY_DATABASE_URL", database_url);
    command
}

/// Runs `command` to its end; its standard output, asserting it succeeded.
pub fn succeeds(command: &mut Command) -> String {
    let output = command.output().expect("solidarity runs");
    assert!(
        output.status.success(),
        "{:?} failed: {}",
        command.get_args().collect::<Vec<_>>(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `command` to its end; its standard error, asserting it failed with exit code 1.
pub fn fails(command: &mut Command) -> String {
    let output = command.output().expect("solidarity runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{:?} should fail; stdout: {}",
        command.get_args().collect::<Vec<_>>(),
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `command` with `stdin` written to it; its output once it ends.
pub fn run_with_stdin(mut command: Command, stdin: &str) -> std::process::Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("the binary finishes")
}
