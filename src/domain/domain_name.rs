//! `Domain`: the public host (and optional port) that every id this instance mints lives under.

use std::fmt;
use url::{Host, Url};

/// A validated `host[:port]`, lower case, without scheme or path (`coop.example`, `localhost:8080`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Domain {
    text: String,
    host: String,
}

/// Why a domain was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DomainError {
    #[error("must not be empty")]
    Empty,
    #[error(
        "must be a host name with an optional port, like 'coop.example' or 'localhost:8080', without scheme or path"
    )]
    NotAHost,
}

impl Domain {
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let text = input.trim().to_ascii_lowercase();
        if text.is_empty() {
            return Err(DomainError::Empty);
        }
        if text.contains(['/', '@', '?', '#', ' ']) {
            return Err(DomainError::NotAHost);
        }
        let url = Url::parse(&format!("http://{text}")).map_err(|_| DomainError::NotAHost)?;
        let host = match url.host() {
            Some(Host::Domain(name)) => name.to_owned(),
            Some(Host::Ipv4(ip)) => ip.to_string(),
            Some(Host::Ipv6(ip)) => format!("[{ip}]"),
            None => return Err(DomainError::NotAHost),
        };
        // A port the URL parser dropped (":80") or normalised would make ids differ from the
        // configured text, so insist the text is already in canonical form.
        let canonical = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.clone(),
        };
        if canonical != text {
            return Err(DomainError::NotAHost);
        }
        Ok(Self { text, host })
    }

    /// The host without the port.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The whole `host[:port]` text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True for `localhost` with or without a port: the development setup.
    pub fn is_localhost(&self) -> bool {
        self.host == "localhost"
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Domain({})", self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::{Domain, DomainError};

    #[test]
    fn accepts_hosts_with_and_without_ports() {
        let local = Domain::parse("LocalHost:8080").expect("valid");
        assert_eq!(local.as_str(), "localhost:8080");
        assert_eq!(local.host(), "localhost");
        assert!(local.is_localhost());
        let public = Domain::parse("coop.example").expect("valid");
        assert!(!public.is_localhost());
    }

    #[test]
    fn refuses_urls_and_junk() {
        for bad in [
            "https://coop.example",
            "coop.example/path",
            "a b",
            "user@coop.example",
            "coop.example:80x",
            "coop.example:",
        ] {
            assert_eq!(Domain::parse(bad), Err(DomainError::NotAHost), "{bad}");
        }
        assert_eq!(Domain::parse("  "), Err(DomainError::Empty));
    }
}
