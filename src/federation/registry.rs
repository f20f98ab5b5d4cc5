//! The membership registry's log on the wire: an `OrderedCollection` of entries, oldest first,
//! in pages of `ENTRIES_PER_PAGE`. Each entry carries its fields as hashed (see
//! `domain::registry_log`: the SHA-256 of their RFC 8785 JSON), its own `hash`, and an `id` to
//! fetch it again; platform co-ops replay the pages and check the chain.

use super::notes::rfc3339;
use super::protocol::context::{ACTIVITYSTREAMS, SOLIDARITY_NS};
use super::urls::Urls;
use crate::domain::registry_log::Entry;
use serde_json::{Value, json};

/// The JSON-LD context of registry documents: ActivityStreams and the registry's own terms.
fn context() -> Value {
    let mut terms = serde_json::Map::new();
    terms.insert("sol".to_owned(), json!(SOLIDARITY_NS));
    for name in [
        "RegistryEntry",
        "at",
        "author",
        "change",
        "class",
        "hash",
        "member",
        "previous",
        "reason",
        "representative",
        "seq",
        "serving",
    ] {
        terms.insert(name.to_owned(), json!(format!("sol:{name}")));
    }
    json!([ACTIVITYSTREAMS, terms])
}

/// One entry: its hashed fields, then `id`, `type`, `published` and `hash`.
pub fn entry_document(urls: &Urls, entry: &Entry) -> Value {
    let mut document = serde_json::to_value(entry).expect("an entry always serializes");
    if let Value::Object(fields) = &mut document {
        fields.insert("id".to_owned(), json!(urls.registry_entry(entry.seq)));
        fields.insert("type".to_owned(), json!("RegistryEntry"));
        fields.insert("published".to_owned(), json!(rfc3339(entry.at)));
        fields.insert("hash".to_owned(), json!(entry.hash()));
    }
    document
}

/// The whole log: how many entries, and its first and last pages.
pub fn log_collection(urls: &Urls, total: i64, per_page: i64) -> Value {
    let last_page = ((total + per_page - 1) / per_page).max(1);
    json!({
        "@context": context(),
        "id": urls.registry_log(None),
        "type": "OrderedCollection",
        "totalItems": total,
        "first": urls.registry_log(Some(1)),
        "last": urls.registry_log(Some(last_page)),
    })
}

/// Page `page` of the log holding `entries`.
pub fn log_page(urls: &Urls, page: i64, total: i64, per_page: i64, entries: &[Entry]) -> Value {
    let mut document = json!({
        "@context": context(),
        "id": urls.registry_log(Some(page)),
        "type": "OrderedCollectionPage",
        "partOf": urls.registry_log(None),
        "totalItems": total,
        "startIndex": (page - 1) * per_page,
        "orderedItems": entries.iter().map(|entry| entry_document(urls, entry)).collect::<Vec<_>>(),
    });
    if page > 1 {
        document["prev"] = json!(urls.registry_log(Some(page - 1)));
    }
    if page * per_page < total {
        document["next"] = json!(urls.registry_log(Some(page + 1)));
    }
    document
}
