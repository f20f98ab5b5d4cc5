//! Publishing count changes: every RSVP or participation bumps its object's counts version,
//! and this sends one `Update` per event or action for however many changes happened since the
//! last one, so a popular action does not flood its followers with one Update per signature.

use crate::db::{Recipients, Store};
use crate::federation::actions::local_action_document;
use crate::federation::events::local_event_document;
use crate::federation::outbox;
use crate::federation::protocol::ObjectActivityType;
use crate::federation::urls::Urls;
use crate::service::ServiceError;

/// When this count Update was made: receivers keep an Update only when it is newer than what
/// they hold, so it must be later than the last edit and than the previous count Update.
fn stamp() -> String {
    crate::federation::notes::rfc3339_millis(crate::db::now_millis())
}

/// Objects handled per query.
const BATCH: i64 = 100;

/// Queues an Update for every live event and action whose counts changed since its last
/// Update; returns how many were queued.
pub async fn publish_pending_counts(store: &Store, urls: &Urls) -> Result<usize, ServiceError> {
    Ok(publish_events(store, urls).await? + publish_actions(store, urls).await?)
}

async fn publish_events(store: &Store, urls: &Urls) -> Result<usize, ServiceError> {
    let mut queued = 0;
    loop {
        let due = store.events_with_unpublished_counts(BATCH).await?;
        for (id, version) in &due {
            let event = store.event(id).await?;
            let counts = store.event_counts(id).await?;
            let mut document = local_event_document(&event, &counts, urls);
            document.updated = Some(stamp());
            let update = outbox::object_activity(urls, ObjectActivityType::Update, &document);
            let followers = Recipients::FollowersOf(event.local_actor_id);
            store
                .publish_event_counts(id, *version, &update.reply(event.local_actor_id, followers))
                .await?;
            queued += 1;
        }
        if due.len() < BATCH as usize {
            return Ok(queued);
        }
    }
}

async fn publish_actions(store: &Store, urls: &Urls) -> Result<usize, ServiceError> {
    let mut queued = 0;
    loop {
        let due = store.actions_with_unpublished_counts(BATCH).await?;
        for (id, version) in &due {
            let action = store.action(id).await?;
            let progress = store.action_progress(id).await?;
            let mut document = local_action_document(&action, &progress, urls);
            document.updated = Some(stamp());
            let update = outbox::object_activity(urls, ObjectActivityType::Update, &document);
            let followers = Recipients::FollowersOf(action.local_actor_id);
            store
                .publish_action_counts(
                    id,
                    *version,
                    &update.reply(action.local_actor_id, followers),
                )
                .await?;
            queued += 1;
        }
        if due.len() < BATCH as usize {
            return Ok(queued);
        }
    }
}
