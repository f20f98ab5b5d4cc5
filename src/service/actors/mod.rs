//! Actors: for local ones, key generation, the instance actor and lookups for serving them; for
//! remote ones, their Updates and Deletes of themselves.

mod keys;
mod remote;

pub use keys::{GeneratedKeys, generate_keys};
pub use remote::{ActorEffect, receive_actor_delete, receive_actor_update};

use super::ServiceError;
use crate::db::{DbError, DbLocalActor, DbRemoteActor, Store};
use crate::domain::Handle;
use crate::federation::signed_fetch::FetchRefused;
use crate::state::AppState;

/// The local actor with this handle, for serving its document.
pub async fn local_actor(app: &AppState, handle: &Handle) -> Result<DbLocalActor, ServiceError> {
    let store = &app.store;
    // The registry's actor exists on the software co-op's instance from its first use.
    if *handle == Handle::registry_actor()
        && app.config.role == crate::domain::InstanceRole::Software
    {
        return Ok(crate::service::registry::ensure_registry_actor(store)
            .await?
            .0);
    }
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

/// The remote actor whose valid HTTP signature came with a GET of `path_and_query` (its key is
/// fetched when not known yet), for serving what only some may read.
pub async fn signed_reader(
    app: &AppState,
    path_and_query: &str,
    headers: &http::HeaderMap,
) -> Result<DbRemoteActor, FetchRefused> {
    app.federation
        .verify_signed_get(&app.store, path_and_query, headers)
        .await
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
