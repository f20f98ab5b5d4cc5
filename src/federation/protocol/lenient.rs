//! Lenient shapes of JSON-LD as servers actually send it: one value or an array of them, an id
//! or the embedded object, `Public` in any of its three spellings.

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// A reference that may come as a bare id or as the embedded object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum IdOrObject<T> {
    Id(Url),
    Object(T),
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for IdOrObject<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        match value {
            Value::String(text) => Url::parse(&text)
                .map(Self::Id)
                .map_err(|e| D::Error::custom(format!("'{text}' is not a URL: {e}"))),
            Value::Object(_) => serde_json::from_value(value)
                .map(Self::Object)
                .map_err(D::Error::custom),
            other => Err(D::Error::custom(format!(
                "expected an id or an object, found {other}"
            ))),
        }
    }
}

/// The id a value names, read leniently: a string, or an object's `id`; `None` for anything
/// else (arrays, numbers, an object without a usable `id`).
pub fn id_of(value: &Value) -> Option<Url> {
    value
        .as_str()
        .or_else(|| value.get("id")?.as_str())
        .and_then(|id| Url::parse(id).ok())
}

/// An id given as a string or as an object with an `id` (`{"id": ..., "type": "Person"}`).
/// Arrays are refused: an activity has one actor.
pub fn single_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Url, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(text) => Url::parse(&text).map_err(D::Error::custom),
        Value::Object(map) => match map.get("id") {
            Some(Value::String(text)) => Url::parse(text).map_err(D::Error::custom),
            _ => Err(D::Error::custom("an embedded object without an id")),
        },
        Value::Array(_) => Err(D::Error::custom("more than one id where one is required")),
        other => Err(D::Error::custom(format!("expected an id, found {other}"))),
    }
}

/// Audience lists: absent, one value or an array; non-string entries (embedded objects) are
/// reduced to their ids, unusable entries dropped.
pub fn audience<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    let items = match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(single) => vec![single],
    };
    Ok(items
        .into_iter()
        .filter_map(|item| match item {
            Value::String(text) => Some(text),
            Value::Object(map) => map.get("id").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        })
        .collect())
}

/// A `url` given as a string, a `Link` object with `href`, or an array of those: the first
/// http(s) URL, or none. Unusable values are ignored rather than refusing the whole document.
pub fn first_url<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Url>, D::Error> {
    fn pick(value: &Value) -> Option<Url> {
        match value {
            Value::String(text) => Url::parse(text).ok(),
            Value::Object(map) => map.get("href").and_then(pick),
            Value::Array(items) => items.iter().find_map(pick),
            _ => None,
        }
    }
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(value
        .as_ref()
        .and_then(pick)
        .filter(|url| matches!(url.scheme(), "http" | "https")))
}

/// One value given alone or as the first element of an array (`publicKey` is sometimes a list).
pub fn first_of<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<T, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Array(items) => {
            let first = items
                .into_iter()
                .next()
                .ok_or_else(|| D::Error::custom("an empty list where one value is required"))?;
            serde_json::from_value(first).map_err(D::Error::custom)
        }
        single => serde_json::from_value(single).map_err(D::Error::custom),
    }
}

/// Whom a document is addressed to: its `to` and `cc`, read as `audience` reads them.
pub fn addressees(document: &Value) -> Vec<String> {
    ["to", "cc"]
        .into_iter()
        .filter_map(|key| document.get(key).cloned())
        .flat_map(|list| audience(list).unwrap_or_default())
        .collect()
}

/// True for the public collection in any of its spellings (`as:Public`, `Public`, the full URI).
pub fn is_public(id: &str) -> bool {
    matches!(
        id,
        "https://www.w3.org/ns/activitystreams#Public" | "as:Public" | "Public"
    )
}

#[cfg(test)]
mod tests {
    use super::{IdOrObject, audience, is_public, single_id};
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    struct Probe {
        #[serde(deserialize_with = "single_id")]
        actor: url::Url,
        #[serde(default, deserialize_with = "audience")]
        to: Vec<String>,
        object: IdOrObject<serde_json::Value>,
    }

    #[test]
    fn equivalent_shapes_parse_the_same() {
        let a: Probe = serde_json::from_value(json!({
            "actor": "https://m.test/users/a", "to": "as:Public", "object": "https://m.test/n/1"
        }))
        .expect("parses");
        let b: Probe = serde_json::from_value(json!({
            "actor": {"id": "https://m.test/users/a", "type": "Person"},
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "object": {"id": "https://m.test/n/1"}
        }))
        .expect("parses");
        assert_eq!(a.actor, b.actor);
        assert!(a.to.iter().all(|t| is_public(t)) && b.to.iter().all(|t| is_public(t)));
        assert!(matches!(a.object, IdOrObject::Id(_)));
        assert!(matches!(b.object, IdOrObject::Object(_)));
    }

    #[test]
    fn several_actors_are_refused() {
        let two = serde_json::from_value::<Probe>(json!({
            "actor": ["https://m.test/users/a", "https://m.test/users/b"], "object": "https://m.test/n/1"
        }));
        assert!(two.is_err());
        assert!(!is_public("https://www.w3.org/ns/activitystreams#PublicX"));
    }
}
