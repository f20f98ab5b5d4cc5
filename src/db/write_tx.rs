//! `WriteTx`: the one kind of write transaction in the store. It reads like the connection it
//! wraps (`&mut *tx` is the executor), and it remembers whether it queued deliveries: its
//! `commit` then wakes the delivery worker, so no caller can leave a delivery sleeping, and the
//! worker is never woken before the rows it should claim are visible. Likewise, a transaction
//! that changed a local actor's published documents bumps their version once committed.

use super::DbError;
use super::version::Version;
use sqlx::{Any, AnyConnection, Transaction};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use tokio::sync::Notify;

/// A write transaction of the store.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    queued_deliveries: bool,
    waker: Arc<Notify>,
    changes_documents: bool,
    documents: Version,
}

impl WriteTx {
    pub(super) fn new(
        tx: Transaction<'static, Any>,
        waker: Arc<Notify>,
        documents: Version,
    ) -> Self {
        Self {
            tx,
            queued_deliveries: false,
            waker,
            changes_documents: false,
            documents,
        }
    }

    /// Notes that this transaction changes what a local actor publishes (see `documents.rs`).
    pub(super) fn changes_documents(&mut self) {
        self.changes_documents = true;
    }

    /// Notes that this transaction queued deliveries (see `enqueue_in`).
    pub(super) fn queued_deliveries(&mut self) {
        self.queued_deliveries = true;
    }

    /// Commits; then, if deliveries were queued, wakes the delivery worker.
    pub async fn commit(self) -> Result<(), DbError> {
        self.tx.commit().await?;
        if self.changes_documents {
            self.documents.bump();
        }
        if self.queued_deliveries {
            self.waker.notify_one();
        }
        Ok(())
    }
}

impl Deref for WriteTx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}
