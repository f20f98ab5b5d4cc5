//! `Offer` of a `Membership`: a platform co-op reports one of its organizations to our registry.

use super::{ProcessError, Received};
use crate::federation::protocol::MembershipOffer;
use crate::service::registry;

pub(super) async fn receive(
    received: &Received<'_>,
    offer: &MembershipOffer,
) -> Result<String, ProcessError> {
    let entry = registry::receive_offer(received.app, received.sender, offer).await?;
    Ok(format!(
        "registry entry {}: {} approved",
        entry.seq, entry.member
    ))
}
