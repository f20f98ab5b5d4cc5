//! The membership registry's log on the wire: an `OrderedCollection` of entries, oldest first,
//! in pages of `ENTRIES_PER_PAGE`. Each entry carries its fields as hashed (see
//! `domain::registry_log`: the SHA-256 of their RFC 8785 JSON), its own `hash`, and an `id` to
//! fetch it again; platform co-ops replay the pages and check the chain.

use super::actors::local_actor_document;
use super::notes::rfc3339;
use super::protocol::Actor;
use super::protocol::context::{ACTIVITYSTREAMS, SOLIDARITY_NS, actor_context};
use super::urls::Urls;
use crate::db::DbLocalActor;
use crate::domain::Handle;
use crate::domain::registry_log::{Entry, Membership};
use serde_json::{Value, json};

/// The context that defines `proof` and `DataIntegrityProof` (FEP-8b32).
pub const DATA_INTEGRITY: &str = "https://w3id.org/security/data-integrity/v2";
/// The context that defines `Multikey` and `assertionMethod` (FEP-521a).
pub const MULTIKEY: &str = "https://w3id.org/security/multikey/v1";
/// How long a signed membership document may be relied on without asking the registry again.
pub const MEMBERSHIP_PROOF_MINUTES: i64 = 30;

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
        "Membership",
        "status",
        "since",
        "until",
        "version",
    ] {
        terms.insert(name.to_owned(), json!(format!("sol:{name}")));
    }
    json!([ACTIVITYSTREAMS, terms])
}

/// The terms actors use to point at the registry (`registry`) and its parts.
fn actor_terms() -> Value {
    json!({
        "sol": SOLIDARITY_NS,
        "registry": { "@id": "sol:registry", "@type": "@id" },
        "registryLog": { "@id": "sol:registryLog", "@type": "@id" },
        "memberships": { "@id": "sol:memberships", "@type": "@id" }
    })
}

/// The context of an actor document that names the registry or is it: the actor context,
/// Multikey and the registry terms.
fn with_registry_terms(multikey: bool) -> Value {
    let mut context = actor_context();
    if let Value::Array(parts) = &mut context {
        if multikey {
            parts.push(json!(MULTIKEY));
        }
        parts.push(actor_terms());
    }
    context
}

/// The registry's actor: a `Group` whose `assertionMethod` holds the Ed25519 key that signs
/// membership documents, and which links the log and the membership documents.
pub fn registry_actor_document(
    actor: &DbLocalActor,
    urls: &Urls,
    name: &str,
    key_multibase: &str,
) -> Actor {
    let mut document = local_actor_document(actor, urls);
    let id = urls.actor(&Handle::registry_actor());
    document.context = with_registry_terms(true);
    document.name = Some(name.to_owned());
    document.summary = Some(
        "The membership registry of the network: who is a member, in which class, since when."
            .to_owned(),
    );
    document.url = Some(urls.registry_page());
    document.featured = None;
    document.assertion_method = json!([{
        "id": urls.registry_key_id(),
        "type": "Multikey",
        "controller": id,
        "publicKeyMultibase": key_multibase,
    }]);
    document.registry_log = Some(urls.registry_log(None));
    document.memberships = Some(urls.registry_memberships());
    document
}

/// The software co-op's instance actor names the registry's actor.
pub fn name_registry(instance: &mut Actor, urls: &Urls) {
    instance.context = with_registry_terms(false);
    instance.registry = Some(urls.actor(&Handle::registry_actor()));
}

/// A membership as the registry states it at `now` (ms), before it is signed.
pub fn membership_document(urls: &Urls, membership: &Membership, now: i64) -> Value {
    let mut document = json!({
        "@context": [ACTIVITYSTREAMS, DATA_INTEGRITY, context()[1].clone()],
        "id": urls.registry_membership(&membership.member),
        "type": "Membership",
        "attributedTo": urls.actor(&Handle::registry_actor()),
        "member": membership.member,
        "class": membership.class,
        "status": membership.status.as_str(),
        "version": membership.version,
        "published": rfc3339(now),
    });
    let optional = [
        ("serving", membership.serving.clone()),
        ("representative", membership.representative.clone()),
        ("since", membership.since.map(rfc3339)),
        ("until", membership.until.map(rfc3339)),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            document[name] = json!(value);
        }
    }
    document
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

/// What a platform co-op needs of a registry's actor document: its Ed25519 key (the id and
/// `publicKeyMultibase` of the `Multikey` in `assertionMethod` that the actor controls, on its
/// origin) and where its membership documents are (on its origin too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistryActor {
    pub id: url::Url,
    pub key_id: String,
    pub key_multibase: String,
    pub memberships: url::Url,
    /// Its log (`registryLog`), on its origin.
    pub log: url::Url,
}

