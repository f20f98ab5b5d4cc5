//! The inbox under a flood: a fresh instance (its own process, `solidarity serve`, on SQLite in
//! a temporary directory or the PostgreSQL database given), and peers whose actors post signed
//! `Create{Note}`s to its shared inbox, `concurrency` at a time. Requests are signed before the
//! clock starts, so the figures are the server's: accepted (stored, 202) per second with the
//! latency of each request, the same activities again (duplicates), how long applying them all
//! took after storing, the instance's CPU per activity and memory as it goes, and the latency of
//! new activities sent at half the rate they were stored (half load).

use super::child::{Instance, ThreadCpu, free_port};
use super::peers::{PeerActor, Peers};
use super::progress;
use super::scratch::Place;
use crate::federation::signatures::sign_request_cavage;
use serde::Serialize;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// What the scenario is asked to do.
#[derive(Clone, Debug, clap::Args)]
pub struct InboxArgs {
    /// Activities to send.
    #[arg(long, default_value_t = 20_000)]
    pub activities: usize,
    /// Remote actors sending them.
    #[arg(long, default_value_t = 1_000)]
    pub actors: usize,
    /// Remote instances (one loopback port each) the actors live on.
    #[arg(long, default_value_t = 100)]
    pub hosts: usize,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 32)]
    pub concurrency: usize,
}

/// One pass of sending: how many were answered how, how fast, and the latencies.
#[derive(Clone, Debug, Serialize)]
pub struct Pass {
    pub sent: usize,
    pub accepted: usize,
    pub refused: usize,
    pub seconds: f64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// The scenario's figures.
#[derive(Clone, Debug, Serialize)]
pub struct InboxReport {
    pub database: String,
    pub activities: usize,
    pub actors: usize,
    pub hosts: usize,
    pub concurrency: usize,
    pub new: Pass,
    pub duplicates: Pass,
    /// A quarter as many new activities again, once the rest was applied, sent at half the
    /// rate new ones were stored: the latency a sender sees when the inbox is not saturated.
    pub half_load: Pass,
    /// From the first request until every activity was applied (or set aside), timed while
    /// the duplicates are sent.
    pub applied_seconds: f64,
    pub applied_per_second: f64,
    pub set_aside: i64,
    /// The raw JSON of the activities sent, and what the database grew by (SQLite only).
    pub json_bytes_per_activity: f64,
    pub stored_bytes_per_activity: Option<f64>,
    /// The instance's CPU time per new activity, storing and applying, by thread kind (and
    /// PostgreSQL's processes), over the whole run.
    pub cpu_ms_per_activity: f64,
    pub cpu_ms_by_thread: std::collections::BTreeMap<String, f64>,
    /// The times the instance's threads were switched off a core, per new activity, over the
    /// same span (PostgreSQL's processes not counted).
    pub switches_per_activity: f64,
    /// The instance's resident memory before the flood, after storing, after the duplicates
    /// and once everything was applied.
    pub rss_bytes: [u64; 4],
}

/// A request ready to go.
struct Signed {
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

fn activity(actor: &PeerActor, n: usize) -> serde_json::Value {
    let note = actor.id.join(&format!("/notes/{n}")).expect("a note id");
    serde_json::json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{note}/activity"), "type": "Create", "actor": actor.id,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "object": {"id": note, "type": "Note", "attributedTo": actor.id,
                   "content": format!("<p>Benchmark note {n}: the rent strike holds.</p>"),
                   "to": ["https://www.w3.org/ns/activitystreams#Public"]},
    })
}

