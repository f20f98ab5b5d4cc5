//! `AppState`: the instance as a value, and the one context every service takes. Built once at
//! start (`serve`, the admin CLI, tests) and handed to handlers, workers and services; handlers
//! pass it on whole and never reach into its store (tests/it/layers.rs checks).

use crate::config::Config;
use crate::db::Store;
use crate::federation::context::Federation;
use crate::federation::egress::ClientSettings;
use crate::federation::urls::Urls;
use crate::service::accounts::SignInLimits;
use crate::service::documents::DocumentCache;
use std::sync::Arc;

/// Everything a request, a worker or a service may need: the configuration, the store, and the
/// federation machinery (the URLs we mint, keys, the client, the signals that wake the workers;
/// committing a write that queues a delivery wakes the delivery worker by itself). Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
    pub federation: Federation,
    /// How often anyone may try to sign in to the web pages.
    pub sign_in_limits: Arc<SignInLimits>,
    /// Copies of the local actors' most read documents (`service::documents`).
    pub documents: Arc<DocumentCache>,
}

impl AppState {
    pub fn new(config: Config, store: Store) -> Self {
        Self::with_client_settings(config, store, ClientSettings::default())
    }

    /// The URLs this instance mints.
    pub fn urls(&self) -> &Urls {
        self.federation.urls()
    }

    /// Now, in milliseconds since the epoch, for handlers and the services that hold the
    /// context. It is `db::now_millis`, the clock the store stamps rows with; a clock tests can
    /// set is still to come (issue 11).
    pub fn now(&self) -> i64 {
        crate::db::now_millis()
    }

    /// An instance whose outbound client uses `settings` (tests resolve test hosts to loopback).
    pub fn with_client_settings(config: Config, store: Store, settings: ClientSettings) -> Self {
        Self {
            federation: Federation::with_client_settings(&config, settings),
            config: Arc::new(config),
            store,
            sign_in_limits: Arc::default(),
            documents: Arc::default(),
        }
    }
}
