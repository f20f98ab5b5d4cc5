//! `AppState`: the instance as a value, shared by every handler.

use crate::config::Config;
use crate::db::Store;
use crate::federation::context::Federation;
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
        Self {
            federation: Federation::new(&config),
            config: Arc::new(config),
            store,
        }
    }
}
