//! `solidarity serve`: open the store, bind, serve until a shutdown signal.

use super::open_store;
use crate::config::Config;
use crate::service::{actors, instance};
use crate::state::AppState;
use anyhow::Context;
use tokio::net::TcpListener;

pub async fn run(config: Config) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    instance::claim_domain(&store, &config.domain).await?;
    actors::ensure_instance_actor(&store).await?;
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let address = listener
        .local_addr()
        .context("cannot read the bound address")?;
    tracing::info!(
        "Solidarity listening on http://{address} as {} (database {})",
        config.public_url(),
        config.database_url
    );
    let state = AppState::new(config, store.clone());
    crate::serve(listener, state, shutdown_signal())
        .await
        .context("the HTTP server failed")?;
    store.close().await;
    tracing::info!("Solidarity stopped");
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
