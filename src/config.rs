//! Instance configuration: defaults, overridden by a TOML file, overridden by `SOLIDARITY_*`
//! environment variables (`SOLIDARITY_DOMAIN`, `SOLIDARITY_INSTANCE__NAME`, ...).

mod database_url;
mod fields;
mod load;

pub use database_url::{Backend, DatabaseUrl};
pub use load::{
    ConfigError, ENV_CONFIG_FILE, ENV_PREFIX, InvalidConfig, LoadedConfig, Origins, load,
};

use crate::domain::{Domain, InstanceRole, SignupPolicy};
use std::net::SocketAddr;
use std::time::Duration;

/// The validated configuration, passed around in `AppState`; never a global.
#[derive(Clone, Debug)]
pub struct Config {
    /// Public `host[:port]`; every id this instance mints lives under it.
    pub domain: Domain,
    /// Socket address the HTTP server binds.
    pub listen: SocketAddr,
    /// Where the data lives; its `Debug` hides any password.
    pub database_url: DatabaseUrl,
    pub role: InstanceRole,
    pub instance: InstanceInfo,
    pub federation: FederationSettings,
    pub limits: Limits,
}

/// What the instance says about itself on its home page and in NodeInfo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstanceInfo {
    pub name: String,
    pub description: String,
    /// Whether people may create accounts on the sign-up page.
    pub signup: SignupPolicy,
}

/// Federation switches. The development ones default to on for `localhost[:port]` only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FederationSettings {
    /// Use and accept `http://` ids (development only).
    pub allow_plain_http: bool,
    /// Let outbound requests reach loopback and private addresses (development only).
    pub allow_private_addresses: bool,
    /// Hosts that may be reached even when they resolve to private addresses.
    pub allowed_private_hosts: Vec<String>,
    /// Answer ActivityPub GETs only when signed by an identifiable actor ("authorized fetch").
    pub require_signed_fetch: bool,
}

/// Bounds on what one request may cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    pub request_body_bytes: usize,
    pub request_timeout: Duration,
    /// Activities one remote host may deliver per minute before it is answered 429.
    pub inbox_per_host_per_minute: u32,
}

impl Config {
    /// The configuration used when no file and no environment overrides are given.
    pub fn defaults() -> Self {
        load::from_sources(None, std::iter::empty())
            .map(|loaded| loaded.config)
            .expect("the built-in defaults are valid")
    }

    /// `http` in development, `https` otherwise.
    pub fn scheme(&self) -> &'static str {
        if self.federation.allow_plain_http {
            "http"
        } else {
            "https"
        }
    }

    /// The public base URL, e.g. `https://coop.example`.
    pub fn public_url(&self) -> String {
        format!("{}://{}", self.scheme(), self.domain)
    }
}
