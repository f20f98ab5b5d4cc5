//! Local actions as ActivityPub `Page`s with the plain-text summary Mastodon shows in place of
//! the content: what to do, the goal and how far it is, the deadline, the description.

use super::events::{in_zone, with_description, zone};
use super::notes::{rfc3339, rfc3339_millis};
use super::protocol::context::{ACTIVITYSTREAMS, PUBLIC, extension_context};
use super::protocol::{ActionPage, InstanceProgress, Link, PageType, Tombstone, TombstoneType};
use super::urls::Urls;
use crate::db::{ActionProgress, DbAction};
use crate::domain::ActionStatus;
use serde_json::Value;
use url::Url;

/// The document of a live action with its current progress.
pub fn local_action_document(
    action: &DbAction,
    progress: &ActionProgress,
    urls: &Urls,
) -> ActionPage {
    let details = &action.details;
    let id = urls.action(&action.id);
    let external = details
        .external_url
        .as_deref()
        .and_then(|u| Url::parse(u).ok());
    ActionPage {
        context: extension_context(),
        url: Some(id.clone()),
        id,
        kind: PageType::Page,
        name: details.title.clone(),
        summary: Some(action_summary(action, progress)),
        content: details.content_html.clone(),
        media_type: Some("text/html".to_owned()),
        attributed_to: urls.actor(&action.handle),
        to: vec![PUBLIC.to_owned()],
        cc: vec![urls.followers(&action.handle).to_string()],
        published: Some(rfc3339(action.created_at)),
        updated: action.updated_at.map(rfc3339_millis),
        end_time: details
            .deadline
            .map(|deadline| in_zone(deadline, zone(&details.timezone)).to_rfc3339()),
        action_type: details.kind.as_str().to_owned(),
        action_status: details.status.as_str().to_owned(),
        goal: details.goal,
        goal_unit: details.goal_unit.clone(),
        progress: progress.total,
        progress_by_instance: progress
            .by_host
            .iter()
            .map(|(instance, n)| InstanceProgress {
                instance: instance.clone(),
                total_items: *n,
            })
            .collect(),
        targets: details.targets.clone(),
        join_mode: if external.is_some() {
            "external"
        } else {
            "free"
        }
        .to_owned(),
        attachment: external
            .iter()
            .map(|href| Link {
                kind: "Link".to_owned(),
                rel: Some("sol:callToAction".to_owned()),
                name: Some(
                    details
                        .external_label
                        .clone()
                        .unwrap_or_else(|| details.kind.verb().to_owned()),
                ),
                href: href.clone(),
            })
            .collect(),
        external_participation_url: external,
    }
}

/// What a deleted action's id answers.
pub fn action_tombstone(action: &DbAction, urls: &Urls) -> Tombstone {
    Tombstone {
        context: Value::String(ACTIVITYSTREAMS.to_owned()),
        id: urls.action(&action.id),
        kind: TombstoneType::Tombstone,
        former_type: Some("Page".to_owned()),
        deleted: action.deleted_at.map(rfc3339),
    }
}

/// `Petition · 31 of 50 signatures · until Sat 13 Jun 2026 · to County jail warden`, then the
/// description.
pub fn action_summary(action: &DbAction, progress: &ActionProgress) -> String {
    let details = &action.details;
    let mut parts = vec![details.kind.verb().to_owned()];
    parts.push(match details.goal {
        Some(goal) => format!("{} of {goal} {}", progress.total, details.goal_unit),
        None => format!("{} {}", progress.total, details.goal_unit),
    });
    if let Some(deadline) = details.deadline {
        let local = in_zone(deadline, zone(&details.timezone));
        parts.push(format!("until {}", local.format("%a %-d %b %Y, %H:%M %Z")));
    }
    if !details.targets.is_empty() {
        parts.push(format!("to {}", details.targets.join(", ")));
    }
    let mut line = parts.join(" · ");
    match details.status {
        ActionStatus::Open => {}
        ActionStatus::Closed => line = format!("CLOSED: {line}"),
        ActionStatus::Won => line = format!("WON: {line}"),
        ActionStatus::Lost => line = format!("LOST: {line}"),
    }
    with_description(line, &details.description)
}
