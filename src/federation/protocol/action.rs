//! An action as a `Page` with our terms (`sol:`): what kind, the goal and the progress (in all
//! and per instance), who it targets, and the call to action. Lemmy and Mastodon read the
//! `Page` (name, summary, link); Solidarity peers read the rest.

use super::lenient::{audience, single_id};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// An action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionPage {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: PageType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    pub name: String,
    /// Plain text: what to do, the goal and progress, the deadline, the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default)]
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(deserialize_with = "single_id")]
    pub attributed_to: Url,
    #[serde(
        default,
        deserialize_with = "audience",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
    #[serde(
        default,
        deserialize_with = "audience",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cc: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// The deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    /// `petition`, `letter`, `call`, `email`, `protest`, `outreach`, `donation`, `other`.
    pub action_type: String,
    /// `open`, `closed`, `won`, `lost`.
    pub action_status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<i64>,
    pub goal_unit: String,
    /// Everyone who took part, counted once each, wherever they are.
    pub progress: i64,
    /// The same, per instance (host).
    #[serde(default)]
    pub progress_by_instance: Vec<InstanceProgress>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// `free` (take part here, or by `Join`) or `external` (at `externalParticipationUrl`).
    pub join_mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_participation_url: Option<Url>,
    /// The call to action as a link (`rel` `sol:callToAction`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachment: Vec<Link>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageType {
    Page,
}

/// How many took part from one instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceProgress {
    pub instance: String,
    #[serde(rename = "totalItems")]
    pub total_items: i64,
}

/// A link attachment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub href: Url,
}
