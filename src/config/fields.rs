//! Reading the known keys of the merged configuration one at a time, so that one bad value does
//! not hide another: each key is typed and validated on its own and every problem is kept.

use super::load::{ConfigError, Origins, leaf_keys, lookup};
use super::{Config, DatabaseUrl, FederationSettings, InstanceInfo, Limits};
use crate::domain::{Domain, InstanceRole, SignupPolicy};
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::time::Duration;
use toml::{Table, Value};

/// Sections of the file.
const SECTIONS: [&str; 3] = ["instance", "federation", "limits"];

/// Reads typed values out of the merged table, collecting a problem per invalid key. It also
/// remembers every key it was asked for, so the keys nothing reads are known without a list to
/// keep in step with `read_fields`.
pub(super) struct Reader<'a> {
    table: &'a Table,
    origins: &'a Origins,
    pub(super) problems: Vec<ConfigError>,
    asked: BTreeSet<String>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(table: &'a Table, origins: &'a Origins) -> Self {
        Self {
            table,
            origins,
            problems: Vec::new(),
            asked: BTreeSet::new(),
        }
    }

    fn value(&mut self, key: &str) -> Option<&'a Value> {
        self.asked.insert(key.to_owned());
        let path: Vec<String> = key.split('.').map(str::to_owned).collect();
        lookup(self.table, &path)
    }

    /// The key read that `unknown` most likely meant: within two edits of it, or one containing
    /// the other (`listen_addr` for `listen`), in the same section.
    pub(super) fn resembled(&self, unknown: &str) -> Option<&str> {
        self.asked
            .iter()
            .filter(|known| section(known) == section(unknown))
            .filter(|known| {
                let (a, b) = (leaf(known), leaf(unknown));
                strsim::levenshtein(a, b) <= 2
                    || (a.len() >= 4 && b.contains(a))
                    || (b.len() >= 4 && a.contains(b))
            })
            .min_by_key(|known| strsim::levenshtein(leaf(known), leaf(unknown)))
            .map(String::as_str)
    }

    /// Keys of the merged table that nothing asked for, once `read_fields` has run (a section
    /// replaced by a value is a problem, not a warning).
    pub(super) fn unknown_keys(&self) -> Vec<String> {
        leaf_keys(self.table, "")
            .into_iter()
            .filter(|key| !self.asked.contains(key))
            .collect()
    }

    fn invalid(&mut self, key: &str, message: String) {
        self.problems.push(ConfigError::Invalid {
            key: key.to_owned(),
            origin: self.origins.of(key),
            message,
        });
    }

    /// The value of `key` as a `T`; `None` when absent, or when of the wrong type (noted).
    fn get<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let value = self.value(key)?.clone();
        let typed: Result<T, toml::de::Error> = serde::Deserialize::deserialize(value);
        match typed {
            Ok(typed) => Some(typed),
            Err(error) => {
                self.invalid(key, error.message().trim().to_owned());
                None
            }
        }
    }

    /// The value of `key` as a `T`, then checked or converted by `check`.
    fn parse<T: DeserializeOwned, U>(
        &mut self,
        key: &str,
        check: impl FnOnce(T) -> Result<U, String>,
    ) -> Option<U> {
        match check(self.get(key)?) {
            Ok(checked) => Some(checked),
            Err(message) => {
                self.invalid(key, message);
                None
            }
        }
    }

    /// A whole number of at least `min`.
    fn at_least<T: DeserializeOwned + PartialOrd + std::fmt::Display>(
        &mut self,
        key: &str,
        min: T,
    ) -> Option<T> {
        self.parse(key, |value: T| {
            if value < min {
                Err(format!("must be at least {min}"))
            } else {
                Ok(value)
            }
        })
    }
}

/// What could be read: the whole configuration when every key was valid, and the two values
/// `check-config` needs to check the database even when others were not.
pub(super) struct Fields {
    pub(super) config: Option<Config>,
    pub(super) domain: Option<Domain>,
    pub(super) database_url: Option<DatabaseUrl>,
}

