//! Local actors: the one namespace of handles shared by people, organizations and the instance.

use super::{DbError, now_millis};
use crate::domain::{ActorKind, Handle};
use sqlx::{Any, Transaction};

/// Claims `handle` for a new local actor inside `tx`; a taken handle is a `Conflict`.
pub(super) async fn insert_actor(
    tx: &mut Transaction<'_, Any>,
    handle: &Handle,
    kind: ActorKind,
) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "INSERT INTO local_actors (handle, kind, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(handle.as_str())
    .bind(kind.as_str())
    .bind(now_millis())
    .fetch_one(&mut **tx)
    .await
    .map_err(DbError::conflict_on("handle"))
}
