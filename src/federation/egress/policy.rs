//! The egress policy: which URLs an outbound request may target before any connection is made.
//!
//! `check_url` judges what the URL itself says (scheme, userinfo, IP-literal host, local names).
//! Names are judged again after resolution, at connect time, by the client's resolver
//! (`client.rs`), because only that check sees the addresses actually dialled.

use super::address::is_forbidden;
use crate::config::FederationSettings;
use std::net::IpAddr;
use url::{Host, Url};

/// Why an outbound request was refused before, or instead of, connecting.
#[derive(Debug, thiserror::Error)]
pub enum EgressError {
    #[error("scheme `{0}` is not allowed for outbound requests")]
    Scheme(String),
    #[error("port {0} is not allowed: public servers are reached on port 443")]
    Port(u16),
    #[error("outbound URLs may not carry a user name or password")]
    UserInfo,
    #[error("outbound URL has no host")]
    NoHost,
    #[error("address {0} is not globally routable")]
    ForbiddenAddress(IpAddr),
    #[error("host `{0}` is a local name")]
    LocalName(String),
    #[error("every address of `{0}` is private, loopback or reserved")]
    NoPublicAddress(String),
    #[error("cannot build the HTTP client")]
    Client(#[source] reqwest::Error),
}

/// What outbound requests may reach. Production: https only, public addresses only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EgressPolicy {
    /// Allow `http://` URLs (development only).
    pub allow_plain_http: bool,
    /// Allow loopback, private and reserved addresses for every host (development only).
    pub allow_private_addresses: bool,
    /// Hosts that may use private addresses even when `allow_private_addresses` is off.
    pub allowed_private_hosts: Vec<String>,
}

impl From<&FederationSettings> for EgressPolicy {
    fn from(settings: &FederationSettings) -> Self {
        Self {
            allow_plain_http: settings.allow_plain_http,
            allow_private_addresses: settings.allow_private_addresses,
            allowed_private_hosts: settings.allowed_private_hosts.clone(),
        }
    }
}

impl EgressPolicy {
    /// The production policy: https only, public addresses only, no exceptions.
    pub fn strict() -> Self {
        Self {
            allow_plain_http: false,
            allow_private_addresses: false,
            allowed_private_hosts: Vec::new(),
        }
    }

    /// Refuses a URL whose scheme, userinfo or host may not be requested under this policy.
    pub fn check_url(&self, url: &Url) -> Result<(), EgressError> {
        // url::Url drops default ports, so `url.port()` is Some only for a non-default one.
        match url.scheme() {
            "https" => {}
            "http" if self.allow_plain_http => {}
            other => return Err(EgressError::Scheme(other.to_owned())),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(EgressError::UserInfo);
        }
        let host = url.host().ok_or(EgressError::NoHost)?;
        let exempt = self.allows_private_for(&host.to_string());
        match host {
            Host::Ipv4(ip) if !exempt && is_forbidden(IpAddr::V4(ip)) => {
                Err(EgressError::ForbiddenAddress(IpAddr::V4(ip)))
            }
            Host::Ipv6(ip) if !exempt && is_forbidden(IpAddr::V6(ip)) => {
                Err(EgressError::ForbiddenAddress(IpAddr::V6(ip)))
            }
            Host::Domain(name) if !exempt && is_local_name(name) => {
                Err(EgressError::LocalName(name.to_owned()))
            }
            // INV-5: in production, https on its own port only; odd ports are how internal
            // services get reached. Development setups and allow-listed hosts may use any port.
            _ => match url.port().filter(|_| !exempt && !self.allow_plain_http) {
                Some(port) => Err(EgressError::Port(port)),
                None => Ok(()),
            },
        }
    }

    /// True when `host` may be reached on private addresses: everything in development, or a
    /// host on the allow list (compared case-insensitively, ignoring a trailing dot and brackets).
    pub fn allows_private_for(&self, host: &str) -> bool {
        if self.allow_private_addresses {
            return true;
        }
        let host = normalise_host(host);
        self.allowed_private_hosts
            .iter()
            .any(|allowed| normalise_host(allowed) == host)
    }
}

fn normalise_host(host: &str) -> String {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase()
}

/// `localhost` and every name under it always mean this machine (RFC 6761).
fn is_local_name(name: &str) -> bool {
    let name = normalise_host(name);
    name == "localhost" || name.ends_with(".localhost")
}

