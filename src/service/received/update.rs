//! `Update` of the sender's own actor (fetched again from its id, never taken from the
//! activity), of one of its objects (stored again in the timelines), or of a network
//! membership (taken on the registry's proof, whoever relays it).

use super::objects::{is_actor, object_id};
use super::{ProcessError, Received};
use crate::federation::protocol::ObjectActivity;
use crate::federation::protocol::lenient::IdOrObject;
use crate::service::{actors, network, timeline};

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
    if let IdOrObject::Object(object) = &activity.object
        && object.get("type").and_then(serde_json::Value::as_str) == Some("Membership")
    {
        let kept = network::receive_membership(received.app, sender, object).await?;
        return Ok(format!(
            "network membership of {} is {} (version {})",
            kept.member, kept.status, kept.version
        ));
    }
    let object = received.object_of(activity).await?;
    if let Some(kept) = network::receive_paper(received.app, sender, &object).await? {
        return Ok(kept);
    }
    Ok(format!(
        "{:?}",
        timeline::receive_create_or_update(store, sender, &object).await?
    ))
}
