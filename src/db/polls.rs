//! Polls we sent to fediverse users about one of our events or actions: one per (object,
//! recipient), stored with the `Create{Question}` that delivers it.

use super::deliveries::enqueue_in;
use super::{DbError, Reply, Store};

/// A poll we sent.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DbPoll {
    pub id: String,
    pub local_actor_id: i64,
    /// `event` or `action`.
    pub object_kind: String,
    pub object_id: String,
    pub recipient: String,
    pub closes_at: i64,
    pub created_at: i64,
}

impl Store {
    /// Stores `poll` and queues `create` unless this recipient already has a poll about this
    /// object; whether it was new.
    pub async fn insert_poll(&self, poll: &DbPoll, create: &Reply<'_>) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO polls (id, local_actor_id, object_kind, object_id, recipient, closes_at, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (object_kind, object_id, recipient) DO NOTHING",
        )
        .bind(&poll.id)
        .bind(poll.local_actor_id)
        .bind(&poll.object_kind)
        .bind(&poll.object_id)
        .bind(&poll.recipient)
        .bind(poll.closes_at)
        .bind(poll.created_at)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if inserted {
            enqueue_in(&mut tx, &create.activity, &create.recipients).await?;
        }
        tx.commit().await?;
        Ok(inserted)
    }

    /// The poll with this id.
    pub async fn poll(&self, id: &str) -> Result<DbPoll, DbError> {
        sqlx::query_as(
            "SELECT id, local_actor_id, object_kind, object_id, recipient, closes_at, created_at \
             FROM polls WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(DbError::NotFound)
    }
}
