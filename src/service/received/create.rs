//! `Create` of a note, article, page, event or question: a native ballot, a registry's
//! proposal put to our people, or a vote in one of our polls is only that; a reply to one of our events or actions earns its author a poll; then it goes to the
//! timelines of the sender's local followers.

use super::{ProcessError, Received};
use crate::federation::protocol::ObjectActivity;
use crate::service::{network, polls, registry, timeline};

pub(super) async fn receive(
    received: &Received<'_>,
    activity: ObjectActivity,
) -> Result<String, ProcessError> {
    let activity_id = activity.id.clone();
    let object = received.object_of(activity).await?;
    let (store, sender) = (received.store(), received.sender);
    if object.kind == "Ballot" {
        let answer = registry::receive_ballot(
            received.app,
            sender,
            &activity_id,
            &object,
            received.received_at,
        )
        .await?;
        return Ok(format!("ballot: {answer:?}"));
    }
    if let Some(kept) = network::receive_paper(received.app, sender, &object).await? {
        return Ok(kept);
    }
    // A poll answer (a name, no content, as Mastodon sends) to one of the registry's
    // proposals is a ballot, and only that; other replies go on as any note.
    if let Some(id) = object
        .in_reply_to
        .as_ref()
        .and_then(|target| received.urls().local_proposal_id(target))
        && object.is_by(&sender.ap_id)
        && object.name.is_some()
        && object
            .content
            .as_deref()
            .is_none_or(|content| content.trim().is_empty())
    {
        let answer =
            registry::receive_poll_answer(received.app, sender, &id, &object, received.received_at)
                .await?;
        return Ok(format!("ballot: {answer:?}"));
    }
    match polls::receive_note(store, received.urls(), sender, &object).await? {
        Some(effect @ polls::PollEffect::Voted(_))
        | Some(effect @ polls::PollEffect::Refused(_)) => Ok(format!("{effect:?}")),
        offered => {
            let effect = match received.authored {
                Some(batch) => timeline::defer_create_or_update(batch, sender, &object)?,
                None => timeline::receive_create_or_update(store, sender, &object).await?,
            };
            Ok(format!("{offered:?}; {effect:?}"))
        }
    }
}
