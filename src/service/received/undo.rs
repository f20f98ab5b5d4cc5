//! `Undo` of a Join or an RSVP answer (the participation or RSVP is withdrawn), or of a Follow
//! (the follower is removed); anything else is not tracked.

use super::{ProcessError, Received};
use crate::federation::inbox::dispatch::Undone;
use crate::service::{actions, events, follows};

pub(super) async fn receive(
    received: &Received<'_>,
    undone: Undone,
) -> Result<String, ProcessError> {
    let (store, urls, sender) = (received.store(), received.urls(), received.sender);
    Ok(match undone {
        Undone::Participation(target) if urls.local_action_id(&target).is_some() => format!(
            "{:?}",
            actions::receive_leave(store, urls, sender, &target).await?
        ),
        Undone::Participation(target) => format!(
            "{:?}",
            events::receive_leave(store, urls, sender, &target).await?
        ),
        Undone::Follow(follow) => format!(
            "{:?}",
            follows::receive_undo_follow(store, urls, sender, &follow).await?
        ),
        Undone::Other(why) => why,
    })
}
