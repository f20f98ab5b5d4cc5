//! The instance under test as its own process: this binary's `serve`, configured by
//! environment variables, on a loopback port, so that the figures are the server's and its CPU
//! time and memory are read from `/proc` per thread (the main thread apart from the runtime's
//! workers and SQLite's threads), and so that it can be killed for real.

use super::seed::ORGANIZATION;
use anyhow::Context;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

/// A running `solidarity serve`.
pub struct Instance {
    child: Child,
    pub port: u16,
    pub database_url: String,
    pid: u32,
}

/// CPU time per kind of thread, in nanoseconds, and how often the threads were switched off
/// a core (voluntary and not): each hand-off between threads (to a database connection's
/// thread and back, a worker parking and waking) is one, so the count follows the hand-offs
/// a change removes where CPU time, on a shared machine, moves with the neighbours.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ThreadCpu {
    pub by_thread: BTreeMap<String, u64>,
    pub switches: u64,
}

impl ThreadCpu {
    pub fn total_ns(&self) -> u64 {
        self.by_thread.values().sum()
    }

    /// The same in milliseconds.
    pub fn in_ms(&self) -> BTreeMap<String, f64> {
        self.by_thread
            .iter()
            .map(|(name, ns)| (name.clone(), *ns as f64 / 1e6))
            .collect()
    }

    /// Adds the CPU time of every PostgreSQL process on this machine (its server runs apart
    /// from ours: the work it does for us is part of the cost), as `postgres`.
    pub fn add_postgres(&mut self) {
        let Ok(processes) = std::fs::read_dir("/proc") else {
            return;
        };
        let mut total = 0;
        for process in processes.flatten() {
            let path = process.path();
            let is_postgres = std::fs::read_to_string(path.join("comm"))
                .is_ok_and(|comm| comm.trim() == "postgres");
            if !is_postgres {
                continue;
            }
            let Ok(threads) = std::fs::read_dir(path.join("task")) else {
                continue;
            };
            total += threads.flatten().map(|t| cpu_ns(&t.path())).sum::<u64>();
        }
        self.by_thread.insert("postgres".to_owned(), total);
    }

    /// What was used between `before` and this reading.
    pub fn since(&self, before: &Self) -> Self {
        let by_thread = self
            .by_thread
            .iter()
            .map(|(name, ns)| {
                let earlier = before.by_thread.get(name).copied().unwrap_or(0);
                (name.clone(), ns.saturating_sub(earlier))
            })
            .collect();
        Self {
            by_thread,
            switches: self.switches.saturating_sub(before.switches),
        }
    }
}

/// A free port on 127.0.0.1 (bound and let go, so the child can bind it).
pub fn free_port() -> anyhow::Result<u16> {
    let socket = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(socket.local_addr()?.port())
}