/// Reads every known key, noting each invalid one in `reader.problems`.
pub(super) fn read_fields(reader: &mut Reader<'_>) -> Fields {
    for section in SECTIONS {
        if reader.value(section).is_some_and(|value| !value.is_table()) {
            reader.invalid(
                section,
                format!("must be a section ([{section}]) of settings"),
            );
        }
    }
    let domain = reader.parse("domain", |text: String| {
        Domain::parse(&text).map_err(|e| e.to_string())
    });
    let listen = reader.parse("listen", |text: String| {
        text.trim()
            .parse::<SocketAddr>()
            .map_err(|_| format!("'{text}' is not an address like 127.0.0.1:8080"))
    });
    let database_url = reader.parse("database_url", |text: String| {
        DatabaseUrl::parse(&text).map_err(|e| e.to_string())
    });
    let role = reader.get::<InstanceRole>("role");
    let name = reader.parse("instance.name", |text: String| match text.trim() {
        "" => Err("must not be empty".to_owned()),
        name => Ok(name.to_owned()),
    });
    let description = reader
        .get::<String>("instance.description")
        .map(|text| text.trim().to_owned());
    let signup = reader.get::<SignupPolicy>("instance.signup");
    // Absent means "automatic": on for localhost only.
    let allow_plain_http = reader.get::<bool>("federation.allow_plain_http");
    let allow_private_addresses = reader.get::<bool>("federation.allow_private_addresses");
    let allowed_private_hosts = reader.get::<Vec<String>>("federation.allowed_private_hosts");
    let require_signed_fetch = reader.get::<bool>("federation.require_signed_fetch");
    let request_body_bytes = reader.at_least::<u64>("limits.request_body_bytes", 1024);
    let request_timeout_secs = reader.at_least::<u64>("limits.request_timeout_secs", 1);
    let inbox_per_host_per_minute = reader.at_least::<u32>("limits.inbox_per_host_per_minute", 1);

    let mut fields = Fields {
        config: None,
        domain: domain.clone(),
        database_url: database_url.clone(),
    };
    // Every required key has a default in the merged table, so a `None` here was noted above.
    let (
        Some(domain),
        Some(listen),
        Some(database_url),
        Some(role),
        Some(name),
        Some(description),
        Some(signup),
        Some(allowed_private_hosts),
        Some(require_signed_fetch),
        Some(request_body_bytes),
        Some(request_timeout_secs),
        Some(inbox_per_host_per_minute),
    ) = (
        domain,
        listen,
        database_url,
        role,
        name,
        description,
        signup,
        allowed_private_hosts,
        require_signed_fetch,
        request_body_bytes,
        request_timeout_secs,
        inbox_per_host_per_minute,
    )
    else {
        return fields;
    };
    let development = domain.is_localhost();
    fields.config = Some(Config {
        listen,
        database_url,
        role,
        instance: InstanceInfo {
            name,
            description,
            signup,
        },
        federation: FederationSettings {
            allow_plain_http: allow_plain_http.unwrap_or(development),
            allow_private_addresses: allow_private_addresses.unwrap_or(development),
            allowed_private_hosts,
            require_signed_fetch,
        },
        limits: Limits {
            request_body_bytes: usize::try_from(request_body_bytes).unwrap_or(usize::MAX),
            request_timeout: Duration::from_secs(request_timeout_secs),
            inbox_per_host_per_minute,
        },
        domain,
    });
    fields
}

/// The section of a dotted key (`federation` of `federation.allow_plain_http`; empty at the top).
fn section(key: &str) -> &str {
    key.rsplit_once('.').map_or("", |(section, _)| section)
}

/// The last part of a dotted key.
fn leaf(key: &str) -> &str {
    key.rsplit_once('.').map_or(key, |(_, leaf)| leaf)
}
