//! One post to followers on many instances: a fresh instance (its own process) whose
//! organization is followed from `instances` remote instances on loopback, a share of them
//! dead, the live ones answering after 50–300 ms and checking every signature. Measured: the
//! time until every live instance has the post and until every delivery was tried, the
//! deliveries in flight at the peak, the instance's CPU per delivery against one signature, and
//! then the same with the process killed mid-run and started again: nothing may be lost.

use super::child::{Instance, free_port};
use super::inboxes::{DeadMode, Inboxes};
use super::progress;
use super::scratch::Place;
use super::seed;
use serde::Serialize;
use std::path::Path;
use std::time::{Duration, Instant};

/// What the scenario is asked to do.
#[derive(Clone, Debug, clap::Args)]
pub struct FanoutArgs {
    /// Remote instances following the organization (one delivery each).
    #[arg(long, default_value_t = 10_000)]
    pub instances: usize,
    /// Share of them that are down.
    #[arg(long, default_value_t = 0.15)]
    pub dead: f64,
    /// How they are down: refusing connections, or accepting them and never answering (each
    /// delivery there then waits for the sender's timeout).
    #[arg(long, value_enum, default_value_t = DeadMode::Refuse)]
    pub dead_mode: DeadMode,
    /// The shortest answer of a live instance, in milliseconds.
    #[arg(long, default_value_t = 50)]
    pub min_latency_ms: u64,
    /// The longest answer of a live instance, in milliseconds.
    #[arg(long, default_value_t = 300)]
    pub max_latency_ms: u64,
}

/// The figures of one fan-out.
#[derive(Clone, Debug, Serialize)]
pub struct FanoutReport {
    pub database: String,
    pub instances: usize,
    pub live: usize,
    pub dead_mode: DeadMode,
    pub min_latency_ms: u64,
    pub max_latency_ms: u64,
    /// Delivery rows queued for the post (one per instance).
    pub queued_rows: i64,
    /// From the request to publish until every live instance had the post.
    pub live_delivered_seconds: f64,
    /// Until every delivery had been tried once (the dead ones wait for a retry).
    pub all_tried_seconds: f64,
    pub deliveries_per_second: f64,
    /// The most requests the peers were answering at once.
    pub most_in_flight: usize,
    /// The instance's CPU time per delivery tried, and by thread kind (and PostgreSQL's
    /// processes) over the run.
    pub cpu_ms_per_delivery: f64,
    pub cpu_ms_by_thread: std::collections::BTreeMap<String, f64>,
    pub refused_signatures: usize,
    /// The instance's resident memory after the fan-out.
    pub rss_bytes: u64,
    pub kill: KillReport,
}

/// The fan-out of a second post with the process killed part way.
#[derive(Clone, Debug, Serialize)]
pub struct KillReport {
    /// Live instances that had the post when the process was killed.
    pub had_it_at_kill: usize,
    /// Live instances that never got it.
    pub lost: usize,
    /// Requests beyond one per live instance (sent before the kill, recorded after).
    pub duplicates: usize,
    /// From the restart until every live instance had it.
    pub recovered_seconds: f64,
}

