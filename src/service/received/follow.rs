//! `Follow` of one of our actors: the follower is recorded and answered `Accept`, or waits for
//! an organizer when the actor approves its followers. A `Follow` of the registry's actor also
//! confirms the follower's application to the network, when they made one.

use super::{ProcessError, Received};
use crate::domain::Handle;
use crate::federation::protocol::Follow;
use crate::service::{follows, registry};

pub(super) async fn receive(
    received: &Received<'_>,
    follow: &Follow,
) -> Result<String, ProcessError> {
    let effect =
        follows::receive_follow(received.store(), received.urls(), received.sender, follow).await?;
    if follow.object == received.urls().actor(&Handle::registry_actor())
        && let Some(entry) = registry::confirm_by_follow(received.app, received.sender).await?
    {
        return Ok(format!("{effect:?}; registry entry {} applied", entry.seq));
    }
    Ok(format!("{effect:?}"))
}
