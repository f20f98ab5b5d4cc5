//! Follows as other servers send them: Follow, Undo{Follow}, and Accept/Reject of ours.

use super::super::ServiceError;
use crate::db::{
    DbError, DbLocalActor, DbRemoteActor, FollowState, NewFollower, Recipients, Store,
};
use crate::federation::outbox;
use crate::federation::protocol::Follow;
use crate::federation::urls::Urls;
use url::Url;

/// What became of an inbound follow activity, for the log and for tests.
#[derive(Debug, PartialEq, Eq)]
pub enum FollowEffect {
    Accepted,
    /// Waiting for the organization's decision.
    Pending,
    Removed,
    Settled(FollowState),
    /// Nothing to do, with the reason (spoofed, stale, or not about us).
    Ignored(String),
}

/// The local actor a Follow is addressed to, or why it names none here.
async fn followed_local_actor(
    store: &Store,
    urls: &Urls,
    follow: &Follow,
) -> Result<Result<DbLocalActor, FollowEffect>, ServiceError> {
    let Some(handle) = urls.local_handle(&follow.object) else {
        return Ok(Err(FollowEffect::Ignored(format!(
            "{} is not an actor here",
            follow.object
        ))));
    };
    match store.local_actor(&handle).await {
        Ok(actor) if actor.deleted_at.is_some() => Ok(Err(FollowEffect::Ignored(format!(
            "'{handle}' was deleted"
        )))),
        Ok(actor) => Ok(Ok(actor)),
        Err(DbError::NotFound) => Ok(Err(FollowEffect::Ignored(format!(
            "no actor '{handle}' here"
        )))),
        Err(other) => Err(other.into()),
    }
}

/// A remote actor asks to follow one of ours: record it and queue the Accept to its inbox, in one
/// transaction; or, when the actor approves followers by hand, record a pending request.
pub async fn receive_follow(
    store: &Store,
    urls: &Urls,
    follower: &DbRemoteActor,
    follow: &Follow,
) -> Result<FollowEffect, ServiceError> {
    if follow.actor.as_str() != follower.ap_id {
        return Ok(FollowEffect::Ignored(
            "the Follow's actor is not the sender".to_owned(),
        ));
    }
    let local = match followed_local_actor(store, urls, follow).await? {
        Ok(local) => local,
        Err(ignored) => return Ok(ignored),
    };
    if local.manually_approves_followers {
        let request = NewFollower {
            local_actor_id: local.id,
            remote_actor_id: follower.id,
            follow_ap_id: follow.id.as_str(),
            state: FollowState::Pending,
        };
        // An already accepted follower asking again stays accepted; anyone else waits.
        if store.follower_state(local.id, follower.id).await? != Some(FollowState::Accepted) {
            store.add_follower(&request, None).await?;
            return Ok(FollowEffect::Pending);
        }
    }
    let accept = outbox::accept_follow(urls, &local.handle, follow);
    let reply = accept.reply(
        local.id,
        Recipients::Inbox {
            inbox: follower.inbox.clone(),
            host: follower.host.clone(),
        },
    );
    store
        .add_follower(
            &NewFollower {
                local_actor_id: local.id,
                remote_actor_id: follower.id,
                follow_ap_id: follow.id.as_str(),
                state: FollowState::Accepted,
            },
            Some(&reply),
        )
        .await?;
    Ok(FollowEffect::Accepted)
}

/// A remote actor takes back its Follow. Only the follower itself can: the embedded Follow's
/// actor must be the sender.
pub async fn receive_undo_follow(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    follow: &Follow,
) -> Result<FollowEffect, ServiceError> {
    if follow.actor.as_str() != sender.ap_id {
        return Ok(FollowEffect::Ignored(
            "an Undo of someone else's Follow".to_owned(),
        ));
    }
    let local = match followed_local_actor(store, urls, follow).await? {
        Ok(local) => local,
        Err(ignored) => return Ok(ignored),
    };
    if store.remove_follower(local.id, sender.id).await? {
        Ok(FollowEffect::Removed)
    } else {
        Ok(FollowEffect::Ignored("no such follower".to_owned()))
    }
}

/// A remote actor answers one of our Follows. It counts only for a pending Follow of ours, with
/// that id, addressed to the sender.
pub async fn receive_follow_answer(
    store: &Store,
    sender: &DbRemoteActor,
    follow_id: &Url,
    embedded_object: Option<&Url>,
    state: FollowState,
) -> Result<FollowEffect, ServiceError> {
    if embedded_object.is_some_and(|object| object.as_str() != sender.ap_id) {
        return Ok(FollowEffect::Ignored(
            "the answered Follow was not addressed to the sender".to_owned(),
        ));
    }
    if store
        .settle_following(follow_id.as_str(), sender.id, state)
        .await?
    {
        Ok(FollowEffect::Settled(state))
    } else {
        Ok(FollowEffect::Ignored(format!(
            "no pending Follow {follow_id} to {}",
            sender.ap_id
        )))
    }
}