/// Runs the scenario in `place`.
pub async fn run(args: &FanoutArgs, place: &Place) -> anyhow::Result<FanoutReport> {
    let store = place.store().await?;
    let database_url = place.database_url.expose().to_owned();
    // The bench's own look at the queue, beside the instance's.
    let pool = sqlx::AnyPool::connect(&database_url).await?;
    let seeded = seed::organization(&store).await?;
    eprintln!(
        "starting {} remote instances ({:.0}% dead: {}; answering in {}–{} ms)",
        args.instances,
        args.dead * 100.0,
        args.dead_mode.describe(),
        args.min_latency_ms,
        args.max_latency_ms
    );
    let latency = (
        Duration::from_millis(args.min_latency_ms),
        Duration::from_millis(args.max_latency_ms.max(args.min_latency_ms)),
    );
    let inboxes = Inboxes::start(
        args.instances,
        (args.dead, args.dead_mode),
        latency,
        &seeded.public_key_pem,
    )
    .await?;
    seed::followers(
        &store,
        seeded.actor_id,
        &seeded.public_key_pem,
        &inboxes.instances,
    )
    .await?;
    let port = free_port()?;
    let instance = Instance::start(&database_url, port, &place.dir).await?;
    let client = reqwest::Client::new();
    let live = inboxes.live();

    // The post, and every live instance having it.
    let cpu = |instance: &Instance| {
        let mut cpu = instance.cpu();
        if place.postgres {
            cpu.add_postgres();
        }
        cpu
    };
    let before = cpu(&instance);
    let started = Instant::now();
    let object = instance
        .publish_note(&client, &seeded.token, "The rent strike holds")
        .await?;
    let bar = progress::bar(args.instances, "fan-out");
    let (mut live_delivered, mut all_tried) = (None, None);
    while live_delivered.is_none() || all_tried.is_none() {
        let (have, _) = inboxes.received.of(&object);
        let untried = untried(&pool).await?;
        bar.set_position(u64::try_from(args.instances - untried.min(args.instances)).unwrap_or(0));
        if have >= live && live_delivered.is_none() {
            live_delivered = Some(started.elapsed().as_secs_f64());
        }
        if untried == 0 && all_tried.is_none() {
            all_tried = Some(started.elapsed().as_secs_f64());
        }
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(300),
            "after 5 minutes {have} of {live} live instances have the post, {untried} deliveries untried"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bar.finish_and_clear();
    let cpu = cpu(&instance).since(&before);
    let rss_bytes = instance.rss_bytes();
    let queued_rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deliveries")
        .fetch_one(&pool)
        .await?;
    let (live_delivered, all_tried) = (live_delivered.unwrap_or(0.0), all_tried.unwrap_or(0.0));

    let (kill, instance) =
        killed_mid_run(&pool, &inboxes, instance, &seeded.token, &place.dir).await?;
    instance.kill().await?;
    pool.close().await;
    store.close().await;
    Ok(FanoutReport {
        database: place.database(),
        instances: args.instances,
        live,
        dead_mode: args.dead_mode,
        min_latency_ms: args.min_latency_ms,
        max_latency_ms: args.max_latency_ms,
        queued_rows,
        live_delivered_seconds: live_delivered,
        all_tried_seconds: all_tried,
        deliveries_per_second: args.instances as f64 / all_tried.max(f64::EPSILON),
        most_in_flight: inboxes.received.most_in_flight(),
        cpu_ms_per_delivery: cpu.total_ns() as f64 / 1e6 / args.instances.max(1) as f64,
        cpu_ms_by_thread: cpu.in_ms(),
        refused_signatures: inboxes.received.refused(),
        rss_bytes,
        kill,
    })
}

/// Deliveries not tried yet.
async fn untried(pool: &sqlx::AnyPool) -> anyhow::Result<usize> {
    let untried: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM deliveries WHERE state = 'pending' AND attempts = 0",
    )
    .fetch_one(pool)
    .await?;
    Ok(usize::try_from(untried).unwrap_or(0))
}

/// A second post; the process is killed (SIGKILL) once 40% of the live instances have it,
/// the leases it held are let lapse (as a minute would), and a new process finishes the job.
async fn killed_mid_run(
    pool: &sqlx::AnyPool,
    inboxes: &Inboxes,
    instance: Instance,
    token: &str,
    dir: &Path,
) -> anyhow::Result<(KillReport, Instance)> {
    let live = inboxes.live();
    let client = reqwest::Client::new();
    let started = Instant::now();
    let object = instance
        .publish_note(&client, token, "The strike goes on")
        .await?;
    let had_it_at_kill = loop {
        let (have, _) = inboxes.received.of(&object);
        if have * 10 >= live * 4 {
            break have;
        }
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(120),
            "the second post did not reach 40% of the live instances in 2 minutes"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    let port = instance.port;
    let database_url = instance.database_url.clone();
    instance.kill().await?;
    sqlx::query("UPDATE deliveries SET lease_until = NULL WHERE lease_until IS NOT NULL")
        .execute(pool)
        .await?;
    let restarted_at = Instant::now();
    let instance = Instance::start(&database_url, port, dir).await?;
    let (have, all) = loop {
        let (have, all) = inboxes.received.of(&object);
        if have >= live {
            break (have, all);
        }
        if restarted_at.elapsed() > Duration::from_secs(120) {
            break (have, all);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    Ok((
        KillReport {
            had_it_at_kill,
            lost: live - have.min(live),
            duplicates: all - have,
            recovered_seconds: restarted_at.elapsed().as_secs_f64(),
        },
        instance,
    ))
}
