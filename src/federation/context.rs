//! `Federation`: the per-instance federation machinery shared by handlers and workers: the
//! URLs we mint, key caches, and the signals that wake the workers.

use super::egress::{ClientSettings, EgressPolicy, build_client_with};
use super::inbox::InboxWriter;
use super::keys::{ActorKeyPair, KeyError, PublicKey};
use super::urls::Urls;
use crate::config::Config;
use crate::db::Store;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::Notify;

/// Shared federation state of one instance. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Federation {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    urls: Urls,
    client: reqwest::Client,
    policy: EgressPolicy,
    inbox_wakeup: Notify,
    /// Parsed private keys of local actors by actor id: parsing a key costs as much as ~20
    /// signatures, so each is parsed once per process.
    local_keys: Mutex<HashMap<i64, ActorKeyPair>>,
    /// Parsed public keys of remote actors by key id, with the PEM they were parsed from.
    remote_keys: Mutex<HashMap<String, (String, PublicKey)>>,
    /// When a stored key was last refetched because a signature failed, by key id: at most one
    /// refetch a minute, whether it worked or not.
    key_refetches: Mutex<HashMap<String, std::time::Instant>>,
    /// The inbox's group-commit writer, started on first use (inside the runtime).
    inbox_writer: OnceLock<InboxWriter>,
    /// Inbox deliveries per sending host (SECURITY.md T35).
    inbox_limiter: DefaultKeyedRateLimiter<String>,
    /// Activities stored lately: a retried delivery is answered without checking it again.
    stored_lately: super::inbox::RecentIds,
    /// What other servers answer in fast tests, without the network.
    #[cfg(test)]
    canned: super::canned::CannedOrigins,
}

/// What our requests call themselves.
pub const USER_AGENT: &str = concat!("Solidarity/", env!("CARGO_PKG_VERSION"));

impl Federation {
    /// The machinery for `config`, with the system resolver.
    pub fn new(config: &Config) -> Self {
        Self::with_client_settings(config, ClientSettings::default())
    }

    /// The same with other client settings (tests resolve their `*.test` hosts to loopback).
    pub fn with_client_settings(config: &Config, settings: ClientSettings) -> Self {
        let policy = EgressPolicy::from(&config.federation);
        let client = build_client_with(&policy, USER_AGENT, settings)
            .expect("a reqwest client with a fixed rustls configuration builds");
        Self {
            inner: Arc::new(Inner {
                urls: Urls::new(config),
                client,
                policy,
                inbox_wakeup: Notify::new(),
                local_keys: Mutex::new(HashMap::new()),
                remote_keys: Mutex::new(HashMap::new()),
                key_refetches: Mutex::new(HashMap::new()),
                inbox_writer: OnceLock::new(),
                stored_lately: super::inbox::RecentIds::default(),
                inbox_limiter: RateLimiter::keyed(Quota::per_minute(
                    NonZeroU32::new(config.limits.inbox_per_host_per_minute)
                        .unwrap_or(NonZeroU32::MIN),
                )),
                #[cfg(test)]
                canned: Default::default(),
            }),
        }
    }

    /// Whether the stored key `key_id` may be fetched again now (its signature failed): yes at
    /// most once per `interval`, counted from the last attempt, successful or not.
    pub fn claim_key_refetch(&self, key_id: &str, interval: Duration) -> bool {
        let now = std::time::Instant::now();
        let mut attempts = self
            .inner
            .key_refetches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        attempts.retain(|_, at| now.duration_since(*at) < interval);
        if attempts.contains_key(key_id) {
            return false;
        }
        attempts.insert(key_id.to_owned(), now);
        true
    }

    pub fn urls(&self) -> &Urls {
        &self.inner.urls
    }

    /// The egress-guarded HTTP client every outbound request goes through.
    pub fn client(&self) -> &reqwest::Client {
        &self.inner.client
    }

    pub fn policy(&self) -> &EgressPolicy {
        &self.inner.policy
    }

    /// The inbox writer for `store` (one per instance).
    pub fn inbox_writer(&self, store: &Store) -> &InboxWriter {
        self.inner
            .inbox_writer
            .get_or_init(|| InboxWriter::spawn(store.clone()))
    }

    /// Counts one inbox delivery from `host`; `Err(wait)` when the host is over its budget.
    pub fn inbox_budget(&self, host: &str) -> Result<(), Duration> {
        self.inner
            .inbox_limiter
            .check_key(&host.to_owned())
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets the budgets of hosts that have been quiet (keeps the limiter's memory bounded).
    pub fn forget_quiet_senders(&self) {
        self.inner.inbox_limiter.retain_recent();
    }

    /// Whether the activity `id` was stored lately by this process.
    pub fn stored_lately(&self, id: &str) -> bool {
        self.inner.stored_lately.contains(id)
    }

    /// Remembers that the activity `id` is stored.
    pub fn remember_stored(&self, id: String) {
        self.inner.stored_lately.insert(id);
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

    /// The parsed public key `key_id` with PEM `pem`, parsed once while the PEM stays the same.
    pub fn cached_public_key(&self, key_id: &str, pem: &str) -> Result<PublicKey, KeyError> {
        let cached = self.inner.remote_keys.lock().ok().and_then(|keys| {
            keys.get(key_id)
                .filter(|(cached_pem, _)| cached_pem == pem)
                .map(|(_, key)| key.clone())
        });
        if let Some(key) = cached {
            return Ok(key);
        }
        let key = PublicKey::from_pem(pem)?;
        if let Ok(mut keys) = self.inner.remote_keys.lock() {
            keys.insert(key_id.to_owned(), (pem.to_owned(), key.clone()));
        }
        Ok(key)
    }

    /// Whether `signature` holds under the key of its key id parsed earlier in this process
    /// (`false` when none was: the caller then reads the key the whole way).
    pub fn verifies_with_known_key(&self, signature: &super::signatures::ParsedSignature) -> bool {
        let key = self.inner.remote_keys.lock().ok().and_then(|keys| {
            keys.get(signature.key_id().as_str())
                .map(|(_, key)| key.clone())
        });
        key.is_some_and(|key| super::signatures::verify_signature(signature, &key).is_ok())
    }

    /// The canned origins this instance's fetches are answered from in fast tests.
    #[cfg(test)]
    pub(crate) fn canned(&self) -> &super::canned::CannedOrigins {
        &self.inner.canned
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
