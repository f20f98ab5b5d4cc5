//! `WriteTx`: the one kind of write transaction in the store. It reads like the connection it
//! wraps (`&mut *tx` is the executor), and it remembers whether it queued deliveries: its
//! `commit` then wakes the delivery worker, so no caller can leave a delivery sleeping, and the
//! worker is never woken before the rows it should claim are visible. Likewise, a transaction
//! that changed a local actor's published documents bumps their version once committed.
//!
//! On SQLite a write transaction first takes its turn (`WriteTurns`): writers queue here, in
//! arrival order, instead of in SQLite's busy handler.

use super::version::Version;
use super::{ACQUIRE_TIMEOUT, Backend, DbError};
use sqlx::{Any, AnyConnection, Transaction};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

/// One writer at a time on SQLite, queued in arrival order. SQLite lets one transaction write
/// at once and makes the others sleep and try again (its busy handler sleeps 1, 2, 5, ... up to
/// 100 ms), so under load a writer could sleep for tens of milliseconds while others kept taking
/// the lock with short transactions: the inbox's group commit did, behind the inbox processor.
/// PostgreSQL locks rows, not the database: no turns there.
#[derive(Clone, Debug)]
pub(super) struct WriteTurns(Option<Arc<Semaphore>>);

/// A writer's turn; the next one's starts when this is dropped.
pub(super) type Turn = Option<OwnedSemaphorePermit>;

impl WriteTurns {
    pub(super) fn new(backend: Backend) -> Self {
        Self(match backend {
            Backend::Sqlite => Some(Arc::new(Semaphore::new(1))),
            Backend::Postgres => None,
        })
    }

    /// Waits for this writer's turn, as long as for a connection at most.
    pub(super) async fn take(&self) -> Result<Turn, DbError> {
        let Some(turns) = &self.0 else {
            return Ok(None);
        };
        match tokio::time::timeout(ACQUIRE_TIMEOUT, turns.clone().acquire_owned()).await {
            Ok(Ok(turn)) => Ok(Some(turn)),
            Ok(Err(_closed)) => Err(DbError::Other(sqlx::Error::PoolClosed)),
            Err(_elapsed) => Err(DbError::Other(sqlx::Error::PoolTimedOut)),
        }
    }
}

/// A write transaction of the store.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    /// Held until the transaction ends (SQLite only).
    _turn: Turn,
    queued_deliveries: bool,
    waker: Arc<Notify>,
    changes_documents: bool,
    documents: Version,
}

impl WriteTx {
    pub(super) fn new(
        tx: Transaction<'static, Any>,
        turn: Turn,
        waker: Arc<Notify>,
        documents: Version,
    ) -> Self {
        Self {
            tx,
            _turn: turn,
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
