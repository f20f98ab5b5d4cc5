//! `DatabaseUrl`: where the store lives, with the backend read from its scheme.

use std::fmt;
use std::path::PathBuf;

/// The two databases Solidarity runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database URL whose scheme is known. `Debug` and `Display` hide the password.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    url: String,
    backend: Backend,
}

/// Why a database URL was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DatabaseUrlError {
    #[error("unknown database scheme '{0}': use 'sqlite:PATH' or 'postgres://USER@HOST/DB'")]
    UnknownScheme(String),
    #[error("no database path after 'sqlite:'")]
    EmptySqlitePath,
}

impl DatabaseUrl {
    pub fn parse(input: &str) -> Result<Self, DatabaseUrlError> {
        let url = input.trim().to_owned();
        let scheme = url
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let backend = match scheme.as_str() {
            "sqlite" => Backend::Sqlite,
            "postgres" | "postgresql" => Backend::Postgres,
            _ => return Err(DatabaseUrlError::UnknownScheme(scheme)),
        };
        let parsed = Self { url, backend };
        if backend == Backend::Sqlite && parsed.sqlite_path().is_none() {
            return Err(DatabaseUrlError::EmptySqlitePath);
        }
        Ok(parsed)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The full URL, password included: only for opening the connection.
    pub fn expose(&self) -> &str {
        &self.url
    }

    /// The file behind a `sqlite:` URL; `None` for PostgreSQL and in-memory databases.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        let rest = self
            .url
            .split_once(':')
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let path = rest.split('?').next().unwrap_or_default();
        if path.is_empty() || path == ":memory:" {
            return None;
        }
        Some(PathBuf::from(path))
    }

    /// The URL with any password replaced by `***`, safe for logs.
    pub fn redacted(&self) -> String {
        match url::Url::parse(&self.url) {
            Ok(mut url) if url.password().is_some() => {
                // Cannot fail: a URL that has a password can also hold a replacement.
                let _ = url.set_password(Some("***"));
                url.to_string()
            }
            _ => self.url.clone(),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::{Backend, DatabaseUrl, DatabaseUrlError};
    use std::path::PathBuf;

    #[test]
    fn reads_the_backend_and_path() {
        let sqlite = DatabaseUrl::parse("sqlite:data/solidarity.db").expect("valid");
        assert_eq!(sqlite.backend(), Backend::Sqlite);
        assert_eq!(
            sqlite.sqlite_path(),
            Some(PathBuf::from("data/solidarity.db"))
        );
        let absolute = DatabaseUrl::parse("sqlite:///var/lib/s.db?mode=rwc").expect("valid");
        assert_eq!(absolute.sqlite_path(), Some(PathBuf::from("/var/lib/s.db")));
        let pg = DatabaseUrl::parse("postgresql://u@h/db").expect("valid");
        assert_eq!(pg.backend(), Backend::Postgres);
        assert_eq!(pg.sqlite_path(), None);
    }

    #[test]
    fn hides_passwords_and_refuses_unknown_schemes() {
        let pg = DatabaseUrl::parse("postgres://coop:hunter2@db/solidarity").expect("valid");
        assert!(!format!("{pg:?} {pg}").contains("hunter2"));
        assert_eq!(
            DatabaseUrl::parse("mysql://x/y"),
            Err(DatabaseUrlError::UnknownScheme("mysql".to_owned()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:"),
            Err(DatabaseUrlError::EmptySqlitePath)
        );
    }
}
