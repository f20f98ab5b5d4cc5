//! Follow relationships: remote actors following our organizations and people, and our people
//! following remote actors.

mod inbound;
mod outbound;
mod requests;

pub use inbound::{FollowEffect, receive_follow, receive_follow_answer, receive_undo_follow};
pub use outbound::{Followed, follow_actor, follow_remote, following, unfollow_remote};
pub use requests::{FollowRequest, decide_follow_request, follow_requests, set_follower_approval};

use super::ServiceError;
use crate::db::DbUser;
use crate::domain::Handle;
use crate::state::AppState;

/// The accepted followers of organization `org`, for one of its members.
pub async fn organization_followers(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
) -> Result<Vec<String>, ServiceError> {
    let store = &app.store;
    let organization = super::orgs::as_member(store, user, org).await?;
    Ok(store.follower_ids(organization.actor_id).await?)
}
