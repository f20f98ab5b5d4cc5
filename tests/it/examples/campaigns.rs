//! Examples of what campaigns and the organizations they gather exchange: a campaign's actor
//! with its collections, `Add` (a campaign asking an item's host, a co-host adding its own),
//! `Invite` to co-host, and `Accept` of either.

use super::{EXAMPLE_PEM, example_urls, fixed};
use serde_json::Value;
use solidarity::db::DbLocalActor;
use solidarity::domain::{ActorKind, Handle};
use solidarity::federation::actors::local_actor_document;
use solidarity::federation::outbox;
use solidarity::federation::protocol::lenient::IdOrObject;
use solidarity::federation::protocol::{AddType, CampaignAdd, CampaignInvite, InviteType};
use url::Url;

fn url(text: &str) -> Url {
    Url::parse(text).expect("url")
}

/// Examples that are requests (the round-trip test reads them back).
pub fn request_examples() -> Vec<(&'static str, Value)> {
    let urls = example_urls();
    let campaign = Handle::parse("end_evictions").expect("valid");
    let org = Handle::parse("climate_now").expect("valid");
    vec![
        (
            "invite_cohost",
            fixed(
                &outbox::invite_cohost(
                    &urls,
                    &campaign,
                    &url("https://coop-b.example/actors/tenants_union"),
                ),
                "4a5b6c7d-invite",
            ),
        ),
        (
            "cohost_add",
            fixed(
                &outbox::cohost_add(
                    &urls,
                    &org,
                    &urls.action("c4a7e2d9-3b1f-4c6e-8a5d-9f0b2e7c1a34"),
                    &url("https://coop-b.example/actors/fair_rent"),
                ),
                "6e7f8091-add",
            ),
        ),
    ]
}

/// Every campaign example.
pub fn campaign_examples() -> Vec<(&'static str, Value)> {
    let urls = example_urls();
    let org = Handle::parse("climate_now").expect("valid");
    let theirs = url("https://coop-b.example/actors/fair_rent");
    let invite = CampaignInvite {
        context: Value::Null,
        id: url("https://coop-b.example/activities/0b1c2d3e-invite"),
        kind: InviteType::Invite,
        actor: theirs.clone(),
        object: theirs.clone(),
        target: urls.actor(&org),
        to: vec![urls.actor(&org).to_string()],
    };
    let add = CampaignAdd {
        context: Value::Null,
        id: url("https://coop-b.example/activities/1c2d3e4f-add"),
        kind: AddType::Add,
        actor: theirs.clone(),
        object: urls.action("c4a7e2d9-3b1f-4c6e-8a5d-9f0b2e7c1a34"),
        target: theirs.clone(),
        to: vec![urls.actor(&org).to_string()],
    };
    let actor = DbLocalActor {
        id: 1,
        handle: Handle::parse_lookup("end_evictions").expect("valid"),
        kind: ActorKind::Group,
        name: "End evictions in Lyon".to_owned(),
        summary: "No one on the street.".to_owned(),
        public_key_pem: EXAMPLE_PEM.to_owned(),
        manually_approves_followers: false,
        is_campaign: true,
        created_at: 0,
        deleted_at: None,
    };
    let mut examples = request_examples();
    examples.extend([
        (
            "accept_invite",
            fixed(
                &outbox::accept_invite(&urls, &org, &invite),
                "2e3f4a5b-accept",
            ),
        ),
        (
            "accept_add",
            fixed(&outbox::accept_add(&urls, &org, &add), "3f4a5b6c-accept"),
        ),
        (
            "delete_campaign",
            fixed(
                &outbox::delete_campaign(&urls, &Handle::parse("end_evictions").expect("valid")),
                "5a6b7c8d-delete",
            ),
        ),
        (
            "undo_announce",
            fixed(
                &outbox::undo_announce(
                    &urls,
                    &Handle::parse("end_evictions").expect("valid"),
                    fixed(
                        &outbox::announce(
                            &urls,
                            &Handle::parse("end_evictions").expect("valid"),
                            &url("https://mastodon.example/users/bob/statuses/1"),
                            IdOrObject::Id(url("https://mastodon.example/users/bob/statuses/1")),
                        ),
                        "6b7c8d9e-announce",
                    ),
                ),
                "7c8d9eaf-undo",
            ),
        ),
        (
            "actor_campaign",
            serde_json::to_value(local_actor_document(&actor, &urls)).expect("serializable"),
        ),
    ]);
    examples
}
