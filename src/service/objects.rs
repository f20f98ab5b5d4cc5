//! Reading what we published, for serving it by id.

use super::ServiceError;
use crate::db::{DbNote, Store};

/// The stored JSON of an activity we published.
pub async fn outbox_activity_json(store: &Store, id: &str) -> Result<String, ServiceError> {
    // A direct message (a poll to one person) is not served: it would say who received it.
    store
        .shareable_outbox_activity(id)
        .await
        .map_err(ServiceError::not_found(format!("no activity {id} here")))
}

/// Whether `id` is one of our activities that is not public (a Join with its comment, a
/// campaign's Add or Invite, their Accepts, a poll); `None` when there is no such activity or
/// it is public.
pub async fn is_private_activity(store: &Store, id: &str) -> Result<bool, ServiceError> {
    match store.outbox_activity_json(id).await {
        Ok((_, public)) => Ok(!public),
        Err(crate::db::DbError::NotFound) => Ok(false),
        Err(other) => Err(other.into()),
    }
}

/// A stored outgoing activity that is not public, for `reader` (the verified signer of the
/// fetch): when it is one of the actors the activity is addressed to (`to`, `cc`), or the
/// instance actor of an addressee's server (Mastodon and Mobilizon refetch as theirs).
pub async fn private_activity_json(
    store: &Store,
    id: &str,
    reader: &crate::db::DbRemoteActor,
) -> Result<String, ServiceError> {
    let missing = || ServiceError::NotFound(format!("no activity {id} here"));
    let (json, _) = store.outbox_activity_json(id).await.map_err(|e| match e {
        crate::db::DbError::NotFound => missing(),
        other => other.into(),
    })?;
    let document: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let addressees: Vec<url::Url> = ["to", "cc"]
        .into_iter()
        .flat_map(|key| match document.get(key) {
            Some(serde_json::Value::String(one)) => vec![one.clone()],
            Some(serde_json::Value::Array(many)) => many
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        })
        .filter_map(|a| url::Url::parse(&a).ok())
        .collect();
    let is_instance = matches!(reader.kind.as_str(), "Application" | "Service");
    let allowed = addressees.iter().any(|a| {
        a.as_str() == reader.ap_id
            || (is_instance && crate::federation::inbound::authority(a) == reader.host)
    });
    if allowed { Ok(json) } else { Err(missing()) }
}

/// A note we published, live or deleted.
pub async fn note(store: &Store, id: &str) -> Result<DbNote, ServiceError> {
    store
        .note(id)
        .await
        .map_err(ServiceError::not_found(format!("no note {id} here")))
}

/// What a collection holds: its size and, for the outbox, its newest items.
#[derive(Debug)]
pub struct CollectionContents {
    pub total: u64,
    pub items: Vec<serde_json::Value>,
}

/// The newest public Create activities of a local actor, with their number.
pub async fn outbox(
    store: &Store,
    local_actor_id: i64,
) -> Result<CollectionContents, ServiceError> {
    let (total, items) = store.outbox_page(local_actor_id, 20).await?;
    Ok(CollectionContents {
        total: u64::try_from(total).unwrap_or_default(),
        items: items
            .iter()
            .filter_map(|json| serde_json::from_str(json).ok())
            .collect(),
    })
}

/// How many accepted followers a local actor has (the list itself is not published).
pub async fn follower_count(store: &Store, local_actor_id: i64) -> Result<u64, ServiceError> {
    Ok(u64::try_from(store.follower_ids(local_actor_id).await?.len()).unwrap_or_default())
}

/// How many remote actors a local actor follows.
pub async fn following_count(store: &Store, local_actor_id: i64) -> Result<u64, ServiceError> {
    Ok(u64::try_from(store.following_count(local_actor_id).await?).unwrap_or_default())
}

/// How many live notes local actors have published (NodeInfo's `localPosts`).
pub async fn local_post_count(store: &Store) -> Result<i64, ServiceError> {
    Ok(store.live_note_count().await?)
}
