//! The activities campaigns exchange with the organizations they gather: `Add` of an item (asking
//! its host's consent, or a co-host adding its own), `Invite` to co-host, and the `Accept` that
//! answers either.

use super::activities::AnswerType;
use super::lenient::{IdOrObject, audience, single_id};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// `Add` of an event or action (`object`) to a campaign (`target`). The campaign sends it to
/// the object's host to ask for its consent (`actor` = `target`); a co-hosting organization
/// sends it to the campaign to add an item of its own (`actor` = the organization).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignAdd {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: AddType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    #[serde(deserialize_with = "single_id")]
    pub object: Url,
    #[serde(deserialize_with = "single_id")]
    pub target: Url,
    #[serde(
        default,
        deserialize_with = "audience",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddType {
    Add,
}

/// `Invite` of an organization (`target`) to co-host a campaign: the campaign invites for
/// itself (`actor` = `object` = the campaign). Mobilizon's group invitations have another
/// shape (a member invites a person) and are not this.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignInvite {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: InviteType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    #[serde(deserialize_with = "single_id")]
    pub object: Url,
    #[serde(deserialize_with = "single_id")]
    pub target: Url,
    #[serde(
        default,
        deserialize_with = "audience",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InviteType {
    Invite,
}

/// The consent to a campaign's `Add` (by the item's host) or `Invite` (by the invited
/// organization): `Accept` embedding it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: serde::de::DeserializeOwned"))]
pub struct CampaignAnswer<T> {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: AnswerType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    pub object: IdOrObject<T>,
    #[serde(
        default,
        deserialize_with = "audience",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
}

/// `Accept{Add}`.
pub type AddAnswer = CampaignAnswer<CampaignAdd>;
/// `Accept{Invite}`.
pub type InviteAnswer = CampaignAnswer<CampaignInvite>;
