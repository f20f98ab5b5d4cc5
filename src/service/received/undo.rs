//! `Undo` of a Join or an RSVP answer (the participation or RSVP is withdrawn), or of a Follow
//! (the follower is removed); anything else is not tracked.

use super::{ProcessError, Received};
use crate::federation::inbox::dispatch::Undone;
use crate::service::follows;

pub(super) async fn receive(
    received: &Received<'_>,
    undone: Undone,
) -> Result<String, ProcessError> {
    let (store, urls, sender) = (received.store(), received.urls(), received.sender);
    Ok(match undone {
        Undone::Participation(target) => super::participation::leave(received, &target).await?,
        Undone::Follow(follow) => format!(
            "{:?}",
            follows::receive_undo_follow(store, urls, sender, &follow).await?
        ),
        Undone::Other(why) => why,
    })
}
