//! `solidarity bench`: measures the server on this machine from outside, as peers see it, and
//! prints each figure with its ratio to what one core does raw (RSA-2048 signatures), so that
//! runs on different machines compare. `crypto` measures the yardstick; `inbox` floods a fresh
//! instance's inbox from peers on loopback; `all` runs both. A JSON report is written too.

mod chart;
mod child;
mod crypto;
mod fanout;
mod inbox;
mod inboxes;
mod peers;
mod print;
mod reads;
mod scratch;
mod seed;
mod static_server;

pub use fanout::FanoutArgs;
pub use inbox::InboxArgs;
pub use reads::ReadsArgs;

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
    /// Where to write the SVG chart of the figures against their targets (by default beside
    /// the report, with `.svg` for its extension).
    #[arg(long, global = true)]
    pub chart: Option<PathBuf>,
    /// Run on PostgreSQL: each scenario in a schema of its own in this database, dropped after.
    #[arg(long, global = true, value_name = "URL")]
    pub postgres: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Scenario {
    /// RSA-2048 signatures made and checked per second on one core.
    Crypto,
    /// Signed activities posted to a fresh instance's inbox: new ones, then the same again.
    Inbox(InboxArgs),
    /// One post delivered to followers on many instances, then again with a kill mid-run.
    Fanout(FanoutArgs),
    /// Actor, WebFinger, outbox and event page reads against a static server's.
    Reads(ReadsArgs),
    /// Every scenario.
    All(AllArgs),
    /// The reads scenario's baseline (started by it).
    #[command(hide = true)]
    StaticServer(static_server::StaticServerArgs),
}

/// The arguments of every scenario.
#[derive(Debug, clap::Args)]
pub struct AllArgs {
    #[command(flatten)]
    pub inbox: InboxArgs,
    #[command(flatten)]
    pub fanout: FanoutArgs,
    #[command(flatten)]
    pub reads: ReadsArgs,
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
pub(super) struct Report {
    pub(super) crypto: Option<crypto::CryptoRates>,
    pub(super) inbox: Option<inbox::InboxReport>,
    pub(super) fanout: Option<fanout::FanoutReport>,
    pub(super) reads: Option<reads::ReadsReport>,
}

/// Runs `args`' scenario, prints the figures and writes the report.
pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    if let Scenario::StaticServer(server) = &args.scenario {
        return static_server::serve(server).await;
    }
    let mut report = Report::default();
    eprintln!("measuring RSA-2048 on one core…");
    let rates = crypto::measure(Duration::from_secs(2)).await?;
    println!(
        "crypto: RSA-2048 rsa-sha256 on one core: sign {:.0}/s, verify {:.0}/s (aws-lc-rs)",
        rates.sign_per_second, rates.verify_per_second
    );
    report.crypto = Some(rates);
    let (inbox_args, fanout_args, reads_args) = match &args.scenario {
        Scenario::Crypto | Scenario::StaticServer(_) => (None, None, None),
        Scenario::Inbox(inbox) => (Some(inbox), None, None),
        Scenario::Fanout(fanout) => (None, Some(fanout), None),
        Scenario::Reads(reads) => (None, None, Some(reads)),
        Scenario::All(all) => (Some(&all.inbox), Some(&all.fanout), Some(&all.reads)),
    };
    if let Some(inbox_args) = inbox_args {
        let figures = scratch::within(args.postgres.as_deref(), "inbox", |place| async move {
            inbox::run(inbox_args, &place).await
        })
        .await?;
        print::inbox(&figures, &rates);
        report.inbox = Some(figures);
    }
    if let Some(fanout_args) = fanout_args {
        let figures = scratch::within(args.postgres.as_deref(), "fanout", |place| async move {
            fanout::run(fanout_args, &place).await
        })
        .await?;
        print::fanout(&figures, &rates);
        report.fanout = Some(figures);
    }
    if let Some(reads_args) = reads_args {
        let figures = scratch::within(args.postgres.as_deref(), "reads", |place| async move {
            reads::run(reads_args, &place).await
        })
        .await?;
        print::reads(&figures);
        report.reads = Some(figures);
    }
    let figures = print::targets(&report);
    print::verdict(&figures);
    let json = serde_json::to_string_pretty(&report)?;
    std::fs::write(&args.report, json)
        .with_context(|| format!("writing {}", args.report.display()))?;
    let title = format!("solidarity bench on {} cores", num_cpus());
    let chart_path = args
        .chart
        .unwrap_or_else(|| args.report.with_extension("svg"));
    std::fs::write(&chart_path, chart::svg(&title, &figures))
        .with_context(|| format!("writing {}", chart_path.display()))?;
    println!(
        "report: {}, chart: {}",
        args.report.display(),
        chart_path.display()
    );
    Ok(())
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
