//! Actors: for local ones, key generation, the instance actor and lookups for serving them; for
//! remote ones, their Updates and Deletes of themselves.

mod keys;
mod remote;

pub use keys::{GeneratedKeys, generate_keys};
pub use remote::{ActorEffect, receive_actor_delete, receive_actor_update};

use super::ServiceError;
use crate::db::{DbError, DbLocalActor, Store};
use crate::domain::Handle;

/// The local actor with this handle, for serving its document.
pub async fn local_actor(store: &Store, handle: &Handle) -> Result<DbLocalActor, ServiceError> {
    let actor = store
        .local_actor(handle)
        .await
        .map_err(ServiceError::not_found(format!(
            "no actor named '{handle}' here"
        )))?;
    if actor.deleted_at.is_some() {
        return Err(ServiceError::Gone(format!("'{handle}' was deleted")));
    }
    Ok(actor)
}

/// Creates the instance actor (FEP-2677) with its key pair unless it exists. Safe when several
/// processes start at once: the loser of the race sees a conflict and uses the winner's.
pub async fn ensure_instance_actor(store: &Store) -> Result<DbLocalActor, ServiceError> {
    let handle = Handle::instance_actor();
    match store.local_actor(&handle).await {
        Ok(actor) => return Ok(actor),
        Err(DbError::NotFound) => {}
        Err(other) => return Err(other.into()),
    }
    let keys = generate_keys().await?;
    match store.insert_application_actor(&handle, keys.as_new()).await {
        Ok(_) | Err(DbError::Conflict(_)) => Ok(store.local_actor(&handle).await?),
        Err(other) => Err(other.into()),
    }
}
