//! `Event` as Mobilizon and FEP-8a8e shape it, with its `Place`/`VirtualLocation`. Sent with the
//! terms both read; received leniently from Mobilizon, Gancio, WordPress and Friendica.

use super::lenient::{audience, single_id};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use url::Url;

/// An event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: EventType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    pub name: String,
    /// Plain text with the essentials: Mastodon shows only `name`, `summary` and a link.
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
    pub start_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    /// IANA time zone (Mobilizon's `mz:timezone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(
        default,
        deserialize_with = "locations",
        serialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub location: Vec<Location>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_participation_url: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_attendee_capacity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_attendee_capacity: Option<i64>,
    /// People going (Mobilizon's `mz:participantCount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_count: Option<i64>,
    /// People who said maybe (our `sol:maybeCount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maybe_count: Option<i64>,
    /// `CONFIRMED`, `TENTATIVE` or `CANCELLED` (Mobilizon's `ical:status`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(
        rename = "ical:status",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ical_status: Option<String>,
    /// FEP-8a8e's schema.org status (`EventScheduled`, `EventCancelled`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_online: Option<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventType {
    Event,
}

/// Where an event happens: a place, an online room, or both (a list).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Location {
    Place(Place),
    Virtual(VirtualLocation),
}

/// A physical place (schema.org `Place`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    #[serde(rename = "type", default = "place_type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

fn place_type() -> String {
    "Place".to_owned()
}

/// An address as text, or as a schema.org `PostalAddress`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Address {
    Text(String),
    Postal(PostalAddress),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostalAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_locality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_country: Option<String>,
}

impl Address {
    /// One line of text, whatever the shape.
    pub fn to_text(&self) -> String {
        match self {
            Self::Text(text) => text.trim().to_owned(),
            Self::Postal(postal) => [
                &postal.street_address,
                &postal.postal_code,
                &postal.address_locality,
                &postal.address_region,
                &postal.address_country,
            ]
            .into_iter()
            .flatten()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        }
    }
}

/// An online location (FEP-8a8e `VirtualLocation`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VirtualLocation {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub url: Url,
}

/// `location` as one object or a list; entries we cannot read (no usable type or url) are
/// dropped rather than failing the whole event. Gancio sends a `Place` without a `type`.
fn locations<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Location>, D::Error> {
    let items = match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(single) => vec![single],
    };
    Ok(items
        .into_iter()
        .filter_map(|item| {
            let kind = item.get("type").and_then(Value::as_str).unwrap_or("Place");
            match kind {
                "VirtualLocation" => serde_json::from_value(item).ok().map(Location::Virtual),
                "Place" => serde_json::from_value(item).ok().map(Location::Place),
                _ => None,
            }
        })
        .collect())
}

fn one_or_many<S: Serializer>(items: &[Location], serializer: S) -> Result<S::Ok, S::Error> {
    match items {
        [single] => single.serialize(serializer),
        many => many.serialize(serializer),
    }
}
