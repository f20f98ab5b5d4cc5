//! `Undo` of a Join or an RSVP answer (the participation or RSVP is withdrawn), or of a Follow
//! (the follower is removed); anything else is not tracked.

use super::{ProcessError, Received};
use crate::federation::protocol::lenient::IdOrObject;
use crate::federation::protocol::{Follow, Undo};
use crate::service::{actions, events, follows};
use serde_json::Value;

pub(super) async fn receive(received: &Received<'_>, undo: Undo) -> Result<String, ProcessError> {
    let (store, urls, sender) = (received.store, received.urls(), received.sender);
    if let Some(target) = events::undone_rsvp(&undo.object) {
        return Ok(if urls.local_action_id(&target).is_some() {
            format!(
                "{:?}",
                actions::receive_leave(store, urls, sender, &target).await?
            )
        } else {
            format!(
                "{:?}",
                events::receive_leave(store, urls, sender, &target).await?
            )
        });
    }
    match undo.object {
        IdOrObject::Object(object)
            if object.get("type").and_then(Value::as_str) == Some("Follow") =>
        {
            match serde_json::from_value::<Follow>(object) {
                Ok(follow) => Ok(format!(
                    "{:?}",
                    follows::receive_undo_follow(store, urls, sender, &follow).await?
                )),
                Err(e) => Ok(format!("unreadable Follow in Undo: {e}")),
            }
        }
        _ => Ok("Undo of something we do not track".to_owned()),
    }
}
