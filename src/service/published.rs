//! What events and actions share as objects an organization publishes: creating one, changing
//! it and deleting it, each stored with the activity that tells the organization's followers
//! (`Create`, `Update` with the current counts, `Delete` of a Tombstone) in one transaction.
//! `Published` says how each kind is stored and put on the wire; the verbs are written once.

use crate::db::{
    ActionDetails, ActionProgress, DbAction, DbError, DbEvent, DbUser, EventCounts, EventDetails,
    Reply, Store, now_millis,
};
use crate::domain::Handle;
use crate::federation::outbox;
use crate::federation::protocol::{ObjectActivityType, PublishedObject};
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use url::Url;

/// A kind of object an organization publishes.
pub(crate) trait Published: Sized {
    type Details;
    type Counts: Default;
    type Document: PublishedObject;
    /// The word for it in messages ("event").
    const NOUN: &'static str;
    /// Its ActivityStreams type, which its Tombstone names as `formerType`.
    const WIRE_TYPE: &'static str;

    fn new(id: String, local_actor_id: i64, handle: Handle, details: Self::Details) -> Self;
    fn id(&self) -> &str;
    fn local_actor_id(&self) -> i64;
    fn is_deleted(&self) -> bool;
    /// Replaces its details and marks it updated.
    fn replace(&mut self, details: Self::Details);
    fn url(urls: &Urls, id: &str) -> Url;
    fn document(&self, counts: &Self::Counts, urls: &Urls) -> Self::Document;

