//! Checking a configured database for `check-config` without creating or changing it: an
//! existing SQLite file is opened as it is, a missing one only has its directory checked, and
//! PostgreSQL is connected to.

use super::{DbError, Store};
use crate::config::{Backend, DatabaseUrl};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, Connection};
use std::path::Path;
use std::str::FromStr;

impl Store {
    /// Opens the database if it exists; `None` for a SQLite file that does not exist yet but
    /// whose directory can be created or written. Nothing is created and no schema is changed.
    pub async fn open_if_exists(url: &DatabaseUrl) -> Result<Option<Self>, DbError> {
        let path = url.sqlite_path();
        let connect_url = match (url.backend(), &path) {
            (Backend::Postgres, _) | (Backend::Sqlite, None) => url.expose().to_owned(),
            (Backend::Sqlite, Some(path)) if !path.exists() => {
                creatable(path)?;
                return Ok(None);
            }
            // `mode=rw`: open the existing file, never create it.
            (Backend::Sqlite, Some(_)) => super::with_sqlite_mode(url.expose().to_owned(), "rw"),
        };
        sqlx::any::install_default_drivers();
        let open_error = |source| DbError::Open {
            url: url.redacted(),
            source,
        };
        let options = AnyConnectOptions::from_str(&connect_url).map_err(open_error)?;
        // One plain connection first: a pool would report a refused connection only as a
        // timeout, and the cause is what the administrator needs to read.
        AnyConnection::connect_with(&options)
            .await
            .map_err(open_error)?
            .close()
            .await
            .map_err(open_error)?;
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(super::ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(open_error)?;
        Ok(Some(Self::from_pool(pool, url.backend())))
    }
}

/// Whether the missing database file at `path` could be created: its nearest existing ancestor
/// must be a directory we can write in (tried with a probe file that is removed at once).
fn creatable(path: &Path) -> Result<(), DbError> {
    let wanted = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let existing = wanted
        .ancestors()
        .find(|dir| dir.as_os_str().is_empty() || dir.exists())
        .map(|dir| {
            if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            }
        })
        .unwrap_or(Path::new("."));
    let refused = |source| DbError::DataDirectory {
        path: wanted.to_owned(),
        source,
    };
    if !existing.is_dir() {
        return Err(refused(std::io::Error::other(format!(
            "{} is not a directory",
            existing.display()
        ))));
    }
    let probe = existing.join(format!(".solidarity-check-{}", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(refused)?;
    // The probe proved the point; failing to remove it changes nothing about the answer.
    let _ = std::fs::remove_file(&probe);
    Ok(())
}
