//! `admin block`, `blocks`, `unblock`, `queue` and `retry`: the instance's relations with
//! other servers.

use super::table::{Format, Listing, time};
use crate::db::{DbDomainBlock, HostQueueStats, Store};
use crate::domain::HostName;
use crate::service::blocks;
use anyhow::Context;
use serde::Serialize;

/// A block as `admin blocks --json` prints it.
#[derive(Serialize)]
struct BlockView {
    domain: String,
    reason: String,
    since: String,
}

impl From<DbDomainBlock> for BlockView {
    fn from(block: DbDomainBlock) -> Self {
        Self {
            domain: block.domain.to_string(),
            reason: block.reason,
            since: time(block.created_at),
        }
    }
}

/// One instance's deliveries as `admin queue --json` prints them.
#[derive(Serialize)]
struct QueueView {
    instance: String,
    pending: i64,
    /// Pending after at least one failed attempt.
    failing: i64,
    /// Given up on.
    dead: i64,
    unreachable_since: Option<String>,
}

impl From<HostQueueStats> for QueueView {
    fn from(stats: HostQueueStats) -> Self {
        Self {
            instance: stats.host,
            pending: stats.pending,
            failing: stats.failing,
            dead: stats.failed,
            unreachable_since: stats.unreachable_since.map(time),
        }
    }
}

fn parse_domain(input: &str) -> anyhow::Result<HostName> {
    HostName::parse(input).with_context(|| format!("domain '{input}'"))
}

/// `admin block`: blocks, then says what the block removed.
pub async fn block(store: &Store, domain: &str, reason: &str) -> anyhow::Result<()> {
    let domain = parse_domain(domain)?;
    let applied = blocks::block_domain(store, &domain, reason).await?;
    if applied.newly_blocked {
        println!("blocked {domain} and its subdomains");
    } else {
        println!("{domain} was already blocked");
    }
    for removed in &applied.followers_removed {
        println!(
            "removed follower {} of {}",
            removed.remote_actor, removed.local_handle
        );
    }
    for removed in &applied.following_removed {
        println!(
            "removed {}'s follow of {}",
            removed.local_handle, removed.remote_actor
        );
    }
    println!(
        "{} followers and {} follows removed, {} pending deliveries failed",
        applied.followers_removed.len(),
        applied.following_removed.len(),
        applied.deliveries_failed
    );
    Ok(())
}

pub async fn blocks(store: &Store, format: Format) -> anyhow::Result<()> {
    let rows: Vec<BlockView> = blocks::domain_blocks(store)
        .await?
        .into_iter()
        .map(BlockView::from)
        .collect();
    Listing {
        headers: &["DOMAIN", "SINCE", "REASON"],
        empty: "no domain is blocked",
        rows,
        cells: |block| {
            vec![
                block.domain.clone(),
                block.since.clone(),
                block.reason.clone(),
            ]
        },
    }
    .print(format)
}

pub async fn unblock(store: &Store, domain: &str) -> anyhow::Result<()> {
    let domain = parse_domain(domain)?;
    blocks::unblock_domain(store, &domain).await?;
    println!("unblocked {domain}");
    Ok(())
}

pub async fn queue(store: &Store, format: Format) -> anyhow::Result<()> {
    let rows: Vec<QueueView> = crate::service::instance::delivery_queue(store)
        .await?
        .into_iter()
        .map(QueueView::from)
        .collect();
    Listing {
        headers: &[
            "INSTANCE",
            "PENDING",
            "FAILING",
            "DEAD",
            "UNREACHABLE SINCE",
        ],
        empty: "the delivery queue is empty",
        rows,
        cells: |row| {
            vec![
                row.instance.clone(),
                row.pending.to_string(),
                row.failing.to_string(),
                row.dead.to_string(),
                row.unreachable_since
                    .clone()
                    .unwrap_or_else(|| "-".to_owned()),
            ]
        },
    }
    .print(format)
}

pub async fn retry(store: &Store, host: Option<&str>) -> anyhow::Result<()> {
    let count = crate::service::instance::retry_deliveries_now(store, host).await?;
    let target = host.unwrap_or("all instances");
    println!("{count} pending deliveries to {target} are due now");
    Ok(())
}
