//! Content activities from other servers. Ownership is checked against what we stored, never
//! against what the payload claims: only an object's author may update or delete it, and a
//! deleted object is never brought back by a replayed Create.

use super::super::ServiceError;
use crate::db::{DbRemoteActor, NewRemoteObject, Store, StoredObjectState, Via};
use crate::federation::inbound::{ContentObject, remote_object_of};
use url::Url;

/// What became of an inbound content activity.
#[derive(Debug, PartialEq, Eq)]
pub enum ContentEffect {
    Stored,
    /// Checked, and left for the inbox processor's round to write (`batch.rs`).
    Deferred,
    Deleted,
    Ignored(String),
}

/// `Create` or `Update` of an object the sender authored (delivered embedded and signed by its
/// origin, so it may be trusted as is).
pub async fn receive_create_or_update(
    store: &Store,
    sender: &DbRemoteActor,
    object: &ContentObject,
) -> Result<ContentEffect, ServiceError> {
    let remote = match authored_object(sender, object)? {
        Ok(remote) => remote,
        Err(ignored) => return Ok(ignored),
    };
    // An Update older than (or as old as) what we hold is a replay or arrived late: ours stays.
    let refusal = store.store_authored_object(&remote).await?;
    Ok(stored_effect(&remote, refusal))
}

/// The object a `Create` or `Update` by `sender` would store, or why it is ignored before the
/// store is asked.
pub(super) fn authored_object(
    sender: &DbRemoteActor,
    object: &ContentObject,
) -> Result<Result<NewRemoteObject, ContentEffect>, ServiceError> {
    let author = Url::parse(&sender.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(remote_object_of(object, &author)
        .map_err(|rejected| ContentEffect::Ignored(rejected.to_string())))
}

/// What became of `object`: stored, or refused by what is stored (`refusal`).
pub(super) fn stored_effect(
    object: &NewRemoteObject,
    refusal: Option<StoredObjectState>,
) -> ContentEffect {
    let Some(stored) = refusal else {
        return ContentEffect::Stored;
    };
    let reason = if stored.attributed_to != object.attributed_to {
        "only the author may change an object"
    } else if stored.deleted {
        "the object was deleted"
    } else {
        "not newer than the stored version"
    };
    ContentEffect::Ignored(reason.to_owned())
}

/// `Delete` of an object: honoured only when the sender is its stored author.
pub async fn receive_delete(
    store: &Store,
    sender: &DbRemoteActor,
    object_id: &Url,
) -> Result<ContentEffect, ServiceError> {
    match store.remote_object_author(object_id.as_str()).await? {
        Some(author) if author == sender.ap_id => {
            store.delete_remote_object(object_id.as_str()).await?;
            Ok(ContentEffect::Deleted)
        }
        Some(_) => Ok(ContentEffect::Ignored(
            "only the author may delete an object".to_owned(),
        )),
        None => Ok(ContentEffect::Ignored("unknown object".to_owned())),
    }
}

/// `Announce` by `announcer` of an object fetched from its own origin (`author` is the actor its
/// document names and the fetch confirmed).
pub async fn receive_announced(
    store: &Store,
    announcer: &DbRemoteActor,
    object: &ContentObject,
    author: &Url,
) -> Result<ContentEffect, ServiceError> {
    let remote = match remote_object_of(object, author) {
        Ok(remote) => remote,
        Err(rejected) => return Ok(ContentEffect::Ignored(rejected.to_string())),
    };
    if store.remote_object_deleted(&remote.ap_id).await? {
        return Ok(ContentEffect::Ignored("the object was deleted".to_owned()));
    }
    store
        .store_remote_object(&remote, Via::Announce(&announcer.ap_id))
        .await?;
    Ok(ContentEffect::Stored)
}