async fn send_all(
    client: &reqwest::Client,
    inbox: &url::Url,
    requests: &Arc<Vec<Signed>>,
    concurrency: usize,
    pace: Option<f64>,
    label: &str,
) -> anyhow::Result<Pass> {
    let bar = progress::bar(requests.len(), label);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (client, inbox, requests, next, bar) = (
            client.clone(),
            inbox.clone(),
            requests.clone(),
            next.clone(),
            bar.clone(),
        );
        workers.spawn(async move {
            let (mut latencies, mut accepted, mut refused) = (Vec::new(), 0, 0);
            loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(request) = requests.get(index) else {
                    return (latencies, accepted, refused);
                };
                // Paced: request n leaves n / rate seconds after the first.
                if let Some(rate) = pace.filter(|rate| *rate > 0.0) {
                    let due = started + Duration::from_secs_f64(index as f64 / rate);
                    tokio::time::sleep_until(due.into()).await;
                }
                let began = Instant::now();
                let answer = client
                    .post(inbox.clone())
                    .headers(request.headers.clone())
                    .body(request.body.clone())
                    .send()
                    .await;
                latencies.push(began.elapsed());
                match answer {
                    Ok(response) if response.status().is_success() => accepted += 1,
                    _ => refused += 1,
                }
                bar.inc(1);
            }
        });
    }
    let (mut latencies, mut accepted, mut refused) = (Vec::new(), 0, 0);
    while let Some(done) = workers.join_next().await {
        let (mut l, a, r) = done?;
        latencies.append(&mut l);
        accepted += a;
        refused += r;
    }
    let seconds = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    latencies.sort_unstable();
    let at = |share: f64| {
        latencies
            .get(((latencies.len() as f64 * share) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Ok(Pass {
        sent: requests.len(),
        accepted,
        refused,
        seconds,
        per_second: requests.len() as f64 / seconds,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
    })
}

/// Signs the activities numbered `numbers`, each from the actor its number picks, for `inbox`;
/// also returns their JSON's size in all.
fn sign(
    peers: &Peers,
    inbox: &url::Url,
    numbers: std::ops::Range<usize>,
) -> anyhow::Result<(Vec<Signed>, usize)> {
    let (mut requests, mut json_bytes) = (Vec::with_capacity(numbers.len()), 0);
    let signing = progress::bar(numbers.len(), "signing");
    for n in numbers {
        let actor = &peers.actors[n % peers.actors.len()];
        let body = serde_json::to_vec(&activity(actor, n))?;
        json_bytes += body.len();
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/activity+json"),
        );
        sign_request_cavage(
            &http::Method::POST,
            inbox,
            &mut headers,
            Some(&body),
            &actor.key_id,
            &actor.key,
            SystemTime::now(),
        )?;
        requests.push(Signed { headers, body });
        signing.inc(1);
    }
    signing.finish_and_clear();
    Ok((requests, json_bytes))
}

fn sqlite_bytes(dir: &std::path::Path) -> u64 {
    ["bench.db", "bench.db-wal"]
        .iter()
        .filter_map(|name| std::fs::metadata(dir.join(name)).ok())
        .map(|meta| meta.len())
        .sum()
}

/// Runs the scenario in `place`.
pub async fn run(args: &InboxArgs, place: &Place) -> anyhow::Result<InboxReport> {
    let dir = place.dir.as_path();
    eprintln!(
        "starting {} peers with {} actors and an instance on {}",
        args.hosts,
        args.actors,
        if place.postgres {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    let peers = Peers::start(args.hosts, args.actors).await?;
    let store = place.store().await?;
    let port = free_port()?;
    let instance = Instance::start(place.database_url.expose(), port, dir).await?;
    let before = sqlite_bytes(dir);

    let inbox = url::Url::parse(&format!("{}/inbox", instance.base()))?;
    let (requests, json_bytes) = sign(&peers, &inbox, 0..args.activities)?;
    let requests = Arc::new(requests);
    let later = args.activities / 4;
    let (half_load_requests, _) = sign(&peers, &inbox, args.activities..args.activities + later)?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .build()?;

    let cpu_before = cpu(&instance, place.postgres);
    let mut rss = [instance.rss_bytes(), 0, 0, 0];
    let started = Instant::now();
    let new = send_all(&client, &inbox, &requests, args.concurrency, None, "new").await?;
    rss[1] = instance.rss_bytes();
    // Applying is timed while the duplicates go (they add nothing to apply): the moment
    // nothing waits any more.
    let applied = tokio::spawn(until_applied(store.clone(), started));
    let duplicates = send_all(
        &client,
        &inbox,
        &requests,
        args.concurrency,
        None,
        "duplicates",
    )
    .await?;
    rss[2] = instance.rss_bytes();
    let applying = progress::bar(args.activities, "applying");
    while !applied.is_finished() {
        let (_, done, dead) = store.inbox_backlog().await?;
        applying.set_position(u64::try_from(done + dead).unwrap_or(0));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    applying.finish_and_clear();
    let applied_seconds = applied.await??;
    let (_, _, set_aside) = store.inbox_backlog().await?;
    rss[3] = instance.rss_bytes();
    let used = cpu(&instance, place.postgres).since(&cpu_before);
    let grown = sqlite_bytes(dir).saturating_sub(before);
    let half_load = send_all(
        &client,
        &inbox,
        &Arc::new(half_load_requests),
        args.concurrency,
        Some(new.per_second / 2.0),
        "half load",
    )
    .await?;
    instance.kill().await?;
    let stored = (!place.postgres).then(|| grown as f64 / args.activities as f64);
    store.close().await;
    Ok(InboxReport {
        database: place.database(),
        activities: args.activities,
        actors: args.actors,
        hosts: args.hosts,
        concurrency: args.concurrency,
        applied_per_second: args.activities as f64 / applied_seconds,
        new,
        duplicates,
        half_load,
        applied_seconds,
        set_aside,
        json_bytes_per_activity: json_bytes as f64 / args.activities.max(1) as f64,
        stored_bytes_per_activity: stored,
        cpu_ms_per_activity: used.total_ns() as f64 / 1e6 / args.activities.max(1) as f64,
        cpu_ms_by_thread: used.in_ms(),
        switches_per_activity: used.switches as f64 / args.activities.max(1) as f64,
        rss_bytes: rss,
    })
}

/// Seconds from `started` until no stored activity waits to be applied (asked every 20 ms).
async fn until_applied(store: crate::db::Store, started: Instant) -> anyhow::Result<f64> {
    while store.inbox_has_pending().await? {
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(1800),
            "activities still wait to be applied after 30 minutes"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(started.elapsed().as_secs_f64())
}

/// The instance's CPU so far, with PostgreSQL's when it runs on it.
fn cpu(instance: &Instance, postgres: bool) -> ThreadCpu {
    let mut cpu = instance.cpu();
    if postgres {
        cpu.add_postgres();
    }
    cpu
}
