//! Taking part in an action: local users through the API, users of other Solidarity instances
//! by `Join` (answered `Accept`, or `Reject` when the action no longer takes part), each person
//! counted once however often they ask.

use crate::db::{DbAction, DbRemoteActor, DbUser, NewParticipation, Recipients, Store, now_millis};
use crate::domain::ActionStatus;
use crate::federation::outbox;
use crate::federation::protocol::{JoinAnswerType, Participation};
use crate::federation::sanitize::plain_text;
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::state::AppState;
use serde::Deserialize;
use url::Url;
use utoipa::ToSchema;

const MAX_NAME_CHARS: usize = 100;
const MAX_COMMENT_CHARS: usize = 1_000;

/// A participation as a local user gives it.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipationInput {
    /// The name to show the organizers; the user's display name when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// A word to the organizers; on a repeat, absent keeps the first one and `""` clears it.
    #[serde(default)]
    pub comment: Option<String>,
    /// Whether the organization may contact the participant; on a repeat, absent keeps the
    /// first answer (a first participation without it does not consent).
    #[serde(default)]
    pub consent_to_contact: Option<bool>,
}

/// What a local user's participation came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Participated {
    /// Counted for the first time.
    New,
    /// Already counted; what the request gave was updated.
    Again,
    /// Withdrawn (or there was nothing to withdraw).
    Withdrawn,
}

/// What a received `Join` or `Leave` of an action came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParticipationEffect {
    /// Counted (`true`) or already counted (`false`), and accepted.
    Counted(bool),
    Refused(&'static str),
    Withdrawn,
    NotOurs,
}

/// Why an action takes no participation now, if it does not.
pub(crate) fn closed_reason(action: &DbAction) -> Option<&'static str> {
    let details = &action.details;
    if action.deleted_at.is_some() {
        Some("the action was deleted")
    } else if details.status != ActionStatus::Open {
        Some("the action is closed")
    } else if details
        .deadline
        .is_some_and(|deadline| deadline <= now_millis())
    {
        Some("the action's deadline has passed")
    } else if details.external_url.is_some() {
        Some("this action takes part on another site")
    } else {
        None
    }
}

/// The trimmed `text`, if given, within `max` characters.
fn text(
    field: &'static str,
    text: Option<&str>,
    max: usize,
) -> Result<Option<String>, ServiceError> {
    let Some(text) = text.map(str::trim) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(ServiceError::Invalid {
            field,
            message: format!("may have at most {max} characters"),
        });
    }
    Ok(Some(text.to_owned()))
}

/// A local user takes part (or, with `withdraw`, withdraws). Taking part again keeps what the
/// first time gave unless this request gives it anew.
pub async fn participate_as_user(
    app: &AppState,
    user: &DbUser,
    action_id: &str,
    input: &ParticipationInput,
    withdraw: bool,
) -> Result<Participated, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let action = store
        .action(action_id)
        .await
        .map_err(ServiceError::not_found(format!("no action {action_id}")))?;
    let participant = urls.actor(&user.handle).to_string();
    if withdraw {
        store.remove_participation(&action.id, &participant).await?;
        return Ok(Participated::Withdrawn);
    }
    if let Some(reason) = closed_reason(&action) {
        return Err(ServiceError::Conflict(reason.to_owned()));
    }
    let name = text("name", input.name.as_deref(), MAX_NAME_CHARS)?.filter(|n| !n.is_empty());
    let comment = text("comment", input.comment.as_deref(), MAX_COMMENT_CHARS)?;
    let new = store
        .add_participation(
            &NewParticipation {
                action_id: &action.id,
                participant: &participant,
                host: &urls.authority(),
                via: "local",
                name: name.as_deref(),
                default_name: &user.display_name,
                comment: comment.as_deref(),
                consent_to_contact: input.consent_to_contact,
                activity_ap_id: None,
            },
            None,
        )
        .await?;
    Ok(if new {
        Participated::New
    } else {
        Participated::Again
    })
}

/// The local action a URL names, if it is one of ours.
async fn local_action(
    store: &Store,
    urls: &Urls,
    id: &Url,
) -> Result<Option<DbAction>, ServiceError> {
    let Some(action_id) = urls.local_action_id(id) else {
        return Ok(None);
    };
    match store.action(&action_id).await {
        Ok(action) => Ok(Some(action)),
        Err(crate::db::DbError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// A `Join` of one of our actions by a user of another server: counted once and answered
/// `Accept` in one transaction, or `Reject` when the action takes no participation now.
pub async fn receive_join(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    join: &Participation,
) -> Result<ParticipationEffect, ServiceError> {
    let Some(action) = local_action(store, urls, &join.object).await? else {
        return Ok(ParticipationEffect::NotOurs);
    };
    let to_joiner = Recipients::Inbox {
        inbox: sender.inbox.clone(),
        host: sender.host.clone(),
    };
    if let Some(reason) = closed_reason(&action) {
        let reject = outbox::answer_join(urls, &action.handle, join, JoinAnswerType::Reject);
        let reply = reject.reply(action.local_actor_id, to_joiner);
        store
            .enqueue_activity(&reply.activity, &reply.recipients)
            .await?;
        return Ok(ParticipationEffect::Refused(reason));
    }
    let name = plain_text(&sender.display_name(), MAX_NAME_CHARS);
    let comment = join
        .participation_message
        .as_deref()
        .map(|m| plain_text(m, MAX_COMMENT_CHARS));
    let accept = outbox::answer_join(urls, &action.handle, join, JoinAnswerType::Accept);
    let new = store
        .add_participation(
            &NewParticipation {
                action_id: &action.id,
                participant: &sender.ap_id,
                host: &sender.host,
                via: "join",
                name: Some(&name),
                default_name: &name,
                comment: comment.as_deref(),
                consent_to_contact: join.consent_to_contact,
                activity_ap_id: Some(join.id.as_str()),
            },
            Some(&accept.reply(action.local_actor_id, to_joiner)),
        )
        .await?;
    Ok(ParticipationEffect::Counted(new))
}

/// A `Leave` (or `Undo` of a Join) of one of our actions.
pub async fn receive_leave(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    action_url: &Url,
) -> Result<ParticipationEffect, ServiceError> {
    let Some(action) = local_action(store, urls, action_url).await? else {
        return Ok(ParticipationEffect::NotOurs);
    };
    Ok(
        if store
            .remove_participation(&action.id, &sender.ap_id)
            .await?
        {
            ParticipationEffect::Withdrawn
        } else {
            ParticipationEffect::NotOurs
        },
    )
}
