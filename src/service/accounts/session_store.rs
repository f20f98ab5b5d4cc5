//! The web pages' sessions, kept in our database: tower-sessions hands each session record
//! here, and the signed-in user and the browser are lifted out of its data into their own
//! columns so that people can list their sessions and end them all.

use crate::db::{DbError, Store, WebSessionRow, now_millis};
use async_trait::async_trait;
use serde_json::Value;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

/// The session data key holding the signed-in user's id.
pub(super) const USER_KEY: &str = "user";
/// The session data key holding the browser's `User-Agent`, as it signed in.
pub(super) const AGENT_KEY: &str = "agent";

/// Sessions in the instance's store.
#[derive(Clone, Debug)]
pub struct WebSessionStore {
    store: Store,
}

impl WebSessionStore {
    pub(super) fn new(store: Store) -> Self {
        Self { store }
    }
}

fn backend(error: DbError) -> Error {
    Error::Backend(error.to_string())
}

fn millis(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// The row of `record`, with its data encoded as `data`.
fn row<'a>(record: &'a Record, id: &'a str, data: &'a str) -> WebSessionRow<'a> {
    WebSessionRow {
        id,
        user_id: record.data.get(USER_KEY).and_then(Value::as_i64),
        data,
        expires_at: millis(record.expiry_date),
        seen_at: now_millis(),
        user_agent: record
            .data
            .get(AGENT_KEY)
            .and_then(Value::as_str)
            .unwrap_or_default(),
    }
}

fn encode(record: &Record) -> Result<String> {
    serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for WebSessionStore {
    /// A new session: inserted under a fresh id (another one is drawn in the unlikely case the
    /// random id is taken).
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = encode(record)?;
        for _ in 0..3 {
            let id = record.id.to_string();
            if self
                .store
                .insert_web_session(&row(record, &id, &data))
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(Error::Backend("no free session id".to_owned()))
    }

    /// A changed session; one deleted meanwhile (signed out everywhere) is not brought back.
    async fn save(&self, record: &Record) -> Result<()> {
        let data = encode(record)?;
        let id = record.id.to_string();
        self.store
            .update_web_session(&row(record, &id, &data))
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some((data, expires_at)) = self
            .store
            .web_session(&id.to_string(), now_millis())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let expiry_date =
            OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires_at) * 1_000_000)
                .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.store
            .delete_web_session(&id.to_string())
            .await
            .map_err(backend)
    }
}
