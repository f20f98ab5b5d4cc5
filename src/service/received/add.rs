//! `Add` of one of our events or actions to a campaign elsewhere (kept for the hosting
//! organization to accept), or by a co-host of one of its own items to one of our campaigns.

use super::{ProcessError, Received};
use crate::federation::protocol::CampaignAdd;
use crate::service::campaigns;

pub(super) async fn receive(
    received: &Received<'_>,
    add: &CampaignAdd,
) -> Result<String, ProcessError> {
    let taken = campaigns::receive_add(
        received.store(),
        received.federation(),
        received.sender,
        add,
    )
    .await?;
    Ok(format!("campaign Add taken: {taken}"))
}