#[cfg(test)]
mod tests {
    use super::{EgressError, EgressPolicy};
    use crate::config::FederationSettings;
    use url::Url;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test URLs are valid")
    }

    fn development() -> EgressPolicy {
        EgressPolicy {
            allow_plain_http: true,
            allow_private_addresses: true,
            allowed_private_hosts: Vec::new(),
        }
    }

    #[test]
    fn https_public_urls_pass() {
        let policy = EgressPolicy::strict();
        for text in [
            "https://mastodon.example/users/alice",
            "https://1.1.1.1/x",
            "https://[2606:4700::1111]/x",
            "https://localhost.example/x",
        ] {
            assert!(policy.check_url(&url(text)).is_ok(), "{text}");
        }
    }

    #[test]
    fn plain_http_only_when_allowed() {
        let target = url("http://remote.example/x");
        assert!(matches!(
            EgressPolicy::strict().check_url(&target),
            Err(EgressError::Scheme(s)) if s == "http"
        ));
        assert!(development().check_url(&target).is_ok());
        for text in ["ftp://remote.example/x", "file:///etc/passwd", "data:,x"] {
            assert!(matches!(
                development().check_url(&url(text)),
                Err(EgressError::Scheme(_))
            ));
        }
    }

    #[test]
    fn userinfo_refused() {
        for text in ["https://u@remote.example/", "https://u:p@remote.example/"] {
            assert!(matches!(
                development().check_url(&url(text)),
                Err(EgressError::UserInfo)
            ));
        }
    }

    #[test]
    fn t25_ip_literals_refused_unless_private_allowed() {
        let strict = EgressPolicy::strict();
        for host in [
            "127.0.0.1",
            "127.1",
            "2130706433",
            "0x7f000001",
            "0.0.0.0",
            "[::]",
            "[::1]",
            "10.0.0.1",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "198.18.0.1",
            "240.0.0.1",
            "[::ffff:127.0.0.1]",
            "[::127.0.0.1]",
            "[64:ff9b::7f00:1]",
            "[2002:7f00:1::]",
            "[fd00::1]",
            "[fe80::1]",
        ] {
            let target = url(&format!("https://{host}:8443/inbox"));
            assert!(
                matches!(
                    strict.check_url(&target),
                    Err(EgressError::ForbiddenAddress(_))
                ),
                "{host}"
            );
            assert!(development().check_url(&target).is_ok(), "{host}");
        }
    }

    #[test]
    fn production_reaches_public_servers_on_port_443_only() {
        let strict = EgressPolicy::strict();
        assert!(matches!(
            strict.check_url(&url("https://good.test:8080/inbox")),
            Err(EgressError::Port(8080))
        ));
        assert!(
            strict
                .check_url(&url("https://good.test:443/inbox"))
                .is_ok()
        );
        assert!(strict.check_url(&url("https://good.test/inbox")).is_ok());
        assert!(
            development()
                .check_url(&url("https://good.test:8080/inbox"))
                .is_ok()
        );
    }

    #[test]
    fn localhost_names_refused() {
        let strict = EgressPolicy::strict();
        for text in [
            "https://localhost/",
            "https://localhost./",
            "https://LOCALHOST:8080/",
            "https://app.localhost/",
            "https://a.b.localhost./",
        ] {
            assert!(
                matches!(strict.check_url(&url(text)), Err(EgressError::LocalName(_))),
                "{text}"
            );
            assert!(development().check_url(&url(text)).is_ok(), "{text}");
        }
    }

    #[test]
    fn allow_list_exempts_only_listed_hosts() {
        let policy = EgressPolicy {
            allow_plain_http: false,
            allow_private_addresses: false,
            allowed_private_hosts: vec!["Localhost".into(), "10.0.0.5".into(), "[::1]".into()],
        };
        for text in [
            "https://localhost:8443/",
            "https://localhost./",
            "https://10.0.0.5/",
            "https://[::1]/",
        ] {
            assert!(policy.check_url(&url(text)).is_ok(), "{text}");
        }
        for text in ["https://10.0.0.6/", "https://app.localhost/"] {
            assert!(policy.check_url(&url(text)).is_err(), "{text}");
        }
        assert!(policy.allows_private_for("LOCALHOST."));
        assert!(!policy.allows_private_for("remote.example"));
    }

    #[test]
    fn built_from_federation_settings() {
        let settings = FederationSettings {
            allow_plain_http: true,
            allow_private_addresses: false,
            allowed_private_hosts: vec!["remote.test".into()],
            require_signed_fetch: false,
        };
        let policy = EgressPolicy::from(&settings);
        assert!(policy.allow_plain_http);
        assert!(!policy.allow_private_addresses);
        assert_eq!(policy.allowed_private_hosts, vec!["remote.test".to_owned()]);
    }
}