    async fn load(store: &Store, id: &str) -> Result<Self, DbError>;
    async fn counts(store: &Store, id: &str) -> Result<Self::Counts, DbError>;
    async fn counts_version(store: &Store, id: &str) -> Result<i64, DbError>;
    async fn insert(&self, store: &Store, create: &Reply<'_>) -> Result<(), DbError>;
    async fn update(&self, store: &Store, version: i64, update: &Reply<'_>) -> Result<(), DbError>;
    async fn delete(
        store: &Store,
        id: &str,
        ap_id: &str,
        delete: &Reply<'_>,
    ) -> Result<(), DbError>;
    /// Up to `limit` live ones whose counts changed since their last Update, with the version.
    async fn with_unpublished_counts(
        store: &Store,
        limit: i64,
    ) -> Result<Vec<(String, i64)>, DbError>;
    /// Records that the counts at `version` went out, queuing the Update that carries them.
    async fn publish_counts(
        store: &Store,
        id: &str,
        version: i64,
        update: &Reply<'_>,
    ) -> Result<(), DbError>;
}

/// Publishes an object hosted by `org`, whose member `user` is, with the `details` its input
/// validates to (checked after the membership, so a stranger learns nothing of the rules); its
/// followers receive a Create.
pub(crate) async fn create<T: Published>(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    details: impl FnOnce() -> Result<T::Details, ServiceError>,
) -> Result<T, ServiceError> {
    let organization = crate::service::orgs::as_member(store, user, org).await?;
    let object = T::new(
        uuid::Uuid::new_v4().to_string(),
        organization.actor_id,
        org.clone(),
        details()?,
    );
    let document = object.document(&T::Counts::default(), urls);
    let create = outbox::object_activity(urls, ObjectActivityType::Create, &document);
    object
        .insert(store, &create.to_followers(organization.actor_id))
        .await?;
    Ok(object)
}

/// The live object `id`; a deleted one is not found.
pub(crate) async fn live<T: Published>(store: &Store, id: &str) -> Result<T, ServiceError> {
    let object = T::load(store, id)
        .await
        .map_err(ServiceError::not_found(format!("no {} {id}", T::NOUN)))?;
    if object.is_deleted() {
        return Err(ServiceError::NotFound(format!(
            "{} {id} was deleted",
            T::NOUN
        )));
    }
    Ok(object)
}

/// The live object `id` hosted by `org`, for a change by a member of `org`.
async fn own<T: Published>(
    store: &Store,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<T, ServiceError> {
    let organization = crate::service::orgs::as_member(store, user, org).await?;
    let object = T::load(store, id)
        .await
        .map_err(ServiceError::not_found(format!("no {} {id}", T::NOUN)))?;
    if object.local_actor_id() != organization.actor_id || object.is_deleted() {
        return Err(ServiceError::NotFound(format!(
            "no {} {id} of '{org}'",
            T::NOUN
        )));
    }
    Ok(object)
}

/// Replaces an object's details; followers receive an Update with the current counts, which are
/// returned with the object.
pub(crate) async fn update<T: Published>(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
    details: impl FnOnce() -> Result<T::Details, ServiceError>,
) -> Result<(T, T::Counts), ServiceError> {
    let mut object: T = own(store, user, org, id).await?;
    object.replace(details()?);
    // The version first: an RSVP or participation after it makes the next count Update, not a
    // lost one.
    let version = T::counts_version(store, object.id()).await?;
    let counts = T::counts(store, object.id()).await?;
    let document = object.document(&counts, urls);
    let update = outbox::object_activity(urls, ObjectActivityType::Update, &document);
    object
        .update(
            store,
            version,
            &update.to_followers(object.local_actor_id()),
        )
        .await?;
    Ok((object, counts))
}

/// Deletes an object: its id answers 410 with a Tombstone, and followers receive a Delete.
pub(crate) async fn delete<T: Published>(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<(), ServiceError> {
    let object: T = own(store, user, org, id).await?;
    let ap_id = T::url(urls, object.id());
    let delete = outbox::delete_object(urls, org, &ap_id, T::WIRE_TYPE);
    T::delete(
        store,
        object.id(),
        ap_id.as_str(),
        &delete.to_followers(object.local_actor_id()),
    )
    .await?;
    Ok(())
}

/// An edit is stamped after the creation, even within the same millisecond.
fn edited_at(created_at: i64) -> Option<i64> {
    Some(now_millis().max(created_at + 1))
}

/// The two kinds are stored alike: the same fields around their own details.
macro_rules! published {
    ($ty:ty, $details:ty, $counts:ty, $noun:literal, $wire:literal, $doc:ty, $document:path,
     $url:ident, $load:ident, $counts_fn:ident, $version:ident, $insert:ident, $update:ident,
     $delete:ident, $unpublished:ident, $publish_counts:ident) => {
        impl Published for $ty {
            type Details = $details;
            type Counts = $counts;
            type Document = $doc;
            const NOUN: &'static str = $noun;
            const WIRE_TYPE: &'static str = $wire;

            fn new(id: String, local_actor_id: i64, handle: Handle, details: $details) -> Self {
                Self {
                    id,
                    local_actor_id,
                    handle,
                    details,
                    created_at: now_millis(),
                    updated_at: None,
                    deleted_at: None,
                }
            }
            fn id(&self) -> &str {
                &self.id
            }
            fn local_actor_id(&self) -> i64 {
                self.local_actor_id
            }
            fn is_deleted(&self) -> bool {
                self.deleted_at.is_some()
            }
            fn replace(&mut self, details: $details) {
                self.details = details;
                self.updated_at = edited_at(self.created_at);
            }
            fn url(urls: &Urls, id: &str) -> Url {
                urls.$url(id)
            }
            fn document(&self, counts: &$counts, urls: &Urls) -> $doc {
                $document(self, counts, urls)
            }
            async fn load(store: &Store, id: &str) -> Result<Self, DbError> {
                store.$load(id).await
            }
            async fn counts(store: &Store, id: &str) -> Result<$counts, DbError> {
                store.$counts_fn(id).await
            }
            async fn counts_version(store: &Store, id: &str) -> Result<i64, DbError> {
                store.$version(id).await
            }
            async fn insert(&self, store: &Store, create: &Reply<'_>) -> Result<(), DbError> {
                store.$insert(self, create).await
            }
            async fn update(
                &self,
                store: &Store,
                version: i64,
                update: &Reply<'_>,
            ) -> Result<(), DbError> {
                store.$update(self, version, update).await
            }
            async fn delete(
                store: &Store,
                id: &str,
                ap_id: &str,
                delete: &Reply<'_>,
            ) -> Result<(), DbError> {
                store.$delete(id, ap_id, delete).await
            }
            async fn with_unpublished_counts(
                store: &Store,
                limit: i64,
            ) -> Result<Vec<(String, i64)>, DbError> {
                store.$unpublished(limit).await
            }
            async fn publish_counts(
                store: &Store,
                id: &str,
                version: i64,
                update: &Reply<'_>,
            ) -> Result<(), DbError> {
                store.$publish_counts(id, version, update).await
            }
        }
    };
}

published!(
    DbEvent,
    EventDetails,
    EventCounts,
    "event",
    "Event",
    crate::federation::protocol::Event,
    crate::federation::events::local_event_document,
    event,
    event,
    event_counts,
    event_counts_version,
    insert_event,
    update_event,
    delete_event,
    events_with_unpublished_counts,
    publish_event_counts
);

published!(
    DbAction,
    ActionDetails,
    ActionProgress,
    "action",
    "Page",
    crate::federation::protocol::ActionPage,
    crate::federation::actions::local_action_document,
    action,
    action,
    action_progress,
    action_counts_version,
    insert_action,
    update_action,
    delete_action,
    actions_with_unpublished_counts,
    publish_action_counts
);
