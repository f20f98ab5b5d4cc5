//! `solidarity serve`: open the store, bind, serve until a shutdown signal, with the delivery
//! worker, the inbox processor and the count publisher running beside the HTTP server.

use super::open_store;
use crate::config::Config;
use crate::federation::delivery::{DeliveryLimits, DeliveryWorker};
use crate::service::received::InboxProcessor;
use crate::service::{actors, instance};
use crate::state::AppState;
use anyhow::Context;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// How often RSVP count changes go out as Updates (many RSVPs, one Update per event).
const COUNTS_INTERVAL: Duration = Duration::from_secs(10);
/// How long workers may take to finish their round after the HTTP server stopped.
const WORKER_GRACE: Duration = Duration::from_secs(30);
/// How often expired browser sessions are deleted.
const SESSION_SWEEP_INTERVAL: Duration = Duration::from_secs(3600);

pub async fn run(config: Config) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    instance::claim_domain(&store, &config.domain).await?;
    actors::ensure_instance_actor(&store).await?;
    if config.role == crate::domain::InstanceRole::Software {
        crate::service::registry::ensure_registry_actor(&store).await?;
    }
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
    let (stop_workers, stopped) = watch::channel(false);
    let delivery =
        tokio::spawn(DeliveryWorker::new(&state, DeliveryLimits::default()).run(stopped.clone()));
    let inbox = tokio::spawn(InboxProcessor::new(&state).run(stopped.clone()));
    let counts = tokio::spawn(publish_counts(state.clone(), stopped.clone()));
    let sweep = tokio::spawn(forget_expired_sessions(state.clone(), stopped.clone()));
    let network = tokio::spawn(refresh_memberships(state.clone(), stopped));
    crate::serve(listener, state, shutdown_signal())
        .await
        .context("the HTTP server failed")?;
    // Workers finish the round in flight; whatever is not done stays queued in the database.
    let _ = stop_workers.send(true);
    if tokio::time::timeout(WORKER_GRACE, async {
        let _ = delivery.await;
        let _ = inbox.await;
        let _ = counts.await;
        let _ = sweep.await;
        let _ = network.await;
    })
    .await
    .is_err()
    {
        tracing::warn!("workers did not finish in time; their leased rows will be retried");
    }
    store.close().await;
    tracing::info!("Solidarity stopped");
    Ok(())
}

/// Sends the coalesced count Updates every `COUNTS_INTERVAL` until `shutdown` turns true.
async fn publish_counts(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let urls = state.urls().clone();
    while !*shutdown.borrow() {
        match crate::service::counts::publish_pending_counts(&state.store, &urls).await {
            Ok(0) => {}
            Ok(queued) => tracing::debug!(queued, "count updates queued"),
            Err(error) => tracing::error!(%error, "publishing counts failed"),
        }
        tokio::select! {
            () = tokio::time::sleep(COUNTS_INTERVAL) => {}
            _ = shutdown.changed() => {}
        }
    }
}

/// Deletes expired browser sessions every `SESSION_SWEEP_INTERVAL` until `shutdown`.
async fn forget_expired_sessions(state: AppState, mut shutdown: watch::Receiver<bool>) {
    while !*shutdown.borrow() {
        match crate::service::accounts::forget_expired_sessions(&state).await {
            Ok(0) => {}
            Ok(forgotten) => tracing::debug!(forgotten, "expired sessions deleted"),
            Err(error) => tracing::error!(%error, "deleting expired sessions failed"),
        }
        tokio::select! {
            () = tokio::time::sleep(SESSION_SWEEP_INTERVAL) => {}
            _ = shutdown.changed() => {}
        }
    }
}

/// How often a platform co-op asks the registry again about memberships about to expire, and
/// the registry closes the proposals whose time is up.
const MEMBERSHIP_REFRESH_INTERVAL: Duration = Duration::from_secs(60);

/// Every `MEMBERSHIP_REFRESH_INTERVAL`: refreshes the network memberships whose proof expires
/// within ten minutes, so the "member of the network" mark stays while the registry says so,
/// forgets the ballots delivered from here, and closes the proposals whose time is up.
async fn refresh_memberships(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let within = 10 * 60_000;
    while !*shutdown.borrow() {
        match crate::service::network::refresh_expiring(&state, within).await {
            Ok(0) => {}
            Ok(refreshed) => tracing::debug!(refreshed, "network memberships refreshed"),
            Err(error) => tracing::error!(%error, "refreshing network memberships failed"),
        }
        if crate::service::network::registry(&state)
            .await
            .is_ok_and(|r| r.is_some())
        {
            match crate::service::network::replicate(&state).await {
                Ok(done) if done.copied > 0 => {
                    tracing::info!(copied = done.copied, "registry log entries copied")
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "copying the registry's log failed"),
            }
        }
        match crate::service::network::forget_sent_ballots(&state).await {
            Ok(0) => {}
            Ok(forgotten) => tracing::debug!(forgotten, "delivered ballots forgotten"),
            Err(error) => tracing::error!(%error, "forgetting delivered ballots failed"),
        }
        match crate::service::registry::close_due(&state).await {
            Ok(0) => {}
            Ok(closed) => tracing::info!(closed, "proposals closed and their results published"),
            Err(error) => tracing::error!(%error, "closing proposals failed"),
        }
        tokio::select! {
            () = tokio::time::sleep(MEMBERSHIP_REFRESH_INTERVAL) => {}
            _ = shutdown.changed() => {}
        }
    }
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
