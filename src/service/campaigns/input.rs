//! What an organization sends to create or change a campaign, and its validation.

use crate::db::CampaignDetails;
use crate::domain::{CampaignStatus, Handle};
use crate::service::ServiceError;
use crate::service::fields::{invalid, optional_text};
use crate::service::markdown::markdown_to_html;
use serde::Deserialize;
use utoipa::ToSchema;

const MAX_TITLE_CHARS: usize = 200;
const MAX_SUMMARY_CHARS: usize = 1_000;
const MAX_BODY_CHARS: usize = 50_000;
const MAX_DEMANDS: usize = 20;
const MAX_DEMAND_CHARS: usize = 300;
const MAX_GOAL_CHARS: usize = 500;

/// A campaign as the API receives it.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignInput {
    /// The campaign's own handle, which Mastodon users follow (`@handle@domain`); fixed once
    /// created.
    pub handle: String,
    pub title: String,
    /// Plain text, shown as the actor's summary.
    #[serde(default)]
    pub summary: String,
    /// Background, in Markdown.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub demands: Vec<String>,
    /// What winning means, in a sentence.
    #[serde(default)]
    pub goal_statement: String,
    #[serde(default = "active")]
    pub status: CampaignStatus,
}

fn active() -> CampaignStatus {
    CampaignStatus::Active
}

impl CampaignInput {
    /// The handle and details, or the first broken rule.
    pub fn validate(&self) -> Result<(Handle, CampaignDetails), ServiceError> {
        let handle =
            Handle::parse(self.handle.trim()).map_err(|e| invalid("handle", e.to_string()))?;
        let title = optional_text("title", Some(&self.title), MAX_TITLE_CHARS)?
            .ok_or_else(|| invalid("title", "must not be empty"))?;
        let summary =
            optional_text("summary", Some(&self.summary), MAX_SUMMARY_CHARS)?.unwrap_or_default();
        if self.body.chars().count() > MAX_BODY_CHARS {
            return Err(invalid(
                "body",
                format!("may have at most {MAX_BODY_CHARS} characters"),
            ));
        }
        if self.demands.len() > MAX_DEMANDS {
            return Err(invalid("demands", format!("at most {MAX_DEMANDS}")));
        }
        let mut demands = Vec::new();
        for demand in &self.demands {
            let demand = demand.replace(['\r', '\n'], " ");
            if let Some(demand) = optional_text("demands", Some(&demand), MAX_DEMAND_CHARS)? {
                demands.push(demand);
            }
        }
        let goal_statement =
            optional_text("goal_statement", Some(&self.goal_statement), MAX_GOAL_CHARS)?
                .unwrap_or_default();
        Ok((
            handle,
            CampaignDetails {
                title,
                summary,
                content_html: markdown_to_html(&self.body),
                body_markdown: self.body.clone(),
                demands,
                goal_statement,
                status: self.status,
            },
        ))
    }
}
