//! What peers and visitors read most: an organization's actor document, its WebFinger answer,
//! its outbox and an event's page, fetched `concurrency` at a time from a fresh instance (its
//! own process), then the very same bytes from a static server built the same way. The ratio
//! is what the instance's work costs on top of HTTP itself.

use super::child::{Instance, free_port};
use super::progress;
use super::scratch::Place;
use super::seed::{self, ORGANIZATION};
use super::static_server::{StaticAnswer, write_answers};
use anyhow::Context;
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What the scenario is asked to do.
#[derive(Clone, Debug, clap::Args)]
pub struct ReadsArgs {
    /// Requests per kind of read, to the instance and to the baseline each.
    #[arg(long, default_value_t = 10_000)]
    pub requests: usize,
    /// Requests in flight at once (for reads).
    #[arg(
        id = "read_concurrency",
        long = "read-concurrency",
        default_value_t = 32
    )]
    pub concurrency: usize,
}

/// One kind of read.
#[derive(Clone, Debug, Serialize)]
pub struct ReadFigures {
    pub name: String,
    pub target: String,
    pub bytes: usize,
    pub per_second: f64,
    pub p99_ms: f64,
    pub baseline_per_second: f64,
    pub baseline_p99_ms: f64,
    /// `per_second / baseline_per_second`.
    pub ratio: f64,
    /// The instance's CPU time per request.
    pub cpu_us_per_request: f64,
}

/// The scenario's figures.
#[derive(Clone, Debug, Serialize)]
pub struct ReadsReport {
    pub database: String,
    pub requests: usize,
    pub concurrency: usize,
    pub reads: Vec<ReadFigures>,
    /// Of the instance's CPU time over the run, the share of its main thread.
    pub main_thread_share: f64,
}

/// Runs the scenario in `place`.
pub async fn run(args: &ReadsArgs, place: &Place) -> anyhow::Result<ReadsReport> {
    let store = place.store().await?;
    let seeded = seed::organization(&store).await?;
    store.close().await;
    let port = free_port()?;
    let instance = Instance::start(place.database_url.expose(), port, &place.dir).await?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .build()?;
    let event = seed_content(&client, &instance, &seeded.token).await?;
    let authority = format!("127.0.0.1:{port}");
    let targets = [
        (
            "actor",
            format!("/actors/{ORGANIZATION}"),
            "application/activity+json",
        ),
        (
            "webfinger",
            format!("/.well-known/webfinger?resource=acct:{ORGANIZATION}@{authority}"),
            "application/jrd+json",
        ),
        (
            "outbox",
            format!("/actors/{ORGANIZATION}/outbox"),
            "application/activity+json",
        ),
        ("event page", event, "text/html"),
    ];
    // The instance's answers become the baseline's.
    let mut answers = Vec::new();
    for (_, target, accept) in &targets {
        let response = client
            .get(format!("{}{target}", instance.base()))
            .header(reqwest::header::ACCEPT, *accept)
            .send()
            .await?;
        anyhow::ensure!(
            response.status().is_success(),
            "{target} answered {}",
            response.status()
        );
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/octet-stream")
            .to_owned();
        answers.push(StaticAnswer {
            target: target.clone(),
            content_type,
            body: response.text().await?,
        });
    }
    let answers_path = place.dir.join("answers.json");
    write_answers(&answers_path, &answers)?;
    let baseline = Instance::start_static(&answers_path, free_port()?, &place.dir).await?;

    let (mut reads, mut total_cpu, mut main_cpu) = (Vec::new(), 0_u64, 0_u64);
    for ((name, target, accept), answer) in targets.iter().zip(&answers) {
        let before = instance.cpu();
        let ours = load(&client, &instance.base(), target, accept, args, name).await?;
        let used = instance.cpu().since(&before);
        total_cpu += used.total_ns();
        main_cpu += used.by_thread.get("main").copied().unwrap_or(0);
        let theirs = load(&client, &baseline.base(), target, accept, args, "baseline").await?;
        reads.push(ReadFigures {
            name: (*name).to_owned(),
            target: target.clone(),
            bytes: answer.body.len(),
            per_second: ours.0,
            p99_ms: ours.1,
            baseline_per_second: theirs.0,
            baseline_p99_ms: theirs.1,
            ratio: ours.0 / theirs.0.max(f64::EPSILON),
            cpu_us_per_request: used.total_ns() as f64 / 1e3 / args.requests.max(1) as f64,
        });
    }
    instance.kill().await?;
    baseline.kill().await?;
    Ok(ReadsReport {
        database: place.database(),
        requests: args.requests,
        concurrency: args.concurrency,
        reads,
        main_thread_share: main_cpu as f64 / total_cpu.max(1) as f64,
    })
}

