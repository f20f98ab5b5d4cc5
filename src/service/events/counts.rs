//! Publishing count changes: every RSVP bumps its event's counts version, and this sends one
//! `Update` per event for however many changes happened since the last one, so a popular event
//! does not flood its followers with one Update per RSVP.

use crate::db::{Recipients, Store};
use crate::federation::events::local_event_document;
use crate::federation::outbox;
use crate::federation::protocol::ObjectActivityType;
use crate::federation::urls::Urls;
use crate::service::ServiceError;

/// Events handled per round.
const BATCH: i64 = 100;

/// Queues an Update for every live event whose counts changed since its last Update; returns
/// how many were queued.
pub async fn publish_pending_counts(store: &Store, urls: &Urls) -> Result<usize, ServiceError> {
    let mut queued = 0;
    loop {
        let due = store.events_with_unpublished_counts(BATCH).await?;
        if due.is_empty() {
            return Ok(queued);
        }
        for (id, version) in &due {
            let event = store.event(id).await?;
            let counts = store.event_counts(id).await?;
            let document = local_event_document(&event, &counts, urls);
            let update = outbox::event_activity(urls, ObjectActivityType::Update, &document);
            store
                .publish_event_counts(
                    id,
                    *version,
                    &update.reply(
                        event.local_actor_id,
                        Recipients::FollowersOf(event.local_actor_id),
                    ),
                )
                .await?;
            queued += 1;
        }
        if due.len() < BATCH as usize {
            return Ok(queued);
        }
    }
}
