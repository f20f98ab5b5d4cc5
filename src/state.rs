//! `AppState`: the instance as a value, shared by every handler.

use crate::config::Config;
use crate::db::Store;
use std::sync::Arc;

/// Everything a request may need. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
}

impl AppState {
    pub fn new(config: Config, store: Store) -> Self {
        Self {
            config: Arc::new(config),
            store,
        }
    }
}
