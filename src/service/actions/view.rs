//! Actions as people and clients see them: the fields, the live progress per instance, and
//! the participant list organizers read. The API serialises these as they are; pages render them.

use crate::db::{ActionProgress, DbAction, DbParticipation};
use crate::domain::{ActionKind, ActionStatus};
use crate::federation::actions::action_summary;
use crate::federation::notes::rfc3339;
use crate::federation::urls::Urls;
use crate::service::events::InstanceCount;
use serde::Serialize;
use utoipa::ToSchema;

/// An action as the API shows it, with its live progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionView {
    pub id: String,
    /// The ActivityPub id; it is also the public page (HTML for browsers).
    pub ap_id: String,
    pub organization: String,
    pub kind: ActionKind,
    pub title: String,
    pub description: String,
    pub body: String,
    pub content_html: String,
    /// The plain-text summary Mastodon users see.
    pub summary: String,
    pub targets: Vec<String>,
    pub goal: Option<i64>,
    pub goal_unit: String,
    pub deadline: Option<String>,
    pub timezone: String,
    pub external_url: Option<String>,
    pub external_label: Option<String>,
    pub status: ActionStatus,
    /// Everyone who took part, once each, wherever they are.
    pub progress: i64,
    /// The same per instance (host), largest first.
    pub progress_by_instance: Vec<InstanceCount>,
}

pub(crate) fn view(urls: &Urls, action: &DbAction, progress: &ActionProgress) -> ActionView {
    let details = &action.details;
    ActionView {
        id: action.id.clone(),
        ap_id: urls.action(&action.id).to_string(),
        organization: action.handle.to_string(),
        kind: details.kind,
        title: details.title.clone(),
        description: details.description.clone(),
        body: details.body_markdown.clone(),
        content_html: details.content_html.clone(),
        summary: action_summary(action, progress),
        targets: details.targets.clone(),
        goal: details.goal,
        goal_unit: details.goal_unit.clone(),
        deadline: details.deadline.map(rfc3339),
        timezone: details.timezone.clone(),
        external_url: details.external_url.clone(),
        external_label: details.external_label.clone(),
        status: details.status,
        progress: progress.total,
        progress_by_instance: InstanceCount::list(&progress.by_host),
    }
}

/// One participant, as organizers see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantView {
    /// The participant's ActivityPub actor id.
    pub participant: String,
    pub instance: String,
    /// `local`, `join` (another server) or `poll`.
    pub via: String,
    pub name: String,
    pub comment: String,
    pub consent_to_contact: bool,
    pub created_at: String,
}

impl From<DbParticipation> for ParticipantView {
    fn from(p: DbParticipation) -> Self {
        Self {
            participant: p.participant,
            instance: p.host,
            via: p.via,
            name: p.name,
            comment: p.comment,
            consent_to_contact: p.consent_to_contact != 0,
            created_at: rfc3339(p.created_at),
        }
    }
}
