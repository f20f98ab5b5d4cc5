//! The command line: `serve`, `migrate`, `check-config` and the `admin` commands.

mod admin;
mod serve;

use crate::config::{self, ENV_CONFIG_FILE, LoadedConfig};
use crate::db::Store;
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
    /// Read and validate the configuration, print a summary, then exit.
    CheckConfig,
    /// Manage users, organizations, API tokens and domain blocks.
    #[command(subcommand)]
    Admin(admin::AdminCommand),
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

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let loaded = load_config(cli.config.as_deref())?;
    match cli.command {
        Command::Serve => serve::run(loaded.config).await,
        Command::Migrate => {
            let store = open_store(&loaded.config).await?;
            store.close().await;
            println!("database {} is up to date", loaded.config.database_url);
            Ok(())
        }
        Command::CheckConfig => {
            let config = &loaded.config;
            println!(
                "configuration is valid: domain {}, public URL {}, listening on {}, database {}, role {}",
                config.domain,
                config.public_url(),
                config.listen,
                config.database_url,
                config.role
            );
            Ok(())
        }
        Command::Admin(command) => {
            let store = open_store(&loaded.config).await?;
            let result = admin::run(&store, command).await;
            store.close().await;
            result
        }
    }
}

fn load_config(path: Option<&std::path::Path>) -> anyhow::Result<LoadedConfig> {
    let loaded = config::load(path)?;
    for warning in &loaded.warnings {
        tracing::warn!("{warning}");
    }
    Ok(loaded)
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
