//! `Person`, `Group` and `Application` actors.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// The actor types we publish and the ones we accept from others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActorType {
    Person,
    Group,
    Application,
    Service,
    Organization,
}

/// An actor document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: ActorType,
    /// Optional in ActivityPub: some servers publish actors known only by their id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(
        default,
        deserialize_with = "super::lenient::first_url",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<Url>,
    pub inbox: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub following: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub featured: Option<Url>,
    /// A campaign's events and actions (Mobilizon's `events`; our `actions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Url>,
    /// A campaign's other posts (notes, articles, pages), its dated updates and the
    /// organizations that co-host it (ours: `sol:posts`, `sol:updates`, `sol:cohosts`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updates: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohosts: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Endpoints>,
    #[serde(deserialize_with = "super::lenient::first_of")]
    pub public_key: PublicKeyDoc,
    #[serde(default)]
    pub manually_approves_followers: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discoverable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// FEP-521a: keys for object integrity proofs (the registry's Ed25519 `Multikey`), read
    /// where a proof is checked (`federation::integrity`).
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub assertion_method: Value,
    /// On the software co-op's instance actor: the network's membership registry actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<Url>,
    /// On the registry actor: its log, and where its membership documents are
    /// (`?member=ACTOR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry_log: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memberships: Option<Url>,
}

/// `endpoints`: where the shared inbox is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_inbox: Option<Url>,
}

/// `publicKey`: the key that verifies the actor's signatures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeyDoc {
    pub id: Url,
    pub owner: Url,
    pub public_key_pem: String,
}
