//! `AppState`: the instance as a value, shared by every handler.

use crate::config::Config;
use crate::db::Store;
use crate::federation::context::Federation;
use crate::federation::egress::ClientSettings;
use std::sync::Arc;

/// Everything a request may need. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
    pub federation: Federation,
}

impl AppState {
    pub fn new(config: Config, store: Store) -> Self {
        Self::with_client_settings(config, store, ClientSettings::default())
    }

    /// An instance whose outbound client uses `settings` (tests resolve test hosts to loopback).
    pub fn with_client_settings(config: Config, store: Store, settings: ClientSettings) -> Self {
        Self {
            federation: Federation::with_client_settings(&config, settings),
            config: Arc::new(config),
            store,
        }
    }
}
