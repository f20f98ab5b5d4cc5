//! The command line: `serve`, `migrate`, `check-config`, the `admin` commands and `bench`.

mod admin;
mod bench;
mod check;
mod serve;

use crate::config::{self, ENV_CONFIG_FILE, LoadedConfig};
use crate::db::Store;
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Solidarity: a federated ActivityPub server for platform co-operatives.
#[derive(Debug, Parser)]
#[command(name = "solidarity", version, about, propagate_version = true)]
pub struct Cli {
    /// TOML configuration file; without one, built-in defaults and SOLIDARITY_* variables apply.
    #[arg(long, short, global = true, env = ENV_CONFIG_FILE, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the instance: migrate the database, then serve HTTP until SIGTERM or Ctrl-C.
    Serve,
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Check the configuration and the database, print a summary or every problem, then exit.
    ///
    /// Reports every invalid key, a database that cannot be opened (or, for SQLite, whose file
    /// could not be created), and a domain other than the one the database's ids were minted
    /// under, each on its own line naming the key and where it was set. Exits non-zero on any
    /// problem. Creates and migrates nothing.
    CheckConfig,
    /// Manage users, organizations, API tokens, domain blocks, the delivery queue and reports.
    Admin(admin::AdminArgs),
    /// Measure this machine: RSA signatures per core, and a fresh instance's inbox flooded by
    /// signing peers on loopback; prints figures with their ratios and writes a JSON report.
    Bench(bench::BenchArgs),
}

impl Cli {
    /// The log filter used when `RUST_LOG` is unset: chatty for the server, quiet for one-shot
    /// commands whose output is meant for people and scripts.
    pub fn default_log_filter(&self) -> &'static str {
        match self.command {
            Command::Serve => "info,sqlx=warn",
            _ => "warn",
        }
    }
}

/// Runs the parsed command line; the exit code when it ran to the end (`check-config` fails
/// after printing its problems itself).
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Command::CheckConfig = cli.command {
        return Ok(check::run(cli.config.as_deref()).await);
    }
    // A bench runs its own instance: the configuration is not read.
    if let Command::Bench(args) = cli.command {
        bench::run(args).await?;
        return Ok(ExitCode::SUCCESS);
    }
    let loaded = load_config(cli.config.as_deref())?;
    match cli.command {
        Command::Serve => serve::run(loaded.config).await?,
        Command::Migrate => {
            let store = open_store(&loaded.config).await?;
            store.close().await;
            println!("database {} is up to date", loaded.config.database_url);
        }
        // Handled above: it must report problems even when the configuration does not load.
        Command::CheckConfig | Command::Bench(_) => {}
        Command::Admin(args) => {
            let store = open_store(&loaded.config).await?;
            // The same service context as `serve`, for the ids the admin commands mint.
            let state = crate::state::AppState::new(loaded.config.clone(), store.clone());
            let result = admin::run(&state, args).await;
            store.close().await;
            result?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads the configuration; any problems become one error, joined on one line.
fn load_config(path: Option<&std::path::Path>) -> anyhow::Result<LoadedConfig> {
    let loaded = config::load(path);
    let warnings = match &loaded {
        Ok(loaded) => &loaded.warnings,
        Err(invalid) => &invalid.warnings,
    };
    for warning in warnings {
        tracing::warn!("{warning}");
    }
    Ok(loaded?)
}

/// Opens the configured database and brings its schema up to date.
async fn open_store(config: &config::Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database_url).await?;
    store
        .migrate()
        .await
        .with_context(|| format!("database {}", config.database_url))?;
    Ok(store)
}

/// Formats an error and its causes on one line, skipping causes the message already quotes.
pub fn one_line(error: &anyhow::Error) -> String {
    let mut line = error.to_string();
    for cause in error.chain().skip(1) {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
    }
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}
