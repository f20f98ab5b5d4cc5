//! Organizations that approve followers by hand: the switch, the list of requests, the decision.

use super::super::ServiceError;
use super::super::orgs::{as_manager, as_member};
use crate::db::{DbUser, Recipients};
use crate::domain::Handle;
use crate::federation::outbox;
use crate::federation::protocol::{AnswerType, Follow, FollowType};
use crate::state::AppState;
use serde_json::Value;
use url::Url;

/// A follow request waiting for a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowRequest {
    pub actor: String,
    pub follow_id: String,
}

/// Switches hand approval of followers on or off; owners and admins only.
pub async fn set_follower_approval(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    on: bool,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let organization = as_manager(store, user, org).await?;
    Ok(store
        .set_manually_approves_followers(organization.actor_id, on)
        .await?)
}

/// The requests waiting for `org`'s decision; any member may see them.
pub async fn follow_requests(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
) -> Result<Vec<FollowRequest>, ServiceError> {
    let store = &app.store;
    let organization = as_member(store, user, org).await?;
    Ok(store
        .pending_followers(organization.actor_id)
        .await?
        .into_iter()
        .map(|(actor, follow_id)| FollowRequest { actor, follow_id })
        .collect())
}

/// Accepts or rejects the pending request of `actor`; owners and admins only. The answer goes to
/// the requester's inbox in the same transaction as the decision.
pub async fn decide_follow_request(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    actor: &str,
    accept: bool,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let organization = as_manager(store, user, org).await?;
    let not_found = || ServiceError::NotFound(format!("no follow request from {actor}"));
    let request = store
        .pending_followers(organization.actor_id)
        .await?
        .into_iter()
        .find(|(requester, _)| requester == actor)
        .ok_or_else(not_found)?;
    let follower = store
        .remote_actor_by_ap_id(actor)
        .await
        .map_err(|_| not_found())?;
    let parse = |text: &str| Url::parse(text).map_err(|e| ServiceError::Internal(e.to_string()));
    let follow = Follow {
        context: Value::Null,
        id: parse(&request.1)?,
        kind: FollowType::Follow,
        actor: parse(actor)?,
        object: urls.actor(org),
    };
    let kind = if accept {
        AnswerType::Accept
    } else {
        AnswerType::Reject
    };
    let answer = outbox::answer_follow(urls, org, &follow, kind);
    let recipients = Recipients::Inbox {
        inbox: follower.inbox.clone(),
        host: follower.host.clone(),
    };
    let decided = store
        .decide_follower(
            organization.actor_id,
            follower.id,
            accept,
            &answer.reply(organization.actor_id, recipients),
        )
        .await?;
    if decided { Ok(()) } else { Err(not_found()) }
}
