//! What an organization sends to create or change an action, and its validation: every refusal
//! names the field, and nothing is stored unless all of it holds.

use crate::db::ActionDetails;
use crate::domain::{ActionKind, ActionStatus};
use crate::service::ServiceError;
use crate::service::fields::{
    Links, instant, invalid, link, optional_text, parse_zone, stored_zone,
};
use crate::service::markdown::markdown_to_html;
use serde::Deserialize;
use utoipa::ToSchema;

const MAX_TITLE_CHARS: usize = 200;
const MAX_DESCRIPTION_CHARS: usize = 1_000;
const MAX_BODY_CHARS: usize = 50_000;
const MAX_TARGETS: usize = 50;
const MAX_TARGET_CHARS: usize = 200;
const MAX_UNIT_CHARS: usize = 40;
const MAX_LABEL_CHARS: usize = 60;
const MAX_GOAL: i64 = 1_000_000_000;

/// An action as the API receives it (create, or replace on update).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionInput {
    pub kind: ActionKind,
    pub title: String,
    /// A short plain-text description, repeated in the summary Mastodon shows.
    #[serde(default)]
    pub description: String,
    /// The full text (the petition, the script, the letter), in Markdown.
    #[serde(default)]
    pub body: String,
    /// Who the action addresses.
    #[serde(default)]
    pub targets: Vec<String>,
    /// How many participations the organization aims for.
    #[serde(default)]
    pub goal: Option<i64>,
    /// What one participation counts as (`signatures`, `calls`...); by kind when absent.
    #[serde(default)]
    pub goal_unit: Option<String>,
    /// RFC 3339, or a local time in `timezone` (required then: a local time alone is refused).
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default)]
    pub timezone: Option<String>,
    /// An external call to action (people act there instead of here).
    #[serde(default)]
    pub external_url: Option<String>,
    /// The button text for `external_url`.
    #[serde(default)]
    pub external_label: Option<String>,
    #[serde(default = "open")]
    pub status: ActionStatus,
}

fn open() -> ActionStatus {
    ActionStatus::Open
}

impl ActionInput {
    /// Checks every field; the first broken rule is the error.
    pub fn validate(&self) -> Result<ActionDetails, ServiceError> {
        let title = optional_text("title", Some(&self.title), MAX_TITLE_CHARS)?
            .ok_or_else(|| invalid("title", "must not be empty"))?;
        let description = optional_text(
            "description",
            Some(&self.description),
            MAX_DESCRIPTION_CHARS,
        )?
        .unwrap_or_default();
        if self.body.chars().count() > MAX_BODY_CHARS {
            return Err(invalid(
                "body",
                format!("may have at most {MAX_BODY_CHARS} characters"),
            ));
        }
        if self.targets.len() > MAX_TARGETS {
            return Err(invalid("targets", format!("at most {MAX_TARGETS}")));
        }
        let mut targets = Vec::with_capacity(self.targets.len());
        for target in &self.targets {
            // One per line in the store, so a line break inside one would split it.
            let target = target.replace(['\r', '\n'], " ");
            if let Some(target) = optional_text("targets", Some(&target), MAX_TARGET_CHARS)? {
                targets.push(target);
            }
        }
        if let Some(goal) = self.goal
            && !(1..=MAX_GOAL).contains(&goal)
        {
            return Err(invalid("goal", format!("must be between 1 and {MAX_GOAL}")));
        }
        let goal_unit = optional_text("goal_unit", self.goal_unit.as_deref(), MAX_UNIT_CHARS)?
            .unwrap_or_else(|| self.kind.default_unit().to_owned());
        let zone = parse_zone(self.timezone.as_deref())?;
        let deadline = match self.deadline.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(instant("deadline", text, zone)?),
        };
        let external_url = link(
            "external_url",
            self.external_url.as_deref(),
            Links::WebMailOrPhone,
        )?;
        let external_label = optional_text(
            "external_label",
            self.external_label.as_deref(),
            MAX_LABEL_CHARS,
        )?;
        if external_label.is_some() && external_url.is_none() {
            return Err(invalid("external_label", "needs an external_url"));
        }
        Ok(ActionDetails {
            kind: self.kind,
            title,
            description,
            content_html: markdown_to_html(&self.body),
            body_markdown: self.body.clone(),
            targets,
            goal: self.goal,
            goal_unit,
            deadline,
            timezone: stored_zone(zone),
            external_url,
            external_label,
            status: self.status,
        })
    }
}
