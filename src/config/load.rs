//! Reading the configuration: built-in defaults, then the TOML file, then `SOLIDARITY_*`
//! environment variables, each layer merged over the last; unknown keys become warnings and an
//! invalid value stops start-up with a message naming the key and where it was set.

use super::{Config, DatabaseUrl, FederationSettings, InstanceInfo, Limits};
use crate::domain::{Domain, InstanceRole};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use toml::{Table, Value};

/// Prefix of environment overrides; `__` separates sections (`SOLIDARITY_FEDERATION__ALLOW_PLAIN_HTTP`).
pub const ENV_PREFIX: &str = "SOLIDARITY_";
/// Environment variable naming the config file, read by the command line, not an override.
pub const ENV_CONFIG_FILE: &str = "SOLIDARITY_CONFIG";

/// A configuration together with the warnings found while reading it.
#[derive(Debug)]
pub struct LoadedConfig {
    pub config: Config,
    pub warnings: Vec<String>,
}

/// Why the configuration could not be used. Every message names the file, key or variable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config file {path} is not valid TOML (line {line}): {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("invalid value for {key} ({origin}): {message}")]
    Invalid {
        key: String,
        origin: String,
        message: String,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(default)]
struct RawConfig {
    domain: String,
    listen: String,
    database_url: String,
    role: InstanceRole,
    instance: RawInstance,
    federation: RawFederation,
    limits: RawLimits,
}

#[derive(Serialize, Deserialize)]
#[serde(default)]
struct RawInstance {
    name: String,
    description: String,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct RawFederation {
    allow_plain_http: Option<bool>,
    allow_private_addresses: Option<bool>,
    allowed_private_hosts: Vec<String>,
    require_signed_fetch: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(default)]
struct RawLimits {
    request_body_bytes: u64,
    request_timeout_secs: u64,
    inbox_per_host_per_minute: u32,
}

impl Default for RawConfig {
    fn default() -> Self {
        Self {
            domain: "localhost:8080".to_owned(),
            listen: "127.0.0.1:8080".to_owned(),
            database_url: "sqlite:data/solidarity.db".to_owned(),
            role: InstanceRole::Platform,
            instance: RawInstance::default(),
            federation: RawFederation::default(),
            limits: RawLimits::default(),
        }
    }
}

impl Default for RawInstance {
    fn default() -> Self {
        Self {
            name: "Solidarity".to_owned(),
            description: "A platform co-op's home for campaigns, actions and events.".to_owned(),
        }
    }
}

impl Default for RawLimits {
    fn default() -> Self {
        Self {
            request_body_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            inbox_per_host_per_minute: 1200,
        }
    }
}

/// Reads the optional file at `path` and this process's `SOLIDARITY_*` variables.
pub fn load(path: Option<&Path>) -> Result<LoadedConfig, ConfigError> {
    let file = match path {
        Some(path) => Some((
            path.to_owned(),
            std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.to_owned(),
                source,
            })?,
        )),
        None => None,
    };
    from_sources(file, std::env::vars())
}

