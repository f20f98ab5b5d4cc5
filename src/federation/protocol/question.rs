//! `Question`: the poll Mastodon and every other client can answer. We send it privately to one
//! person; their vote comes back as a `Note` with the option's `name` and `inReplyTo` the poll.

use super::lenient::{audience, single_id};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// A single-choice poll.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    #[serde(deserialize_with = "single_id")]
    pub attributed_to: Url,
    pub content: String,
    pub one_of: Vec<PollOption>,
    pub end_time: String,
    #[serde(default)]
    pub voters_count: i64,
    #[serde(
        default,
        deserialize_with = "audience",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
    /// The addressee's `Mention`, so Mastodon files the poll as a direct message to them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag: Vec<Mention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionType {
    Question,
}

/// One answer of a poll, with how many chose it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PollOption {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub replies: PollReplies,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PollReplies {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(rename = "totalItems")]
    pub total_items: i64,
}

/// A mention of an actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    #[serde(rename = "type")]
    pub kind: String,
    pub href: Url,
    pub name: String,
}
