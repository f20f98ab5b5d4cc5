//! What platform co-ops send the registry (`Join`/`Leave` of its actor from their instance
//! actor, `Offer` of an organization's membership) and what the registry sends them (`Update`
//! of a signed `Membership`).

use super::super::ballots::{BallotText, ballot_activity};
use super::super::protocol::lenient::IdOrObject;
use super::super::protocol::{
    MembershipOffer, MembershipType, ObjectActivity, ObjectActivityType, OfferType,
    OfferedMembership, ParticipationType,
};
use super::super::urls::Urls;
use super::{ParticipationNote, Prepared, context, participation, to_json};
use crate::domain::Handle;
use serde_json::Value;
use url::Url;

/// `Join` (apply) or `Leave` of the registry by our instance actor.
pub fn join_registry(urls: &Urls, registry: &Url, kind: ParticipationType) -> Prepared {
    participation(
        urls,
        &Handle::instance_actor(),
        kind,
        registry,
        registry,
        ParticipationNote::default(),
    )
}

/// `Offer` to the registry of `member` (an organization here) with its `representative`.
pub fn offer_membership(
    urls: &Urls,
    registry: &Url,
    member: &Url,
    representative: Option<&Url>,
) -> Prepared {
    Prepared::new(urls, "Offer", |id| {
        to_json(&MembershipOffer {
            context: context(),
            id,
            kind: OfferType::Offer,
            actor: urls.actor(&Handle::instance_actor()),
            object: OfferedMembership {
                kind: MembershipType::Membership,
                member: member.clone(),
                representative: representative.cloned(),
            },
            target: registry.clone(),
            to: vec![registry.to_string()],
        })
    })
    .about(member)
    .private()
}

/// `Update` by the registry's actor of the signed membership document `signed` (whose `id`
/// is `membership`), to the members and platform co-ops `to`.
pub fn update_membership(
    urls: &Urls,
    membership: &Url,
    signed: Value,
    to: Vec<String>,
) -> Prepared {
    Prepared::new(urls, "Update", |id| {
        to_json(&ObjectActivity {
            context: context(),
            id,
            kind: ObjectActivityType::Update,
            actor: urls.actor(&Handle::registry_actor()),
            object: IdOrObject::Object(signed),
            to,
            cc: Vec::new(),
            published: None,
        })
    })
    .about(membership)
    .private()
}

/// `Create` (at opening) or `Update` (at closing) of a proposal's `Question` by the registry.
pub fn proposal_activity(urls: &Urls, kind: ObjectActivityType, question: Value) -> Prepared {
    let id = question
        .get("id")
        .and_then(Value::as_str)
        .and_then(|id| Url::parse(id).ok());
    let to: Vec<String> = ["to", "cc"]
        .iter()
        .filter_map(|field| question.get(*field).and_then(Value::as_array))
        .flatten()
        .filter_map(|value| value.as_str().map(str::to_owned))
        .collect();
    let label = match kind {
        ObjectActivityType::Create => "Create",
        _ => "Update",
    };
    let prepared = Prepared::new(urls, label, |id| {
        to_json(&ObjectActivity {
            context: question.get("@context").cloned().unwrap_or_else(context),
            id,
            kind,
            actor: urls.actor(&Handle::registry_actor()),
            object: IdOrObject::Object(question.clone()),
            to,
            cc: Vec::new(),
            published: None,
        })
    });
    match id {
        Some(id) => prepared.about(&id),
        None => prepared,
    }
}

/// A direct note from the registry to `voter` (`mention`: `@user@host`) saying `message`.
pub fn direct_note(urls: &Urls, voter: &str, mention: &str, message: &str) -> Prepared {
    Prepared::new(urls, "Create", |id| {
        let note = super::super::registry_votes::direct_note(urls, &id, voter, mention, message);
        to_json(&ObjectActivity {
            context: context(),
            id,
            kind: ObjectActivityType::Create,
            actor: urls.actor(&Handle::registry_actor()),
            object: IdOrObject::Object(note),
            to: vec![voter.to_owned()],
            cc: Vec::new(),
            published: None,
        })
    })
    .private()
}

/// `Create{Ballot}` by local actor `voter` to the `registry` actor; its object is a new ballot
/// id under `urls.ballot`, so that the sent copy can be forgotten once delivered.
pub fn cast_ballot(urls: &Urls, voter: &Handle, registry: &str, ballot: &BallotText) -> Prepared {
    let object = urls.ballot(&uuid::Uuid::new_v4().to_string());
    Prepared::new(urls, "Create", |id| {
        to_json(&ballot_activity(
            &id,
            &object,
            &urls.actor(voter),
            registry,
            ballot,
        ))
    })
    .about(&object)
    .private()
}
