//! `OrderedCollection`.

use super::context::ACTIVITYSTREAMS;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// An ordered collection, served whole while it is small.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderedCollection {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub total_items: u64,
    #[serde(default)]
    pub ordered_items: Vec<Value>,
}

impl OrderedCollection {
    /// A collection of `total` items with the first page `items` embedded.
    pub fn with_items(id: Url, total: u64, items: Vec<Value>) -> Self {
        Self {
            total_items: total,
            ordered_items: items,
            ..Self::empty(id)
        }
    }

    /// An empty collection with this id.
    pub fn empty(id: Url) -> Self {
        Self {
            context: Value::String(ACTIVITYSTREAMS.to_owned()),
            id,
            kind: "OrderedCollection".to_owned(),
            total_items: 0,
            ordered_items: Vec::new(),
        }
    }
}
