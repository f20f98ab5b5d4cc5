//! `solidarity bench`: measures the server on this machine from outside, as peers see it, and
//! prints each figure with its ratio to what one core does raw (RSA-2048 signatures), so that
//! runs on different machines compare. `crypto` measures the yardstick; `inbox` floods a fresh
//! instance's inbox from peers on loopback; `all` runs both. A JSON report is written too.

mod crypto;
mod inbox;
mod peers;

pub use inbox::InboxArgs;

use anyhow::Context;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub scenario: Scenario,
    /// Where to write the JSON report.
    #[arg(long, global = true, default_value = "bench-report.json")]
    pub report: PathBuf,
}

#[derive(Debug, clap::Subcommand)]
pub enum Scenario {
    /// RSA-2048 signatures made and checked per second on one core.
    Crypto,
    /// Signed activities posted to a fresh instance's inbox: new ones, then the same again.
    Inbox(InboxArgs),
    /// Every scenario.
    All(InboxArgs),
}

/// Progress bars on standard error.
pub(super) mod progress {
    use indicatif::{ProgressBar, ProgressStyle};

    /// A bar of `length` steps named `label`.
    pub fn bar(length: usize, label: &str) -> ProgressBar {
        let bar = ProgressBar::new(u64::try_from(length).unwrap_or(u64::MAX));
        let style = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} {per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(label.to_owned());
        bar
    }
}

#[derive(Debug, Default, Serialize)]
struct Report {
    crypto: Option<crypto::CryptoRates>,
    inbox: Option<inbox::InboxReport>,
}

fn print_inbox(report: &inbox::InboxReport, rates: &crypto::CryptoRates) {
    let verify = rates.verify_per_second;
    println!(
        "inbox ({}, {} activities from {} actors on {} hosts, {} at a time):",
        report.database, report.activities, report.actors, report.hosts, report.concurrency
    );
    for (name, pass) in [("new", &report.new), ("duplicates", &report.duplicates)] {
        println!(
            "  {name:<10} {:>8.0}/s  ({:.1}% of one core's verify rate)  p50 {:.1} ms  p99 {:.1} ms  \
             accepted {}  refused {}",
            pass.per_second,
            100.0 * pass.per_second / verify,
            pass.p50_ms,
            pass.p99_ms,
            pass.accepted,
            pass.refused
        );
    }
    println!(
        "  duplicates answered {:.2}x as fast as new activities",
        report.duplicates.per_second / report.new.per_second
    );
    println!(
        "  applied    {:>8.0}/s  (all {} applied {:.1} s after the first request; {} set aside)",
        report.applied_per_second, report.activities, report.applied_seconds, report.set_aside
    );
    match report.stored_bytes_per_activity {
        Some(stored) => println!(
            "  storage    {stored:.0} bytes per activity for {:.0} bytes of JSON ({:.2}x)",
            report.json_bytes_per_activity,
            stored / report.json_bytes_per_activity
        ),
        None => println!(
            "  storage    not measured on PostgreSQL ({:.0} bytes of JSON per activity)",
            report.json_bytes_per_activity
        ),
    }
}

/// Runs `args`' scenario, prints the figures and writes the report.
pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    let mut report = Report::default();
    eprintln!("measuring RSA-2048 on one core…");
    let rates = crypto::measure(Duration::from_secs(2)).await?;
    println!(
        "crypto: RSA-2048 rsa-sha256 on one core: sign {:.0}/s, verify {:.0}/s (aws-lc-rs)",
        rates.sign_per_second, rates.verify_per_second
    );
    report.crypto = Some(rates);
    match &args.scenario {
        Scenario::Crypto => {}
        Scenario::Inbox(inbox_args) | Scenario::All(inbox_args) => {
            let figures = inbox::run(inbox_args).await?;
            print_inbox(&figures, &rates);
            report.inbox = Some(figures);
        }
    }
    let json = serde_json::to_string_pretty(&report)?;
    std::fs::write(&args.report, json)
        .with_context(|| format!("writing {}", args.report.display()))?;
    println!("report: {}", args.report.display());
    Ok(())
}
