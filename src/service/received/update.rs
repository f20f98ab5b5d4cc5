//! `Update` of the sender's own actor (fetched again from its id, never taken from the
//! activity) or of one of its objects (stored again in the timelines).

use super::objects::{is_actor, object_id};
use super::{ProcessError, Received};
use crate::federation::protocol::ObjectActivity;
use crate::service::{actors, timeline};

pub(super) async fn receive(
    received: &Received<'_>,
    activity: ObjectActivity,
) -> Result<String, ProcessError> {
    let (store, sender) = (received.store(), received.sender);
    if is_actor(&activity.object, sender) {
        return Ok(match object_id(&activity.object) {
            Some(id) => format!(
                "{:?}",
                actors::receive_actor_update(store, received.federation(), sender, &id).await?
            ),
            None => "Update of an actor without an id".to_owned(),
        });
    }
    let object = received.object_of(activity).await?;
    Ok(format!(
        "{:?}",
        timeline::receive_create_or_update(store, sender, &object).await?
    ))
}
