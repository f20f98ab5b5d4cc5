//! Creating, changing and deleting an organization's events; each change is stored with the
//! activity that tells the followers, in one transaction.

use super::input::EventInput;
use crate::db::{DbEvent, DbUser, Recipients, Store, now_millis};
use crate::domain::Handle;
use crate::federation::events::local_event_document;
use crate::federation::outbox;
use crate::federation::protocol::ObjectActivityType;
use crate::federation::urls::Urls;
use crate::service::ServiceError;

/// Publishes an event hosted by `org`; its followers receive a Create.
pub async fn create_event(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    input: &EventInput,
) -> Result<DbEvent, ServiceError> {
    let organization = crate::service::orgs::as_member(store, user, org).await?;
    let event = DbEvent {
        id: uuid::Uuid::new_v4().to_string(),
        local_actor_id: organization.actor_id,
        handle: org.clone(),
        details: input.validate()?,
        created_at: now_millis(),
        updated_at: None,
        deleted_at: None,
    };
    let document = local_event_document(&event, &Default::default(), urls);
    let create = outbox::object_activity(urls, ObjectActivityType::Create, &document);
    store
        .insert_event(
            &event,
            &create.reply(
                organization.actor_id,
                Recipients::FollowersOf(organization.actor_id),
            ),
        )
        .await?;
    Ok(event)
}

/// The live event `id` hosted by `org`, for a change by a member of `org`.
pub(super) async fn own_event(
    store: &Store,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<DbEvent, ServiceError> {
    let organization = crate::service::orgs::as_member(store, user, org).await?;
    let event = store
        .event(id)
        .await
        .map_err(ServiceError::not_found(format!("no event {id}")))?;
    if event.local_actor_id != organization.actor_id || event.deleted_at.is_some() {
        return Err(ServiceError::NotFound(format!(
            "no event {id} hosted by '{org}'"
        )));
    }
    Ok(event)
}

/// Replaces an event's fields; followers receive an Update with the current counts.
pub async fn update_event(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
    input: &EventInput,
) -> Result<DbEvent, ServiceError> {
    let mut event = own_event(store, user, org, id).await?;
    event.details = input.validate()?;
    event.updated_at = Some(now_millis().max(event.created_at + 1));
    // The version first: an RSVP after it makes the next count Update, not a lost one.
    let version = store.event_counts_version(&event.id).await?;
    let counts = store.event_counts(&event.id).await?;
    let document = local_event_document(&event, &counts, urls);
    let update = outbox::object_activity(urls, ObjectActivityType::Update, &document);
    store
        .update_event(
            &event,
            version,
            &update.reply(
                event.local_actor_id,
                Recipients::FollowersOf(event.local_actor_id),
            ),
        )
        .await?;
    Ok(event)
}

/// Deletes an event: its id answers 410 with a Tombstone, and followers receive a Delete.
pub async fn delete_event(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<(), ServiceError> {
    let event = own_event(store, user, org, id).await?;
    let event_id = urls.event(&event.id);
    let delete = outbox::delete_object(urls, org, &event_id, "Event");
    store
        .delete_event(
            &event.id,
            event_id.as_str(),
            &delete.reply(
                event.local_actor_id,
                Recipients::FollowersOf(event.local_actor_id),
            ),
        )
        .await?;
    Ok(())
}
