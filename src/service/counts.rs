//! Publishing count changes: every RSVP or participation bumps its object's counts version,
//! and this sends one `Update` per event or action for however many changes happened since the
//! last one, so a popular action does not flood its followers with one Update per signature.

use crate::db::{DbAction, DbEvent, Recipients, Store};
use crate::federation::outbox;
use crate::federation::protocol::{ObjectActivityType, PublishedObject};
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::service::published::Published;

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
    Ok(publish::<DbEvent>(store, urls).await? + publish::<DbAction>(store, urls).await?)
}

/// The same for one kind of published object.
async fn publish<T: Published>(store: &Store, urls: &Urls) -> Result<usize, ServiceError> {
    let mut queued = 0;
    loop {
        let due = T::with_unpublished_counts(store, BATCH).await?;
        for (id, version) in &due {
            let object = T::load(store, id).await?;
            let counts = T::counts(store, id).await?;
            let mut document = object.document(&counts, urls);
            document.set_updated(stamp());
            let update = outbox::object_activity(urls, ObjectActivityType::Update, &document);
            let followers = Recipients::FollowersOf(object.local_actor_id());
            let reply = update.reply(object.local_actor_id(), followers);
            T::publish_counts(store, id, *version, &reply).await?;
            queued += 1;
        }
        if due.len() < BATCH as usize {
            return Ok(queued);
        }
    }
}
