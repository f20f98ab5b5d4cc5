//! `DbError`: what can go wrong in the store, with causes kept.

use std::path::PathBuf;

/// A store failure. Unique-constraint violations become `Conflict`, absent rows `NotFound`.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    #[error("already exists: {0}")]
    Conflict(String),
    #[error("cannot create data directory {path}: {source}")]
    DataDirectory {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open database {url}: {source}")]
    Open {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot migrate the database: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    /// A stored value this binary cannot read back.
    #[error("corrupt data: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Other(#[from] sqlx::Error),
}

impl DbError {
    /// Maps a unique violation to `Conflict(what)`, a missing row to `NotFound`, anything else
    /// to `Other`.
    pub(crate) fn conflict_on(what: &str) -> impl FnOnce(sqlx::Error) -> Self + '_ {
        move |error| match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                Self::Conflict(what.to_owned())
            }
            sqlx::Error::RowNotFound => Self::NotFound,
            _ => Self::Other(error),
        }
    }
}
