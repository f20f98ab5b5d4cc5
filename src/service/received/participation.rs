//! `Join` and `Leave` of one of our events (an RSVP) or actions (a participation).

use super::{ProcessError, Received};
use crate::federation::protocol::{Participation, ParticipationType};
use crate::service::{actions, events};

pub(super) async fn receive(
    received: &Received<'_>,
    activity: &Participation,
) -> Result<String, ProcessError> {
    let (store, urls, sender) = (received.store(), received.urls(), received.sender);
    let effect = if urls.local_action_id(&activity.object).is_some() {
        match activity.kind {
            ParticipationType::Join => {
                format!(
                    "{:?}",
                    actions::receive_join(store, urls, sender, activity).await?
                )
            }
            ParticipationType::Leave => format!(
                "{:?}",
                actions::receive_leave(store, urls, sender, &activity.object).await?
            ),
        }
    } else {
        match activity.kind {
            ParticipationType::Join => {
                format!(
                    "{:?}",
                    events::receive_join(store, urls, sender, activity).await?
                )
            }
            ParticipationType::Leave => format!(
                "{:?}",
                events::receive_leave(store, urls, sender, &activity.object).await?
            ),
        }
    };
    Ok(effect)
}
