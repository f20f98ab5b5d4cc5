//! `HostName`: a remote server's name in the one form blocks are stored and compared in, so that
//! `EVIL.test.`, `evil.test:443` and `evil.test` are the same server and an IDN look-alike is
//! compared by its A-label (SECURITY.md T16; Mastodon CVE-2023-42451).

use std::fmt;
use url::{Host, Url};

/// A host without port: lower case, no trailing dot, internationalised names in their ASCII
/// (punycode, `xn--`) form; IP addresses in their canonical text (`[..]` for IPv6).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HostName {
    text: String,
    /// False for IP addresses, which have no parent domains.
    is_domain: bool,
}

/// Why a host name was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HostNameError {
    #[error("must not be empty")]
    Empty,
    #[error("must be a host name like 'example.org' (a port is ignored), without scheme or path")]
    NotAHost,
}

impl HostName {
    /// Normalises `input`, which may carry a port (`evil.test:443`), a trailing dot, upper case,
    /// Unicode labels, or a leading `*.` (a block covers subdomains anyway).
    pub fn parse(input: &str) -> Result<Self, HostNameError> {
        let trimmed = input.trim();
        let trimmed = trimmed.strip_prefix("*.").unwrap_or(trimmed);
        if trimmed.is_empty() {
            return Err(HostNameError::Empty);
        }
        if trimmed.contains(['/', '\\', '@', '?', '#']) || trimmed.contains(char::is_whitespace) {
            return Err(HostNameError::NotAHost);
        }
        // The WHATWG URL parser does the IDNA mapping (UTS 46: case folding, punycode) and
        // separates a port from the host, IPv6 brackets included.
        let url = Url::parse(&format!("http://{trimmed}/")).map_err(|_| HostNameError::NotAHost)?;
        let (text, is_domain) = match url.host() {
            Some(Host::Domain(name)) => (name.trim_end_matches('.').to_owned(), true),
            Some(Host::Ipv4(ip)) => (ip.to_string(), false),
            Some(Host::Ipv6(ip)) => (format!("[{ip}]"), false),
            None => return Err(HostNameError::NotAHost),
        };
        let labels_ok = !is_domain
            || text.split('.').all(|label| {
                !label.is_empty()
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        if text.is_empty() || !labels_ok {
            return Err(HostNameError::NotAHost);
        }
        Ok(Self { text, is_domain })
    }

    /// A name already in normal form, as read back from the store.
    pub fn from_trusted(text: String) -> Self {
        let is_domain = !text.starts_with('[') && text.parse::<std::net::Ipv4Addr>().is_err();
        Self { text, is_domain }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// This name and every parent domain, most specific first (`a.evil.test`, `evil.test`,
    /// `test`): a block on any of them covers this host. An IP address is only itself.
    pub fn with_parents(&self) -> Vec<&str> {
        if !self.is_domain {
            return vec![self.text.as_str()];
        }
        let mut names = vec![self.text.as_str()];
        let mut rest = self.text.as_str();
        while let Some((_, parent)) = rest.split_once('.') {
            names.push(parent);
            rest = parent;
        }
        names
    }

    /// True when `self` is `domain` or one of its subdomains.
    pub fn is_within(&self, domain: &HostName) -> bool {
        self.with_parents().contains(&domain.as_str())
    }
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HostName({})", self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::{HostName, HostNameError};

    fn parsed(input: &str) -> String {
        HostName::parse(input)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .to_string()
    }

    #[test]
    fn normalises_case_dots_ports_and_idn() {
        assert_eq!(parsed("EVIL.test."), "evil.test");
        assert_eq!(parsed("evil.test:443"), "evil.test");
        assert_eq!(parsed(" Sub.Evil.Test "), "sub.evil.test");
        assert_eq!(parsed("*.evil.test"), "evil.test");
        assert_eq!(parsed("BÜCHER.test"), "xn--bcher-kva.test");
        assert_eq!(parsed("xn--bcher-kva.test:8443"), "xn--bcher-kva.test");
        assert_eq!(parsed("127.0.0.1:80"), "127.0.0.1");
        assert_eq!(parsed("[::1]:443"), "[::1]");
    }

    #[test]
    fn refuses_urls_and_junk() {
        for bad in [
            "https://evil.test",
            "evil.test/path",
            "user@evil.test",
            "a b",
            "evil..test",
            ".",
            "evil.test:x",
        ] {
            assert_eq!(HostName::parse(bad), Err(HostNameError::NotAHost), "{bad}");
        }
        assert_eq!(HostName::parse(" "), Err(HostNameError::Empty));
    }

    #[test]
    fn parents_cover_subdomains_but_not_look_alikes() {
        let block = HostName::parse("evil.test").expect("valid");
        for covered in ["evil.test", "sub.evil.test", "a.b.evil.test:8080"] {
            assert!(
                HostName::parse(covered).expect("valid").is_within(&block),
                "{covered}"
            );
        }
        for other in ["notevil.test", "evil.test.example", "еvil.test", "test"] {
            assert!(
                !HostName::parse(other).expect("valid").is_within(&block),
                "{other}"
            );
        }
        let ip = HostName::parse("10.0.0.1").expect("valid");
        assert_eq!(ip.with_parents(), ["10.0.0.1"]);
        assert_eq!(HostName::from_trusted("10.0.0.1".to_owned()), ip);
    }
}