/// Twenty notes (the outbox shows them) and an event a week from now; returns the event's path.
async fn seed_content(
    client: &reqwest::Client,
    instance: &Instance,
    token: &str,
) -> anyhow::Result<String> {
    for n in 0..20 {
        instance
            .publish_note(client, token, &format!("Update {n} from the rent strike"))
            .await?;
    }
    let start = chrono::Utc::now() + chrono::Duration::days(7);
    let end = start + chrono::Duration::hours(2);
    let response = client
        .post(format!(
            "{}/api/v1/orgs/{ORGANIZATION}/events",
            instance.base()
        ))
        .bearer_auth(token)
        .json(&serde_json::json!({
            "title": "Tenants' assembly",
            "description": "Where the strike goes next.",
            "body": "Bring your neighbours. **Childcare** on site.",
            "starts_at": start.to_rfc3339(),
            "ends_at": end.to_rfc3339(),
            "place": {"name": "Community hall", "address": "1 Main Street"},
        }))
        .send()
        .await?;
    let status = response.status();
    let body: serde_json::Value = response.json().await?;
    anyhow::ensure!(status.is_success(), "the event: {status} {body}");
    let ap_id = body["ap_id"].as_str().context("the event's id")?;
    let url = url::Url::parse(ap_id)?;
    Ok(url.path().to_owned())
}

/// `args.requests` GETs of `target` at `base`, `args.concurrency` at a time after a warm-up:
/// requests per second and the 99th percentile latency in ms.
async fn load(
    client: &reqwest::Client,
    base: &str,
    target: &str,
    accept: &str,
    args: &ReadsArgs,
    label: &str,
) -> anyhow::Result<(f64, f64)> {
    let url = Arc::new(format!("{base}{target}"));
    round(
        client,
        &url,
        accept,
        (args.requests / 10).max(1),
        args.concurrency,
        label,
    )
    .await?;
    let started = Instant::now();
    let mut latencies = round(client, &url, accept, args.requests, args.concurrency, label).await?;
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let p99 = latencies
        .get((latencies.len() * 99 / 100).min(latencies.len().saturating_sub(1)))
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    Ok((args.requests as f64 / seconds, p99))
}

/// `count` GETs of `url`, `concurrency` at a time; the latency of each.
async fn round(
    client: &reqwest::Client,
    url: &Arc<String>,
    accept: &str,
    count: usize,
    concurrency: usize,
    label: &str,
) -> anyhow::Result<Vec<Duration>> {
    let bar = progress::bar(count, label);
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (client, url, next, bar) = (client.clone(), url.clone(), next.clone(), bar.clone());
        let accept = accept.to_owned();
        workers.spawn(async move {
            let mut latencies = Vec::new();
            while next.fetch_add(1, Ordering::Relaxed) < count {
                let began = Instant::now();
                let response = client
                    .get(url.as_str())
                    .header(reqwest::header::ACCEPT, &accept)
                    .send()
                    .await?;
                anyhow::ensure!(
                    response.status().is_success(),
                    "{url}: {}",
                    response.status()
                );
                response.bytes().await?;
                latencies.push(began.elapsed());
                bar.inc(1);
            }
            Ok(latencies)
        });
    }
    let mut latencies = Vec::with_capacity(count);
    while let Some(done) = workers.join_next().await {
        latencies.extend(done??);
    }
    bar.finish_and_clear();
    Ok(latencies)
}
