//! `Invite` of one of our organizations to co-host a campaign elsewhere: kept for its owners and
//! admins to answer.

use super::{ProcessError, Received};
use crate::federation::protocol::CampaignInvite;
use crate::service::campaigns;

pub(super) async fn receive(
    received: &Received<'_>,
    invite: &CampaignInvite,
) -> Result<String, ProcessError> {
    let kept =
        campaigns::receive_invite(received.store(), received.urls(), received.sender, invite)
            .await?;
    Ok(format!("co-host invitation kept: {kept}"))
}
