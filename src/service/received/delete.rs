//! `Delete` of the sender's own actor (honoured once its id answers 404 or 410) or of one of its
//! objects (removed from the timelines).

use super::objects::object_id;
use super::{ProcessError, Received};
use crate::federation::protocol::ObjectActivity;
use crate::service::{actors, timeline};

pub(super) async fn receive(
    received: &Received<'_>,
    activity: &ObjectActivity,
) -> Result<String, ProcessError> {
    let (store, sender) = (received.store(), received.sender);
    Ok(match object_id(&activity.object) {
        Some(id) if id.as_str() == sender.ap_id => format!(
            "{:?}",
            actors::receive_actor_delete(store, received.federation(), sender, &id).await?
        ),
        Some(id) => format!("{:?}", timeline::receive_delete(store, sender, &id).await?),
        None => "Delete without an object id".to_owned(),
    })
}