/// Reads a registry actor's document fetched from `id`; `Err` says what is missing.
pub fn read_registry_actor(id: &url::Url, document: &Value) -> Result<RegistryActor, String> {
    let same_origin = |text: &str| {
        url::Url::parse(text)
            .ok()
            .filter(|url| url.origin() == id.origin())
    };
    if document.get("id").and_then(Value::as_str) != Some(id.as_str()) {
        return Err("its id is not the address it was read from".to_owned());
    }
    let memberships = document
        .get("memberships")
        .and_then(Value::as_str)
        .and_then(same_origin)
        .ok_or("it names no membership documents on its own server: not a registry")?;
    let log = document
        .get("registryLog")
        .and_then(Value::as_str)
        .and_then(same_origin)
        .ok_or("it names no log on its own server: not a registry")?;
    let methods = match document.get("assertionMethod") {
        Some(Value::Array(methods)) => methods.clone(),
        Some(method) => vec![method.clone()],
        None => Vec::new(),
    };
    let key = methods
        .iter()
        .find(|method| {
            method.get("type").and_then(Value::as_str) == Some("Multikey")
                && method.get("controller").and_then(Value::as_str) == Some(id.as_str())
                && method
                    .get("id")
                    .and_then(Value::as_str)
                    .and_then(same_origin)
                    .is_some()
        })
        .ok_or("it has no Ed25519 Multikey of its own in assertionMethod")?;
    let key_multibase = key
        .get("publicKeyMultibase")
        .and_then(Value::as_str)
        .ok_or("its Multikey has no publicKeyMultibase")?;
    super::integrity::decode_public_key(key_multibase).map_err(|e| e.to_string())?;
    Ok(RegistryActor {
        id: id.clone(),
        key_id: key
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        key_multibase: key_multibase.to_owned(),
        memberships,
        log,
    })
}

/// An entry of a published log page, checked: its fields hashed give its `hash`.
pub fn read_entry(item: &Value) -> Result<Entry, String> {
    let Value::Object(fields) = item else {
        return Err("an entry is not an object".to_owned());
    };
    let mut fields = fields.clone();
    let hash = fields
        .get("hash")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or("an entry without its hash")?;
    for extra in ["id", "type", "published", "hash"] {
        fields.remove(extra);
    }
    let entry: Entry =
        serde_json::from_value(Value::Object(fields)).map_err(|e| format!("an entry: {e}"))?;
    if entry.hash() != hash {
        return Err(format!(
            "entry {} does not hash to its published hash",
            entry.seq
        ));
    }
    Ok(entry)
}

/// What a platform co-op keeps of a membership document whose proof it checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadMembership {
    pub member: String,
    pub class: String,
    pub status: String,
    pub serving: Option<String>,
    pub representative: Option<String>,
    pub version: i64,
}

/// Reads a membership document of `registry`: it must be the registry's own (its id among the
/// registry's membership documents and about its `member`, attributed to the registry).
pub fn read_membership(
    registry: &RegistryActor,
    document: &Value,
) -> Result<ReadMembership, String> {
    let text = |name: &str| {
        document
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if text("type").as_deref() != Some("Membership") {
        return Err("not a Membership".to_owned());
    }
    if text("attributedTo").as_deref() != Some(registry.id.as_str()) {
        return Err(format!("not attributed to the registry {}", registry.id));
    }
    let member = text("member").ok_or("no member")?;
    let mut expected = registry.memberships.clone();
    expected.query_pairs_mut().append_pair("member", &member);
    if text("id").as_deref() != Some(expected.as_str()) {
        return Err(format!("its id is not {expected}"));
    }
    Ok(ReadMembership {
        member,
        class: text("class").ok_or("no class")?,
        status: text("status").ok_or("no status")?,
        serving: text("serving"),
        representative: text("representative"),
        version: document
            .get("version")
            .and_then(Value::as_i64)
            .ok_or("no version")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::registry_log::{Change, GENESIS};

    #[test]
    fn a_published_entry_reads_back_only_as_published() {
        let mut config = crate::config::Config::defaults();
        config.domain = crate::domain::Domain::parse("registry.example").expect("domain");
        let urls = Urls::new(&config);
        let entry = Entry {
            at: 1_796_000_000_000,
            author: "https://registry.example/actors/ada".to_owned(),
            change: Change::Applied,
            class: Some("platform_coop".to_owned()),
            member: "https://lyon.coop/actors/instance".to_owned(),
            previous: GENESIS.to_owned(),
            reason: "asked".to_owned(),
            representative: None,
            seq: 1,
            serving: None,
        };
        let document = entry_document(&urls, &entry);
        assert_eq!(read_entry(&document), Ok(entry));
        let mut changed = document.clone();
        changed["reason"] = json!("asked twice");
        assert!(
            read_entry(&changed).is_err(),
            "a changed field no longer hashes"
        );
        let mut rehashed = document;
        rehashed["hash"] = json!(GENESIS);
        assert!(read_entry(&rehashed).is_err());
    }
}
