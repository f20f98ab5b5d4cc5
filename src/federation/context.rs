//! `Federation`: the per-instance federation machinery shared by handlers and workers: the
//! URLs we mint, key caches, and the signals that wake the workers.

use super::keys::ActorKeyPair;
use super::urls::Urls;
use crate::config::Config;
use crate::db::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// Shared federation state of one instance. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Federation {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    urls: Urls,
    delivery_wakeup: Notify,
    inbox_wakeup: Notify,
    /// Parsed private keys of local actors by actor id: parsing a key costs as much as ~20
    /// signatures, so each is parsed once per process.
    local_keys: Mutex<HashMap<i64, ActorKeyPair>>,
}

impl Federation {
    pub fn new(config: &Config) -> Self {
        Self {
            inner: Arc::new(Inner {
                urls: Urls::new(config),
                delivery_wakeup: Notify::new(),
                inbox_wakeup: Notify::new(),
                local_keys: Mutex::new(HashMap::new()),
            }),
        }
    }

    pub fn urls(&self) -> &Urls {
        &self.inner.urls
    }

    /// Tells the delivery worker that new rows are queued.
    pub fn wake_delivery(&self) {
        self.inner.delivery_wakeup.notify_one();
    }

    /// Completes when `wake_delivery` was called (or had been since the last wait).
    pub async fn delivery_woken(&self) {
        self.inner.delivery_wakeup.notified().await;
    }

    /// Tells the inbox processor that activities are stored.
    pub fn wake_inbox(&self) {
        self.inner.inbox_wakeup.notify_one();
    }

    pub async fn inbox_woken(&self) {
        self.inner.inbox_wakeup.notified().await;
    }

    /// The signing key of local actor `actor_id`, parsed once and cached.
    pub async fn local_key(
        &self,
        store: &Store,
        actor_id: i64,
    ) -> Result<ActorKeyPair, FederationError> {
        if let Some(key) = self.cached_key(actor_id) {
            return Ok(key);
        }
        let pem = store.actor_private_key_pem(actor_id).await?;
        let key = tokio::task::spawn_blocking(move || ActorKeyPair::from_private_pem(&pem))
            .await
            .map_err(|e| FederationError::Internal(e.to_string()))??;
        if let Ok(mut keys) = self.inner.local_keys.lock() {
            keys.insert(actor_id, key.clone());
        }
        Ok(key)
    }

    fn cached_key(&self, actor_id: i64) -> Option<ActorKeyPair> {
        self.inner.local_keys.lock().ok()?.get(&actor_id).cloned()
    }
}

/// A failure inside the federation machinery.
#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    #[error(transparent)]
    Store(#[from] crate::db::DbError),
    #[error(transparent)]
    Key(#[from] super::keys::KeyError),
    #[error("internal error: {0}")]
    Internal(String),
}
