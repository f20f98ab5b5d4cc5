//! `Follow` of one of our actors: the follower is recorded and answered `Accept`, or waits for
//! an organizer when the actor approves its followers.

use super::{ProcessError, Received};
use crate::federation::protocol::Follow;
use crate::service::follows;

pub(super) async fn receive(
    received: &Received<'_>,
    follow: &Follow,
) -> Result<String, ProcessError> {
    let effect =
        follows::receive_follow(received.store(), received.urls(), received.sender, follow).await?;
    Ok(format!("{effect:?}"))
}
