//! Activities, one struct per type, used for sending and receiving.

use super::lenient::{IdOrObject, audience, single_id};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// `Follow`: the actor asks to follow `object`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Follow {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: FollowType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    #[serde(deserialize_with = "single_id")]
    pub object: Url,
}

/// `Accept` or `Reject` of a Follow, which may be embedded or referenced by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowAnswer {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: AnswerType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    pub object: IdOrObject<Follow>,
}

/// `Undo` of an earlier activity of the same actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Undo {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: UndoType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    pub object: IdOrObject<Value>,
}

/// `Create`, `Update`, `Delete` or `Announce` of an object, with its addressing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectActivity {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: ObjectActivityType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    pub object: IdOrObject<Value>,
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowType {
    Follow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerType {
    Accept,
    Reject,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UndoType {
    Undo,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ObjectActivityType {
    Create,
    Update,
    Delete,
    Announce,
}

/// `Join` or `Leave` of an event (Mobilizon) or of an action (Solidarity's participation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participation {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: ParticipationType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    #[serde(deserialize_with = "single_id")]
    pub object: Url,
    /// Mobilizon's message to the organizers (for actions: the participant's comment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participation_message: Option<String>,
    /// Whether the participant lets the host contact them (`sol:consentToContact`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_to_contact: Option<bool>,
    #[serde(
        default,
        deserialize_with = "audience",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParticipationType {
    Join,
    Leave,
}

/// Our answer to a `Join`: `Accept`, `Reject`, or `Ignore` when the event takes no RSVPs
/// (FEP-8a8e). The Join is embedded, so the joiner matches it without a fetch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinAnswer {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: JoinAnswerType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    pub object: IdOrObject<Participation>,
    #[serde(
        default,
        deserialize_with = "audience",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JoinAnswerType {
    Accept,
    Reject,
    Ignore,
}

/// Friendica's RSVP: `Accept` (going), `TentativeAccept` (maybe) or `Reject` (not going) of
/// the Event itself, referenced or embedded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventResponse {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: EventResponseType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    #[serde(deserialize_with = "single_id")]
    pub object: Url,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventResponseType {
    Accept,
    TentativeAccept,
    Reject,
    /// FEP-8a8e: the host takes no RSVPs (as an answer to our Join); of an Event, not going.
    Ignore,
}
