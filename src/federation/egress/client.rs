//! The outbound HTTP client: no proxy, no automatic redirects, bounded time, and a resolver that
//! drops forbidden addresses at connect time.
//!
//! The address check lives in the resolver the connector calls for every new connection, so a
//! name that answers a public address to an earlier check and loopback later (DNS rebinding) is
//! still refused. IP-literal URLs never reach a resolver: `EgressPolicy::check_url` covers them
//! and every caller must run it first (`fetch.rs` does).

use super::address::is_forbidden;
use super::policy::{EgressError, EgressPolicy};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::redirect;
use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// The future a [`Lookup`] returns: every address the name has, unfiltered.
pub type LookupFuture = Pin<Box<dyn Future<Output = io::Result<Vec<IpAddr>>> + Send>>;

/// Turns a host name into addresses. The system resolver in production; a fixed table in tests.
pub trait Lookup: Send + Sync {
    /// All addresses of `host`, in preference order. Filtering is the caller's job.
    fn lookup(&self, host: String) -> LookupFuture;
}

/// The operating system's resolver, through tokio.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemLookup;

impl Lookup for SystemLookup {
    fn lookup(&self, host: String) -> LookupFuture {
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            Ok(found.map(|addr| addr.ip()).collect())
        })
    }
}

/// A fixed name → addresses table, for tests and hosts without DNS. Unknown names fail.
#[derive(Clone, Debug, Default)]
pub struct StaticLookup {
    hosts: HashMap<String, Vec<IpAddr>>,
}

impl StaticLookup {
    /// A table with no names in it.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the addresses of `host`.
    pub fn with(mut self, host: &str, addresses: &[IpAddr]) -> Self {
        self.hosts
            .insert(host.to_ascii_lowercase(), addresses.to_vec());
        self
    }
}

impl Lookup for StaticLookup {
    fn lookup(&self, host: String) -> LookupFuture {
        let found = self.hosts.get(&host.to_ascii_lowercase()).cloned();
        Box::pin(async move {
            found.ok_or_else(|| {
                io::Error::new(io::ErrorKind::NotFound, format!("unknown host {host}"))
            })
        })
    }
}

/// Timeouts and the name lookup of an outbound client.
#[derive(Clone)]
pub struct ClientSettings {
    /// Time allowed to open the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, from connecting to the last body byte.
    pub total_timeout: Duration,
    /// Where names are resolved before the egress filter runs.
    pub lookup: Arc<dyn Lookup>,
}

impl Default for ClientSettings {
    /// Production: 5 s to connect, 10 s in all (INV-5), the system resolver.
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(10),
            lookup: Arc::new(SystemLookup),
        }
    }
}

/// The production outbound client: see [`build_client_with`].
pub fn build_client(
    policy: &EgressPolicy,
    user_agent: &str,
) -> Result<reqwest::Client, EgressError> {
    build_client_with(policy, user_agent, ClientSettings::default())
}

/// An outbound client that follows no redirects, ignores proxy settings, enforces the given
/// timeouts and resolves names through `settings.lookup`, dropping every forbidden address
/// unless `policy` exempts the host.
pub fn build_client_with(
    policy: &EgressPolicy,
    user_agent: &str,
    settings: ClientSettings,
) -> Result<reqwest::Client, EgressError> {
    let resolver = GuardedResolver {
        lookup: settings.lookup,
        policy: Arc::new(policy.clone()),
    };
    reqwest::Client::builder()
        .user_agent(user_agent)
        .redirect(redirect::Policy::none())
        .no_proxy()
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.total_timeout)
        .dns_resolver(resolver)
        .build()
        .map_err(EgressError::Client)
}

/// Resolves through an inner [`Lookup`] and keeps only the addresses the policy allows.
struct GuardedResolver {
    lookup: Arc<dyn Lookup>,
    policy: Arc<EgressPolicy>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        let lookup = Arc::clone(&self.lookup);
        let unrestricted = self.policy.allows_private_for(&host);
        Box::pin(async move {
            let found = lookup.lookup(host.clone()).await?;
            if found.is_empty() {
                let message = format!("no addresses for {host}");
                return Err(io::Error::new(io::ErrorKind::NotFound, message).into());
            }
            // Port 0: reqwest fills in the URL's port or the scheme's default.
            let kept: Vec<SocketAddr> = found
                .into_iter()
                .filter(|ip| unrestricted || !is_forbidden(*ip))
                .map(|ip| SocketAddr::new(ip, 0))
                .collect();
            if kept.is_empty() {
                return Err(Box::new(EgressError::NoPublicAddress(host)) as _);
            }
            let addrs: Addrs = Box::new(kept.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
