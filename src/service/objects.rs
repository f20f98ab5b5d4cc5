//! Reading what we published, for serving it by id.

use super::ServiceError;
use crate::db::{DbNote, Store};

/// The stored JSON of an activity we published.
pub async fn outbox_activity_json(store: &Store, id: &str) -> Result<String, ServiceError> {
    let (json, _) = store
        .outbox_activity(id)
        .await
        .map_err(ServiceError::not_found(format!("no activity {id} here")))?;
    Ok(json)
}

/// A note we published, live or deleted.
pub async fn note(store: &Store, id: &str) -> Result<DbNote, ServiceError> {
    store
        .note(id)
        .await
        .map_err(ServiceError::not_found(format!("no note {id} here")))
}
