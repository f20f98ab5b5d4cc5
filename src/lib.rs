//! Solidarity: a federated ActivityPub server for platform co-operatives.
//!
//! Requests flow one way, `http` → `service` → `db`; the instance is a value (`AppState`) that
//! `app` turns into a router, so tests can run several instances in one process.

pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod federation;
pub mod feeds;
pub mod http;
pub mod service;
pub mod state;

use axum::Router;
use state::AppState;
use std::future::Future;
use tokio::net::TcpListener;

/// The whole HTTP application of one instance.
pub fn app(state: AppState) -> Router {
    http::router(state)
}

/// Serves `state` on `listener` until `shutdown` completes, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // With the peer's address, which sign-in limits count per address.
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
