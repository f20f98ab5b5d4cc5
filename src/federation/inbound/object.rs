//! Remote content objects (Note, Article, Page, Event, Question) reduced to what timelines show,
//! with HTML sanitised and lengths bounded.

use crate::db::NewRemoteObject;
use crate::federation::protocol::lenient::first_url;
use crate::federation::sanitize::{clean_html, plain_text};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

/// Object types that go into timelines.
pub const TIMELINE_TYPES: [&str; 5] = ["Note", "Article", "Page", "Event", "Question"];

/// Why an object was not stored.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ObjectRejected {
    #[error("not an object: {0}")]
    Shape(String),
    #[error("objects of type {0} are not shown in timelines")]
    UnsupportedType(String),
    #[error("the object is attributed to {found}, not to {expected}")]
    Author { expected: String, found: String },
    #[error("the object {0} is on another origin than its author")]
    ForeignOrigin(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawObject {
    id: Url,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    attributed_to: Value,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    content: Option<String>,
    #[serde(default, deserialize_with = "first_url")]
    url: Option<Url>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    updated: Option<String>,
}

/// True when both URLs have the same scheme, host and port.
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

/// The ids an `attributedTo` names: a string, an object with `id`, or a list of those (PeerTube
/// lists the account and the channel).
pub fn attributions(value: &Value) -> Vec<String> {
    match value {
        Value::String(id) => vec![id.clone()],
        Value::Object(map) => map
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .into_iter()
            .collect(),
        Value::Array(items) => items.iter().flat_map(attributions).collect(),
        _ => Vec::new(),
    }
}

fn millis(text: Option<&str>) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(text?)
        .ok()
        .map(|t| t.timestamp_millis())
}

/// Validates an object delivered or fetched for `author`: it must be attributed to the author and
/// live on the author's origin.
pub fn remote_object_from_json(
    json: &Value,
    author: &Url,
) -> Result<NewRemoteObject, ObjectRejected> {
    let raw: RawObject =
        serde_json::from_value(json.clone()).map_err(|e| ObjectRejected::Shape(e.to_string()))?;
    if !TIMELINE_TYPES.contains(&raw.kind.as_str()) {
        return Err(ObjectRejected::UnsupportedType(raw.kind));
    }
    let authors = attributions(&raw.attributed_to);
    if !authors.iter().any(|a| a == author.as_str()) {
        return Err(ObjectRejected::Author {
            expected: author.to_string(),
            found: authors.join(", "),
        });
    }
    if !same_origin(&raw.id, author) {
        return Err(ObjectRejected::ForeignOrigin(raw.id.to_string()));
    }
    Ok(NewRemoteObject {
        ap_id: raw.id.to_string(),
        kind: raw.kind,
        attributed_to: author.to_string(),
        name: plain_text(raw.name.as_deref().unwrap_or_default(), 500),
        summary: plain_text(raw.summary.as_deref().unwrap_or_default(), 2000),
        content_html: clean_html(raw.content.as_deref().unwrap_or_default()),
        url: raw.url.map(String::from),
        published_at: millis(raw.published.as_deref()),
        updated_at: millis(raw.updated.as_deref()),
        json: json.to_string(),
    })
}
