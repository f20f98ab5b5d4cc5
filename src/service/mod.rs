//! Business logic, one folder per area and one file per verb. No HTTP and no SQL here: services
//! take validated domain types, call the store and return stored types or a `ServiceError`.

pub mod accounts;
pub mod actions;
pub mod actors;
pub mod admin;
pub mod blocks;
pub mod calendars;
pub mod campaigns;
pub mod counts;
pub mod directory;
pub mod documents;
pub mod elsewhere;
pub mod events;
pub mod feeds;
pub(crate) mod fields;
pub mod follows;
pub mod instance;
pub mod instance_settings;
pub mod interaction;
pub mod markdown;
pub mod network;
pub mod notes;
pub mod objects;
pub mod orgs;
pub mod polls;
pub(crate) mod published;
pub mod received;
pub mod registry;
pub mod reports;
pub mod search;
pub mod sent_reports;
pub mod timeline;
pub mod tokens;
pub mod users;

use crate::db::DbError;
use crate::domain::Handle;

/// Why a service refused or failed. The HTTP edge and the CLI turn it into their own answers.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The input broke a rule; `field` names the offending input.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// Something with this identity already exists.
    #[error("{0}")]
    Conflict(String),
    /// A named thing does not exist.
    #[error("{0}")]
    NotFound(String),
    /// It existed and was deleted (its id answers 410).
    #[error("{0}")]
    Gone(String),
    /// The caller is known but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Credentials were missing or wrong.
    #[error("invalid or missing credentials")]
    Unauthorized,
    /// Another server could not be reached or gave an unusable answer.
    #[error("{0}")]
    Unavailable(String),
    /// Over a rate limit; try again in `retry_after` seconds.
    #[error("{message}")]
    TooMany { message: String, retry_after: u64 },
    /// The store failed; the cause is for the log, not for the client.
    #[error(transparent)]
    Store(#[from] DbError),
    /// A fault of ours outside the store (a crashed worker thread, a broken hash library).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    /// Maps a store `Conflict` to a message saying that `handle` is taken; other errors pass.
    pub(crate) fn handle_taken(handle: &Handle) -> impl FnOnce(DbError) -> Self + '_ {
        move |error| match error {
            DbError::Conflict(_) => {
                Self::Conflict(format!("the handle '{handle}' is already taken"))
            }
            other => other.into(),
        }
    }

    /// Maps a store `NotFound` to `NotFound(message)`; other errors pass.
    pub(crate) fn not_found(message: String) -> impl FnOnce(DbError) -> Self {
        move |error| match error {
            DbError::NotFound => Self::NotFound(message),
            other => other.into(),
        }
    }
}
