//! Remote actors changing or deleting themselves. The inbox's copy of the actor is never
//! trusted: an Update makes us fetch the actor again from its origin (which re-applies the
//! origin rules), and a Delete counts only once the actor's id answers 404 or 410, so a stolen
//! key alone cannot erase an account's relationships (SECURITY.md T23, F8).

use super::super::ServiceError;
use crate::db::{ActorRemoved, DbRemoteActor, Store};
use crate::federation::context::Federation;
use crate::federation::egress::FetchError;
use crate::federation::resolve::ResolveError;
use url::Url;

/// What became of an inbound Update or Delete of an actor.
#[derive(Debug, PartialEq, Eq)]
pub enum ActorEffect {
    /// The actor was fetched again and stored as its origin now serves it.
    Refreshed,
    /// The origin confirmed the deletion; this is what was removed.
    Removed(ActorRemoved),
    Ignored(String),
}

/// `Update` of the actor `object_id` sent by `sender`: only an actor's own Update counts, and
/// then only as a reason to refetch it. The embedded document is not used: a refetched actor
/// whose inbox, key or key owner moved to another origin is refused and the stored one stays.
pub async fn receive_actor_update(
    store: &Store,
    federation: &Federation,
    sender: &DbRemoteActor,
    object_id: &Url,
) -> Result<ActorEffect, ServiceError> {
    if object_id.as_str() != sender.ap_id {
        return Ok(ActorEffect::Ignored(
            "an actor may update only itself".to_owned(),
        ));
    }
    match federation.refresh_actor(store, object_id).await {
        Ok(_) => Ok(ActorEffect::Refreshed),
        Err(error) => Ok(ActorEffect::Ignored(format!(
            "the refetched actor was refused: {}",
            refusal(error)?
        ))),
    }
}

/// Splits a failed fetch: passing trouble and our own faults are errors (the activity is tried
/// again later); anything else is the origin's answer, returned as the reason to ignore it.
fn refusal(error: ResolveError) -> Result<String, ServiceError> {
    match error {
        ResolveError::Fetch { ref source, .. } if source.is_transient() => {
            Err(ServiceError::Unavailable(error.to_string()))
        }
        ResolveError::Store(error) => Err(error.into()),
        ResolveError::Sign(error) => Err(ServiceError::Internal(error)),
        other => Ok(other.to_string()),
    }
}

/// `Delete` of the actor `object_id` sent by `sender`: honoured only for the sender itself and
/// only when its id now answers 404 or 410. Its follows in both directions, its timeline
/// entries and pending deliveries to its own inbox are removed, and it is marked deleted.
pub async fn receive_actor_delete(
    store: &Store,
    federation: &Federation,
    sender: &DbRemoteActor,
    object_id: &Url,
) -> Result<ActorEffect, ServiceError> {
    if object_id.as_str() != sender.ap_id {
        return Ok(ActorEffect::Ignored(
            "an actor may delete only itself".to_owned(),
        ));
    }
    match federation.fetch_signed(store, object_id).await {
        Err(ResolveError::Fetch {
            source: FetchError::Status(404 | 410),
            ..
        }) => {}
        Ok(_) => {
            return Ok(ActorEffect::Ignored(
                "the actor still resolves at its origin".to_owned(),
            ));
        }
        Err(error) => {
            return Ok(ActorEffect::Ignored(format!(
                "the origin did not confirm the deletion: {}",
                refusal(error)?
            )));
        }
    }
    let removed = store.remove_deleted_remote_actor(sender).await?;
    tracing::info!(
        actor = %sender.ap_id,
        followers_removed = removed.followers_removed,
        following_removed = removed.following_removed,
        timeline_entries_removed = removed.timeline_entries_removed,
        deliveries_failed = removed.deliveries_failed,
        "remote actor deleted"
    );
    Ok(ActorEffect::Removed(removed))
}
