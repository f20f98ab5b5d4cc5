//! Local people following remote actors by handle: WebFinger → actor → Follow, and Undo.

use super::super::ServiceError;
use crate::db::{DbRemoteActor, DbUser, Recipients};
use crate::federation::inbound::authority;
use crate::federation::outbox;
use crate::federation::resolve::{ResolveError, split_handle};
use crate::service::blocks::refuse_blocked;
use crate::state::AppState;
use url::Url;

impl From<ResolveError> for ServiceError {
    fn from(error: ResolveError) -> Self {
        match error {
            ResolveError::BadHandle(_) => Self::Invalid {
                field: "handle",
                message: error.to_string(),
            },
            ResolveError::Store(db) => Self::Store(db),
            other => Self::Unavailable(other.to_string()),
        }
    }
}

/// `user` follows the remote actor `handle` (`name@host`): the Follow is queued with the pending
/// relationship in one transaction; the remote's Accept settles it. A handle on a blocked domain
/// is refused before any request goes out.
pub async fn follow_remote(
    app: &AppState,
    user: &DbUser,
    handle: &str,
) -> Result<DbRemoteActor, ServiceError> {
    let store = &app.store;
    let federation = &app.federation;
    let (_, host) = split_handle(handle)?;
    refuse_blocked(store, host).await?;
    let actor_id = federation.webfinger(handle).await?;
    // WebFinger keeps the actor on the handle's host; checked again so that stays true here.
    refuse_blocked(store, &authority(&actor_id)).await?;
    let target = federation.refresh_actor(store, &actor_id).await?;
    follow_actor(app, user, &target).await?;
    Ok(target)
}

/// `user` follows the fetched remote actor `target`: the Follow is queued with the pending
/// relationship in one transaction.
pub async fn follow_actor(
    app: &AppState,
    user: &DbUser,
    target: &DbRemoteActor,
) -> Result<(), ServiceError> {
    let target_id = Url::parse(&target.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let follow = outbox::follow(app.urls(), &user.handle, &target_id);
    app.store
        .add_following(
            user.actor_id,
            target.id,
            &follow.reply(user.actor_id, Recipients::inbox_of(target)),
        )
        .await?;
    Ok(())
}

/// Whom `user` follows or asked to follow, newest first.
pub async fn following(app: &AppState, user: &DbUser) -> Result<Vec<Followed>, ServiceError> {
    Ok(app
        .store
        .following_of(user.actor_id)
        .await?
        .into_iter()
        .map(|(ap_id, account, name, state)| Followed {
            ap_id,
            account,
            name,
            accepted: state == "accepted",
        })
        .collect())
}

/// A remote account a local person follows.
#[derive(Debug)]
pub struct Followed {
    pub ap_id: String,
    /// `name@host`.
    pub account: String,
    pub name: String,
    /// False while the account has not accepted (or refused).
    pub accepted: bool,
}

/// `user` stops following the remote actor `handle`; an Undo{Follow} tells it.
pub async fn unfollow_remote(
    app: &AppState,
    user: &DbUser,
    handle: &str,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let federation = &app.federation;
    let actor_id = federation.webfinger(handle).await?;
    let target = federation.actor(store, &actor_id).await?;
    let Some(follow_id) = store.following_id(user.actor_id, target.id).await? else {
        return Err(ServiceError::NotFound(format!(
            "you do not follow {handle}"
        )));
    };
    let follow_id = Url::parse(&follow_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let target_id = Url::parse(&target.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let undo = outbox::undo_follow(federation.urls(), &user.handle, &follow_id, &target_id);
    store
        .remove_following(
            user.actor_id,
            target.id,
            &undo.reply(user.actor_id, Recipients::inbox_of(&target)),
        )
        .await?;
    Ok(())
}
