//! Timelines: public posts of the remote actors local people follow, as Create, Update, Delete
//! and Announce bring them.

mod batch;
mod inbound;

pub use batch::{AuthoredBatch, defer_create_or_update, write_authored};
pub use inbound::{ContentEffect, receive_announced, receive_create_or_update, receive_delete};

use super::ServiceError;
use crate::db::{DbUser, TimelineEntry};
use crate::state::AppState;

/// The newest entries of `user`'s timeline.
pub async fn timeline(
    app: &AppState,
    user: &DbUser,
    limit: i64,
) -> Result<Vec<TimelineEntry>, ServiceError> {
    let store = &app.store;
    Ok(store.timeline(user.actor_id, limit.clamp(1, 200)).await?)
}