/// Builds the configuration from a file's `(path, text)` and environment pairs.
pub fn from_sources(
    file: Option<(PathBuf, String)>,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<LoadedConfig, ConfigError> {
    let mut merged = Value::try_from(RawConfig::default())
        .expect("the defaults serialize to TOML")
        .as_table()
        .cloned()
        .unwrap_or_default();
    // Where each key was last set, for error messages: "the file x.toml" or "SOLIDARITY_X".
    let mut origins: BTreeMap<String, String> = BTreeMap::new();
    let mut warnings = Vec::new();

    if let Some((path, text)) = &file {
        let table: Table = text
            .parse()
            .map_err(|e: toml::de::Error| ConfigError::Syntax {
                path: path.clone(),
                line: e.span().map_or(1, |span| line_of(text, span.start)),
                message: e.message().trim().to_owned(),
            })?;
        for key in leaf_keys(&table, "") {
            origins.insert(key, format!("in {}", path.display()));
        }
        merge(&mut merged, table);
    }

    let mut env: Vec<(String, String)> = env
        .into_iter()
        .filter(|(name, _)| name.starts_with(ENV_PREFIX) && name != ENV_CONFIG_FILE)
        .collect();
    env.sort();
    for (name, raw) in env {
        let path: Vec<String> = name[ENV_PREFIX.len()..]
            .split("__")
            .map(str::to_ascii_lowercase)
            .collect();
        let key = path.join(".");
        let value =
            env_value(lookup(&merged, &path), &raw).map_err(|message| ConfigError::Invalid {
                key: key.clone(),
                origin: format!("set by {name}"),
                message,
            })?;
        origins.insert(key, format!("set by {name}"));
        insert(&mut merged, &path, value);
    }

    let origin_of = |key: &str| {
        origins
            .get(key)
            .cloned()
            .unwrap_or_else(|| "the default".to_owned())
    };
    let mut ignored: Vec<String> = Vec::new();
    let mut note_ignored = |path: serde_ignored::Path<'_>| ignored.push(path.to_string());
    let raw: RawConfig = serde_path_to_error::deserialize(serde_ignored::Deserializer::new(
        Value::Table(merged),
        &mut note_ignored,
    ))
    .map_err(|e| {
        let key = e.path().to_string();
        ConfigError::Invalid {
            origin: origin_of(&key),
            message: e.into_inner().message().trim().to_owned(),
            key,
        }
    })?;
    for key in ignored {
        warnings.push(format!(
            "unknown config key {key} ({}) is ignored",
            origin_of(&key)
        ));
    }

    let invalid = |key: &str, message: String| ConfigError::Invalid {
        key: key.to_owned(),
        origin: origin_of(key),
        message,
    };
    let domain = Domain::parse(&raw.domain).map_err(|e| invalid("domain", e.to_string()))?;
    let listen: SocketAddr = raw.listen.trim().parse().map_err(|_| {
        invalid(
            "listen",
            format!("'{}' is not an address like 127.0.0.1:8080", raw.listen),
        )
    })?;
    let database_url = DatabaseUrl::parse(&raw.database_url)
        .map_err(|e| invalid("database_url", e.to_string()))?;
    if raw.instance.name.trim().is_empty() {
        return Err(invalid("instance.name", "must not be empty".to_owned()));
    }
    if raw.limits.request_body_bytes < 1024 {
        return Err(invalid(
            "limits.request_body_bytes",
            "must be at least 1024".to_owned(),
        ));
    }
    if raw.limits.inbox_per_host_per_minute == 0 {
        return Err(invalid(
            "limits.inbox_per_host_per_minute",
            "must be at least 1".to_owned(),
        ));
    }
    if raw.limits.request_timeout_secs == 0 {
        return Err(invalid(
            "limits.request_timeout_secs",
            "must be at least 1".to_owned(),
        ));
    }
    let development = domain.is_localhost();
    let config = Config {
        listen,
        database_url,
        role: raw.role,
        instance: InstanceInfo {
            name: raw.instance.name.trim().to_owned(),
            description: raw.instance.description.trim().to_owned(),
        },
        federation: FederationSettings {
            allow_plain_http: raw.federation.allow_plain_http.unwrap_or(development),
            allow_private_addresses: raw
                .federation
                .allow_private_addresses
                .unwrap_or(development),
            allowed_private_hosts: raw.federation.allowed_private_hosts,
            require_signed_fetch: raw.federation.require_signed_fetch,
        },
        limits: Limits {
            request_body_bytes: usize::try_from(raw.limits.request_body_bytes)
                .unwrap_or(usize::MAX),
            request_timeout: Duration::from_secs(raw.limits.request_timeout_secs),
            inbox_per_host_per_minute: raw.limits.inbox_per_host_per_minute,
        },
        domain,
    };
    Ok(LoadedConfig { config, warnings })
}

/// Types an environment string after the default it replaces; keys without a default
/// (switches that are "auto" when unset) take `true`/`false` as booleans.
fn env_value(current: Option<&Value>, raw: &str) -> Result<Value, String> {
    let text = raw.trim();
    match current {
        Some(Value::Boolean(_)) => parse_bool(text).map(Value::Boolean),
        Some(Value::Integer(_)) => text
            .parse()
            .map(Value::Integer)
            .map_err(|_| format!("'{text}' is not a whole number")),
        Some(Value::Array(_)) => Ok(Value::Array(
            text.split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| Value::String(item.to_owned()))
                .collect(),
        )),
        Some(_) => Ok(Value::String(raw.to_owned())),
        None => Ok(parse_bool(text).map_or_else(|_| Value::String(raw.to_owned()), Value::Boolean)),
    }
}

fn parse_bool(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(format!("'{text}' is not true or false")),
    }
}

fn lookup<'a>(table: &'a Table, path: &[String]) -> Option<&'a Value> {
    let (last, parents) = path.split_last()?;
    let mut current = table;
    for part in parents {
        current = current.get(part)?.as_table()?;
    }
    current.get(last)
}

fn insert(table: &mut Table, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut current = table;
    for part in parents {
        let entry = current
            .entry(part.clone())
            .or_insert_with(|| Value::Table(Table::new()));
        if !entry.is_table() {
            *entry = Value::Table(Table::new());
        }
        let Value::Table(next) = entry else {
            return;
        };
        current = next;
    }
    current.insert(last.clone(), value);
}

fn merge(base: &mut Table, over: Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(inner)), Value::Table(over_inner)) => merge(inner, over_inner),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn leaf_keys(table: &Table, prefix: &str) -> Vec<String> {
    table
        .iter()
        .flat_map(|(key, value)| {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                Value::Table(inner) => leaf_keys(inner, &path),
                _ => vec![path],
            }
        })
        .collect()
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
