//! `Flag`: a report from another server about accounts or content, as Mastodon, Pleroma,
//! Misskey and Lemmy send it (usually from their instance actor, the reported ids in `object`,
//! the reporter's comment in `content`).

use super::lenient::{audience, single_id};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlagType {
    Flag,
}

/// A received report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: FlagType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    /// The reported accounts and posts: one id or several (embedded objects give their ids).
    #[serde(default, deserialize_with = "audience")]
    pub object: Vec<String>,
    /// The reporter's comment (Mastodon, Pleroma); Lemmy writes the reason in `summary`.
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
}
