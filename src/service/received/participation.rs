//! `Join` and `Leave` of one of our events (an RSVP) or actions (a participation), or of the
//! network registry's actor (a platform co-op applying or leaving).

use super::{ProcessError, Received};
use crate::domain::Handle;
use crate::federation::protocol::{Participation, ParticipationType};
use crate::service::{actions, events, registry};
use url::Url;

pub(super) async fn receive(
    received: &Received<'_>,
    activity: &Participation,
) -> Result<String, ProcessError> {
    if activity.object == received.urls().actor(&Handle::registry_actor()) {
        let (app, sender, target) = (received.app, received.sender, &activity.object);
        let entry = match activity.kind {
            ParticipationType::Join => registry::receive_join(app, sender, target).await?,
            ParticipationType::Leave => registry::receive_leave(app, sender, target).await?,
        };
        return Ok(format!(
            "registry entry {}: {}",
            entry.seq,
            entry.change.as_str()
        ));
    }
    if matches!(activity.kind, ParticipationType::Leave) {
        return leave(received, &activity.object).await;
    }
    let (store, urls, sender) = (received.store(), received.urls(), received.sender);
    Ok(if urls.local_action_id(&activity.object).is_some() {
        format!(
            "{:?}",
            actions::receive_join(store, urls, sender, activity).await?
        )
    } else {
        format!(
            "{:?}",
            events::receive_join(store, urls, sender, activity).await?
        )
    })
}

/// The sender withdraws from our action or event `target`: a `Leave`, or an `Undo` of their
/// `Join` or RSVP answer.
pub(super) async fn leave(received: &Received<'_>, target: &Url) -> Result<String, ProcessError> {
    let (store, urls, sender) = (received.store(), received.urls(), received.sender);
    Ok(if urls.local_action_id(target).is_some() {
        format!(
            "{:?}",
            actions::receive_leave(store, urls, sender, target).await?
        )
    } else {
        format!(
            "{:?}",
            events::receive_leave(store, urls, sender, target).await?
        )
    })
}
