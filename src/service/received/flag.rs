//! `Flag`: a report about our accounts or content, kept for the administrators.

use super::{ProcessError, Received};
use crate::federation::protocol::Flag;
use crate::service::reports;

pub(super) async fn receive(received: &Received<'_>, flag: &Flag) -> Result<String, ProcessError> {
    let effect =
        reports::receive_flag(received.store(), received.urls(), received.sender, flag).await?;
    Ok(format!("{effect:?}"))
}