impl Instance {
    /// Starts `serve` on `port` with the database at `database_url` (already migrated and
    /// seeded), and waits until it answers.
    pub async fn start(database_url: &str, port: u16, log_dir: &Path) -> anyhow::Result<Self> {
        let exe = std::env::current_exe().context("finding this program")?;
        let log = std::fs::File::create(log_dir.join(format!("instance-{port}.log")))?;
        let mut command = Command::new(exe);
        command
            .arg("serve")
            .env("SOLIDARITY_DATABASE_URL", database_url)
            .env("SOLIDARITY_DOMAIN", format!("127.0.0.1:{port}"))
            .env("SOLIDARITY_LISTEN", format!("127.0.0.1:{port}"))
            .env("SOLIDARITY_FEDERATION__ALLOW_PLAIN_HTTP", "true")
            .env("SOLIDARITY_FEDERATION__ALLOW_PRIVATE_ADDRESSES", "true")
            .env("SOLIDARITY_LIMITS__INBOX_PER_HOST_PER_MINUTE", "4000000000")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true);
        Self::spawn(command, port, database_url, log_dir).await
    }

    /// Starts the reads scenario's baseline (`bench static-server`) on `port`.
    pub async fn start_static(answers: &Path, port: u16, log_dir: &Path) -> anyhow::Result<Self> {
        let exe = std::env::current_exe().context("finding this program")?;
        let log = std::fs::File::create(log_dir.join(format!("instance-{port}.log")))?;
        let mut command = Command::new(exe);
        command
            .args(["bench", "static-server", "--listen"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("--answers")
            .arg(answers)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true);
        Self::spawn(command, port, "", log_dir).await
    }

    async fn spawn(
        mut command: Command,
        port: u16,
        database_url: &str,
        log_dir: &Path,
    ) -> anyhow::Result<Self> {
        let child = command.spawn().context("starting a child process")?;
        let pid = child.id().context("the child exited at once")?;
        let mut instance = Self {
            child,
            port,
            database_url: database_url.to_owned(),
            pid,
        };
        instance.wait_ready(log_dir).await?;
        Ok(instance)
    }

    /// `http://127.0.0.1:port`.
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn wait_ready(&mut self, log_dir: &Path) -> anyhow::Result<()> {
        let client = reqwest::Client::new();
        let url = format!("{}/.well-known/nodeinfo", self.base());
        let started = Instant::now();
        loop {
            // Any answer will do: the baseline has no NodeInfo.
            if client.get(&url).send().await.is_ok() {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait()? {
                let log =
                    std::fs::read_to_string(log_dir.join(format!("instance-{}.log", self.port)))
                        .unwrap_or_default();
                anyhow::bail!("the instance exited ({status}):\n{log}");
            }
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(60),
                "the instance did not answer within a minute"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Publishes a note as the seeded organization through the API; returns the note's id.
    pub async fn publish_note(
        &self,
        client: &reqwest::Client,
        token: &str,
        text: &str,
    ) -> anyhow::Result<String> {
        let response = client
            .post(format!("{}/api/v1/orgs/{ORGANIZATION}/notes", self.base()))
            .bearer_auth(token)
            .json(&serde_json::json!({ "content": text }))
            .send()
            .await?;
        let status = response.status();
        let body: serde_json::Value = response.json().await?;
        anyhow::ensure!(status.is_success(), "publishing answered {status}: {body}");
        Ok(body["ap_id"].as_str().context("the note's id")?.to_owned())
    }

    /// Kills the process at once (SIGKILL): nothing is finished, flushed or released.
    pub async fn kill(mut self) -> anyhow::Result<()> {
        self.child.kill().await.context("killing the instance")?;
        Ok(())
    }

    /// CPU time so far per kind of thread (`/proc/PID/task/*/schedstat`, nanoseconds), named
    /// after the thread with its number dropped (`tokio-runtime-w`, `sqlx-sqlite-wor`, ...);
    /// the main thread is `main`.
    pub fn cpu(&self) -> ThreadCpu {
        let (mut by_thread, mut switches) = (BTreeMap::new(), 0);
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{}/task", self.pid)) else {
            return ThreadCpu::default();
        };
        for task in tasks.flatten() {
            let path = task.path();
            let ns = cpu_ns(&path);
            switches += context_switches(&path);
            let name = if task.file_name().to_string_lossy() == self.pid.to_string() {
                "main".to_owned()
            } else {
                std::fs::read_to_string(path.join("comm"))
                    .unwrap_or_default()
                    .trim()
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-')
                    .to_owned()
            };
            *by_thread.entry(name).or_insert(0) += ns;
        }
        ThreadCpu {
            by_thread,
            switches,
        }
    }

    /// Resident memory now, in bytes (`VmRSS`).
    pub fn rss_bytes(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.pid))
            .unwrap_or_default()
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .map_or(0, |kb| kb * 1024)
    }
}

/// How often a thread was switched off a core, voluntarily or not (`/proc/PID/task/TID/status`;
/// 0 when it is gone).
fn context_switches(thread: &Path) -> u64 {
    std::fs::read_to_string(thread.join("status"))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            line.strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
        })
        .filter_map(|count| count.trim().parse::<u64>().ok())
        .sum()
}

/// The CPU time a thread has used, in nanoseconds: the first field of its `schedstat` under
/// `/proc/PID/task/TID` (0 when it is gone).
fn cpu_ns(thread: &Path) -> u64 {
    std::fs::read_to_string(thread.join("schedstat"))
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0)
}
