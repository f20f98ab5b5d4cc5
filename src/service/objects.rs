//! Reading what we published, for serving it by id.

use super::ServiceError;
use super::published::Published;
use crate::db::{ActionProgress, DbAction, DbEvent, DbNote, DbRemoteActor, EventCounts, Store};
use crate::federation::inbound::authority;
use crate::federation::protocol::lenient::addressees;
use crate::state::AppState;

/// An activity we published, as stored.
#[derive(Debug)]
pub struct StoredActivity {
    pub json: String,
    /// Anyone may read it; otherwise only `readable_by` its addressees (a Join with its
    /// comment, a campaign's Add or Invite, their Accepts, a poll to one person).
    pub public: bool,
}

/// The activity `id` we published.
pub async fn stored_activity(app: &AppState, id: &str) -> Result<StoredActivity, ServiceError> {
    let store = &app.store;
    let (json, public) = store
        .outbox_activity_json(id)
        .await
        .map_err(ServiceError::not_found(format!("no activity {id} here")))?;
    Ok(StoredActivity { json, public })
}

/// Whether `reader` (the verified signer of a fetch) may read a private activity: it is one of
/// the actors the activity is addressed to, or the instance actor of an addressee's server
/// (Mastodon and Mobilizon refetch as theirs).
pub fn readable_by(activity: &StoredActivity, reader: &DbRemoteActor) -> bool {
    let Ok(document) = serde_json::from_str::<serde_json::Value>(&activity.json) else {
        return false;
    };
    let is_instance = matches!(reader.kind.as_str(), "Application" | "Service");
    addressees(&document)
        .iter()
        .filter_map(|a| url::Url::parse(a).ok())
        .any(|a| a.as_str() == reader.ap_id || (is_instance && authority(&a) == reader.host))
}

/// A note we published, live or deleted.
pub async fn note(app: &AppState, id: &str) -> Result<DbNote, ServiceError> {
    let store = &app.store;
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
    app: &AppState,
    local_actor_id: i64,
) -> Result<CollectionContents, ServiceError> {
    let store = &app.store;
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
pub async fn follower_count(app: &AppState, local_actor_id: i64) -> Result<u64, ServiceError> {
    let store = &app.store;
    Ok(u64::try_from(store.follower_ids(local_actor_id).await?.len()).unwrap_or_default())
}

/// How many remote actors a local actor follows.
pub async fn following_count(app: &AppState, local_actor_id: i64) -> Result<u64, ServiceError> {
    let store = &app.store;
    Ok(u64::try_from(store.following_count(local_actor_id).await?).unwrap_or_default())
}

/// How many live notes local actors have published (NodeInfo's `localPosts`).
pub async fn local_post_count(app: &AppState) -> Result<i64, ServiceError> {
    let store = &app.store;
    Ok(store.live_note_count().await?)
}

/// An event or action as its address serves it: live with its counts, or deleted (served as
/// a Tombstone with 410).
#[derive(Debug)]
pub enum Served<T, C> {
    Live(T, C),
    Deleted(T),
}

/// The event `id` as its address serves it.
pub async fn served_event(
    app: &AppState,
    id: &str,
) -> Result<Served<DbEvent, EventCounts>, ServiceError> {
    let store = &app.store;
    served(store, id).await
}

/// The action `id` as its address serves it.
pub async fn served_action(
    app: &AppState,
    id: &str,
) -> Result<Served<DbAction, ActionProgress>, ServiceError> {
    let store = &app.store;
    served(store, id).await
}

/// A published object of any kind as its address serves it.
async fn served<T: Published>(
    store: &Store,
    id: &str,
) -> Result<Served<T, T::Counts>, ServiceError> {
    let object = T::load(store, id)
        .await
        .map_err(ServiceError::not_found(format!("no {} {id} here", T::NOUN)))?;
    if object.is_deleted() {
        return Ok(Served::Deleted(object));
    }
    let counts = T::counts(store, object.id()).await?;
    Ok(Served::Live(object, counts))
}
