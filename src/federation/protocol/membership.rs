//! The registry's wire between platform co-ops and the software co-op: a platform co-op's
//! `Offer` of one of its organizations as a member. (Its own application is a `Join` of the
//! registry's actor; the registry's word on a member is an `Update` of a signed `Membership`.)

use super::lenient::{audience, single_id};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// `Offer` by a platform co-op's instance actor of a membership of an organization on its own
/// server, to the registry's actor (`target`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembershipOffer {
    #[serde(rename = "@context", default, skip_serializing_if = "Value::is_null")]
    pub context: Value,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: OfferType,
    #[serde(deserialize_with = "single_id")]
    pub actor: Url,
    pub object: OfferedMembership,
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
pub enum OfferType {
    Offer,
}

/// What is offered: the organization, and the actor who votes for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferedMembership {
    #[serde(rename = "type")]
    pub kind: MembershipType,
    #[serde(deserialize_with = "single_id")]
    pub member: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<Url>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MembershipType {
    Membership,
}
