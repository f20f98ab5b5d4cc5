//! Reading the configuration: built-in defaults, then the TOML file, then `SOLIDARITY_*`
//! environment variables, each layer merged over the last; unknown keys become warnings and
//! every invalid value is reported together, each naming the key and where it was set.

use super::fields::{Reader, read_fields};
use super::{Config, DatabaseUrl};
use crate::domain::{Domain, InstanceRole, SignupPolicy};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
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
    pub origins: Origins,
}

/// Where each key got its value, for messages about it.
#[derive(Clone, Debug, Default)]
pub struct Origins(BTreeMap<String, String>);

impl Origins {
    /// "in coop.toml", "set by SOLIDARITY_DOMAIN" or "the default".
    pub fn of(&self, key: &str) -> String {
        self.0
            .get(key)
            .cloned()
            .unwrap_or_else(|| "the default".to_owned())
    }
}

/// One problem with the configuration. Every message names the file, key or variable.
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
    /// A well-formed value that does not fit the world: a database that cannot be opened, a
    /// domain other than the one the database was first served under (found by `check-config`).
    #[error("{key} ({origin}): {message}")]
    Mismatch {
        key: String,
        origin: String,
        message: String,
    },
}

/// Every problem found in one reading of the configuration (never empty), with what could still
/// be read so that `check-config` can go on to check the database. Displayed on one line, the
/// problems joined by "; ".
#[derive(Debug, thiserror::Error)]
#[error("{}", joined(.problems))]
pub struct InvalidConfig {
    pub problems: Vec<ConfigError>,
    pub warnings: Vec<String>,
    pub origins: Origins,
    /// The domain, when its own value was valid.
    pub domain: Option<Domain>,
    /// The database URL, when its own value was valid.
    pub database_url: Option<DatabaseUrl>,
}

impl InvalidConfig {
    /// A file that could not be read or parsed: nothing else can be judged.
    fn unreadable(problem: ConfigError) -> Box<Self> {
        Box::new(Self {
            problems: vec![problem],
            warnings: Vec::new(),
            origins: Origins::default(),
            domain: None,
            database_url: None,
        })
    }
}

fn joined(problems: &[ConfigError]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The built-in defaults, as the first layer of the merged table.
#[derive(Serialize)]
struct RawConfig {
    domain: String,
    listen: String,
    database_url: String,
    role: InstanceRole,
    instance: RawInstance,
    federation: RawFederation,
    limits: RawLimits,
}

#[derive(Serialize)]
struct RawInstance {
    name: String,
    description: String,
    signup: SignupPolicy,
}

/// `allow_plain_http` and `allow_private_addresses` have no default here: absent means
/// "automatic" (on for localhost only, see `fields.rs`).
#[derive(Default, Serialize)]
struct RawFederation {
    allowed_private_hosts: Vec<String>,
    require_signed_fetch: bool,
}

#[derive(Serialize)]
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
            signup: SignupPolicy::default(),
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
pub fn load(path: Option<&Path>) -> Result<LoadedConfig, Box<InvalidConfig>> {
    let file = match path {
        Some(path) => Some((
            path.to_owned(),
            std::fs::read_to_string(path).map_err(|source| {
                InvalidConfig::unreadable(ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })
            })?,
        )),
        None => None,
    };
    from_sources(file, std::env::vars())
}

/// Builds the configuration from a file's `(path, text)` and environment pairs. A file that
/// cannot be parsed stops here; otherwise every invalid value is reported, not just the first.
pub fn from_sources(
    file: Option<(PathBuf, String)>,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<LoadedConfig, Box<InvalidConfig>> {
    let mut merged = Value::try_from(RawConfig::default())
        .expect("the defaults serialize to TOML")
        .as_table()
        .cloned()
        .unwrap_or_default();
    // Where each key was last set, for messages: "in x.toml" or "set by SOLIDARITY_X".
    let mut origins: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();

    if let Some((path, text)) = &file {
        let table: Table = text.parse().map_err(|e: toml::de::Error| {
            InvalidConfig::unreadable(ConfigError::Syntax {
                path: path.clone(),
                line: e.span().map_or(1, |span| line_of(text, span.start)),
                message: e.message().trim().to_owned(),
            })
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
        match env_value(lookup(&merged, &path), &raw) {
            Ok(value) => {
                origins.insert(key, format!("set by {name}"));
                insert(&mut merged, &path, value);
            }
            // The value below stays; it is not judged again, so this is its only problem.
            Err(message) => problems.push(ConfigError::Invalid {
                key,
                origin: format!("set by {name}"),
                message,
            }),
        }
    }

    let origins = Origins(origins);
    let mut reader = Reader::new(&merged, &origins);
    let read = read_fields(&mut reader);
    // An unknown key in the file is always said. One from the environment is said only when
    // it looks like a key mistyped: other tools (benchmarks, deployment scripts) set their own
    // `SOLIDARITY_*` variables, which are none of ours.
    let warnings = reader
        .unknown_keys()
        .into_iter()
        .filter_map(|key| {
            let origin = origins.of(&key);
            let from_env = origin.starts_with("set by ");
            match reader.resembled(&key) {
                Some(meant) => Some(format!(
                    "unknown config key {key} ({origin}) is ignored; did you mean {meant}?"
                )),
                None if from_env => None,
                None => Some(format!("unknown config key {key} ({origin}) is ignored")),
            }
        })
        .collect();
    problems.append(&mut reader.problems);
    match read.config {
        Some(config) if problems.is_empty() => Ok(LoadedConfig {
            config,
            warnings,
            origins,
        }),
        _ => Err(Box::new(InvalidConfig {
            problems,
            warnings,
            origins,
            domain: read.domain,
            database_url: read.database_url,
        })),
    }
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

pub(super) fn lookup<'a>(table: &'a Table, path: &[String]) -> Option<&'a Value> {
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

pub(super) fn leaf_keys(table: &Table, prefix: &str) -> Vec<String> {
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
