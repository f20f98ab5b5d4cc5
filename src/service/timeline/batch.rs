//! Creates received in one round of the inbox processor, written together: the objects are
//! checked and kept here as each activity is applied, and written in one transaction before the
//! round applies anything else (or ends), in the order received. One commit per round instead of
//! one per note is what lets applying keep up with a flood on SQLite, where every commit writes
//! the same index pages again and holds the one write lock.

use super::inbound::{ContentEffect, authored_object, stored_effect};
use crate::db::{DbRemoteActor, NewRemoteObject, Store};
use crate::federation::inbound::ContentObject;
use crate::service::ServiceError;
use std::sync::{Mutex, PoisonError};

/// The objects waiting for the round's write, in arrival order.
#[derive(Debug, Default)]
pub struct AuthoredBatch {
    objects: Mutex<Vec<NewRemoteObject>>,
}

impl AuthoredBatch {
    /// How many objects wait.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<NewRemoteObject>> {
        self.objects.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// [`super::receive_create_or_update`], the write left to [`write_authored`]: the object is
/// checked now (what is refused without reading the store is refused here) and waits.
pub fn defer_create_or_update(
    batch: &AuthoredBatch,
    sender: &DbRemoteActor,
    object: &ContentObject,
) -> Result<ContentEffect, ServiceError> {
    match authored_object(sender, object)? {
        Ok(remote) => {
            batch.lock().push(remote);
            Ok(ContentEffect::Deferred)
        }
        Err(ignored) => Ok(ignored),
    }
}

/// Writes what waits in `batch` (and empties it), in one transaction: what became of each, in
/// order. On an error nothing was written, and the batch is empty all the same: the caller
/// retries the activities that brought the objects.
pub async fn write_authored(
    store: &Store,
    batch: &AuthoredBatch,
) -> Result<Vec<ContentEffect>, ServiceError> {
    let objects = std::mem::take(&mut *batch.lock());
    if objects.is_empty() {
        return Ok(Vec::new());
    }
    let refusals = store.store_authored_objects(&objects).await?;
    Ok(objects
        .iter()
        .zip(refusals)
        .map(|(object, refusal)| stored_effect(object, refusal))
        .collect())
}
