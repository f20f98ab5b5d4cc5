//! Creating, changing and deleting an organization's actions; each change is stored with the
//! activity that tells the followers, in one transaction.

use super::input::ActionInput;
use crate::db::{DbAction, DbUser, Recipients, Store, now_millis};
use crate::domain::Handle;
use crate::federation::actions::local_action_document;
use crate::federation::outbox;
use crate::federation::protocol::ObjectActivityType;
use crate::federation::urls::Urls;
use crate::service::ServiceError;

/// Publishes an action of `org`; its followers receive a Create.
pub async fn create_action(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    input: &ActionInput,
) -> Result<DbAction, ServiceError> {
    let organization = crate::service::orgs::as_member(store, user, org).await?;
    let action = DbAction {
        id: uuid::Uuid::new_v4().to_string(),
        local_actor_id: organization.actor_id,
        handle: org.clone(),
        details: input.validate()?,
        created_at: now_millis(),
        updated_at: None,
        deleted_at: None,
    };
    let document = local_action_document(&action, &Default::default(), urls);
    let create = outbox::object_activity(urls, ObjectActivityType::Create, &document);
    store
        .insert_action(
            &action,
            &create.reply(
                action.local_actor_id,
                Recipients::FollowersOf(action.local_actor_id),
            ),
        )
        .await?;
    Ok(action)
}

/// The live action `id` of `org`, for a change by a member of `org`.
async fn own_action(
    store: &Store,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<DbAction, ServiceError> {
    let organization = crate::service::orgs::as_member(store, user, org).await?;
    let action = store
        .action(id)
        .await
        .map_err(ServiceError::not_found(format!("no action {id}")))?;
    if action.local_actor_id != organization.actor_id || action.deleted_at.is_some() {
        return Err(ServiceError::NotFound(format!("no action {id} of '{org}'")));
    }
    Ok(action)
}

/// Replaces an action's details; followers receive an Update with the current progress.
pub async fn update_action(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
    input: &ActionInput,
) -> Result<DbAction, ServiceError> {
    let mut action = own_action(store, user, org, id).await?;
    action.details = input.validate()?;
    action.updated_at = Some(now_millis().max(action.created_at + 1));
    // The version first: a participation after it makes the next count Update, not a lost one.
    let version = store.action_counts_version(&action.id).await?;
    let progress = store.action_progress(&action.id).await?;
    let document = local_action_document(&action, &progress, urls);
    let update = outbox::object_activity(urls, ObjectActivityType::Update, &document);
    store
        .update_action(
            &action,
            version,
            &update.reply(
                action.local_actor_id,
                Recipients::FollowersOf(action.local_actor_id),
            ),
        )
        .await?;
    Ok(action)
}

/// Deletes an action: its id answers 410 with a Tombstone, and followers receive a Delete.
pub async fn delete_action(
    store: &Store,
    urls: &Urls,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<(), ServiceError> {
    let action = own_action(store, user, org, id).await?;
    let action_id = urls.action(&action.id);
    let delete = outbox::delete_object(urls, org, &action_id, "Page");
    store
        .delete_action(
            &action.id,
            action_id.as_str(),
            &delete.reply(
                action.local_actor_id,
                Recipients::FollowersOf(action.local_actor_id),
            ),
        )
        .await?;
    Ok(())
}
