//! Remote content objects (Note, Article, Page, Event, Question): read once into `ContentObject`
//! (the fields we use, typed, with the document beside them), then reduced to what timelines
//! show, with HTML sanitised and lengths bounded.

use crate::db::NewRemoteObject;
use crate::federation::protocol::context::SOLIDARITY_NS;
use crate::federation::protocol::lenient::{addressees, first_url, id_of, is_public};
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
    #[serde(default)]
    in_reply_to: Value,
}

/// A content object as received, read once: what we use of it, typed, and the document itself
/// for storage. Nothing is checked here but its shape; `remote_object_of` holds it to its author.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentObject {
    pub id: Url,
    pub kind: String,
    /// The ids `attributedTo` names (PeerTube lists the account and the channel).
    pub authors: Vec<String>,
    pub name: Option<String>,
    pub summary: Option<String>,
    pub content: Option<String>,
    pub url: Option<Url>,
    pub published: Option<String>,
    pub updated: Option<String>,
    /// What it answers (`inReplyTo`, an id or an embedded object's id).
    pub in_reply_to: Option<Url>,
    /// The document as it came.
    pub json: Value,
}

impl ContentObject {
    /// Reads a received document; refused only when it has no usable `id` or `type`.
    pub fn parse(json: Value) -> Result<Self, ObjectRejected> {
        let raw =
            RawObject::deserialize(&json).map_err(|e| ObjectRejected::Shape(e.to_string()))?;
        let in_reply_to = id_of(&raw.in_reply_to);
        Ok(Self {
            authors: attributions(&raw.attributed_to),
            id: raw.id,
            kind: raw.kind,
            name: raw.name,
            summary: raw.summary,
            content: raw.content,
            url: raw.url,
            published: raw.published,
            updated: raw.updated,
            in_reply_to,
            json,
        })
    }

    /// Whether `actor` is among its authors.
    pub fn is_by(&self, actor: &str) -> bool {
        self.authors.iter().any(|author| author == actor)
    }

    /// Whether anyone may read it: its `to` or `cc` names the public collection.
    pub fn is_public(&self) -> bool {
        addressees(&self.json).iter().any(|a| is_public(a))
    }

    /// Whether it comes from Solidarity: its `@context` names our namespace (only Solidarity
    /// answers a campaign's `Add`).
    pub fn from_solidarity(&self) -> bool {
        fn mentions(value: &Value) -> bool {
            match value {
                Value::String(text) => text == SOLIDARITY_NS,
                Value::Array(items) => items.iter().any(mentions),
                Value::Object(map) => map.values().any(mentions),
                _ => false,
            }
        }
        self.json.get("@context").is_some_and(mentions)
    }
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
    remote_object_of(&ContentObject::parse(json.clone())?, author)
}

/// The same for an object already read.
pub fn remote_object_of(
    object: &ContentObject,
    author: &Url,
) -> Result<NewRemoteObject, ObjectRejected> {
    if !TIMELINE_TYPES.contains(&object.kind.as_str()) {
        return Err(ObjectRejected::UnsupportedType(object.kind.clone()));
    }
    if !object.is_by(author.as_str()) {
        return Err(ObjectRejected::Author {
            expected: author.to_string(),
            found: object.authors.join(", "),
        });
    }
    if !same_origin(&object.id, author) {
        return Err(ObjectRejected::ForeignOrigin(object.id.to_string()));
    }
    Ok(NewRemoteObject {
        ap_id: object.id.to_string(),
        kind: object.kind.clone(),
        attributed_to: author.to_string(),
        name: plain_text(object.name.as_deref().unwrap_or_default(), 500),
        summary: plain_text(object.summary.as_deref().unwrap_or_default(), 2000),
        content_html: clean_html(object.content.as_deref().unwrap_or_default()),
        url: object.url.as_ref().map(Url::to_string),
        published_at: millis(object.published.as_deref()),
        updated_at: millis(object.updated.as_deref()),
        json: object.json.to_string(),
    })
}
