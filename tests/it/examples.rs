//! Our own payloads in `federation/examples/` are produced by the code, and FEDERATION.md quotes
//! each of them after a `<!-- example: NAME -->` marker, so neither can drift from the code.
//! Run with `UPDATE_EXAMPLES=1` to rewrite the files and the quotes from the code.

use serde_json::Value;
use solidarity::config::Config;
use solidarity::db::{
    ActionDetails, ActionProgress, DbAction, DbEvent, DbLocalActor, DbNote, DbPoll, EventCounts,
    EventDetails,
};
use solidarity::domain::{
    ActionKind, ActionStatus, ActorKind, Domain, EventStatus, Handle, JoinMode,
};
use solidarity::federation::actions::local_action_document;
use solidarity::federation::actors::local_actor_document;
use solidarity::federation::events::local_event_document;
use solidarity::federation::notes::local_note_document;
use solidarity::federation::outbox;
use solidarity::federation::protocol::{
    AnswerType, Follow, FollowType, JoinAnswerType, ObjectActivityType, Participation,
    ParticipationType,
};
use solidarity::federation::urls::Urls;
use std::path::{Path, PathBuf};
use url::Url;

mod campaigns;
mod registry;

/// A stand-in public key: examples must not change with every run.
const EXAMPLE_PEM: &str = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...\n-----END PUBLIC KEY-----\n";

fn example_urls() -> Urls {
    let mut config = Config::defaults();
    config.domain = Domain::parse("coop.example").expect("valid");
    config.federation.allow_plain_http = false;
    Urls::new(&config)
}

fn actor(handle: &str, kind: ActorKind, name: &str, summary: &str) -> DbLocalActor {
    DbLocalActor {
        id: 1,
        handle: Handle::parse_lookup(handle).expect("valid"),
        kind,
        name: name.to_owned(),
        summary: summary.to_owned(),
        public_key_pem: EXAMPLE_PEM.to_owned(),
        manually_approves_followers: false,
        is_campaign: false,
        created_at: 0,
        deleted_at: None,
    }
}

/// Every example, by file name, as the code produces it today.
fn examples() -> Vec<(&'static str, Value)> {
    let mut examples = actor_examples();
    examples.extend(activity_examples());
    examples.extend(event_examples());
    examples.extend(action_examples());
    examples.extend(campaigns::campaign_examples());
    examples.extend(registry::registry_examples());
    examples
}

fn action_examples() -> Vec<(&'static str, Value)> {
    let urls = example_urls();
    let action = DbAction {
        id: "c4a7e2d9-3b1f-4c6e-8a5d-9f0b2e7c1a34".to_owned(),
        local_actor_id: 1,
        handle: Handle::parse("climate_now").expect("valid"),
        details: ActionDetails {
            kind: ActionKind::Call,
            title: "Call the county jail: demand an investigation".to_owned(),
            description: "Script inside; calls take two minutes.".to_owned(),
            body_markdown: "Say: *I am calling about...*".to_owned(),
            content_html: "<p>Say: <em>I am calling about...</em></p>".to_owned(),
            targets: vec!["County jail warden's office".to_owned()],
            goal: Some(50),
            goal_unit: "calls".to_owned(),
            // 13 June 2026, 23:59 in Chicago (CDT).
            deadline: Some(1_781_413_140_000),
            timezone: "America/Chicago".to_owned(),
            external_url: Some("tel:+1-555-0100".to_owned()),
            external_label: Some("Call now".to_owned()),
            status: ActionStatus::Open,
        },
        created_at: 1_780_000_000_000,
        updated_at: None,
        deleted_at: None,
    };
    let mut petition = action.clone();
    petition.id = "e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7".to_owned();
    petition.details.kind = ActionKind::Petition;
    petition.details.title = "Stop the eviction of 12 Rue Jangot".to_owned();
    petition.details.goal_unit = "signatures".to_owned();
    petition.details.description = "The landlord wants every tenant out by June.".to_owned();
    petition.details.body_markdown =
        "We, the undersigned, ask the mayor to **stop it**.".to_owned();
    petition.details.content_html =
        "<p>We, the undersigned, ask the mayor to <strong>stop it</strong>.</p>".to_owned();
    petition.details.targets = vec!["Mayor of Lyon".to_owned()];
    petition.details.timezone = "Europe/Paris".to_owned();
    petition.details.external_url = None;
    petition.details.external_label = None;
    petition.updated_at = Some(1_780_100_000_000);
    let progress = ActionProgress {
        total: 31,
        by_host: vec![
            ("coop-a.example".to_owned(), 19),
            ("coop-b.example".to_owned(), 12),
        ],
    };
    let alice = Handle::parse("alice").expect("valid");
    vec![
        (
            "create_action",
            fixed(
                &outbox::object_activity(
                    &urls,
                    ObjectActivityType::Create,
                    &local_action_document(&action, &ActionProgress::default(), &urls),
                ),
                "5b9c0d1e-create",
            ),
        ),
        (
            "update_action",
            fixed(
                &outbox::object_activity(
                    &urls,
                    ObjectActivityType::Update,
                    &local_action_document(&petition, &progress, &urls),
                ),
                "8e7f6a5b-update",
            ),
        ),
        (
            "create_question",
            fixed(
                &outbox::create_question(
                    &urls,
                    &solidarity::service::polls::question(
                        &urls,
                        &DbPoll {
                            id: "f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f".to_owned(),
                            local_actor_id: 1,
                            object_kind: "action".to_owned(),
                            object_id: petition.id.clone(),
                            recipient: "https://mastodon.example/users/bob".to_owned(),
                            closes_at: 1_781_413_140_000,
                            created_at: 1_780_200_000_000,
                        },
                        &petition.handle,
                        &solidarity::service::polls::PollText {
                            title: petition.details.title.clone(),
                            summary: "Sign · 31 of 50 signatures · to Mayor of Lyon".to_owned(),
                            options: vec![
                                solidarity::service::polls::TAKE_PART.to_owned(),
                                solidarity::service::polls::NOT_NOW.to_owned(),
                            ],
                        },
                        Some("@bob@mastodon.example"),
                    ),
                ),
                "9d8c7b6a-create",
            ),
        ),
        (
            "announce_item",
            fixed(
                &outbox::announce(
                    &urls,
                    &Handle::parse("end_evictions").expect("valid"),
                    &urls.action(&petition.id),
                    solidarity::federation::protocol::lenient::IdOrObject::Id(
                        urls.action(&petition.id),
                    ),
                ),
                "7c6b5a49-announce",
            ),
        ),
        (
            "announce_create",
            fixed(
                &outbox::announce(
                    &urls,
                    &Handle::parse("end_evictions").expect("valid"),
                    &urls.action(&action.id),
                    solidarity::federation::protocol::lenient::IdOrObject::Object({
                        let mut create = fixed(
                            &outbox::object_activity(
                                &urls,
                                ObjectActivityType::Create,
                                &local_action_document(&action, &ActionProgress::default(), &urls),
                            ),
                            "5b9c0d1e-create",
                        );
                        create.as_object_mut().map(|c| c.remove("@context"));
                        create
                    }),
                ),
                "8a9b0c1d-announce",
            ),
        ),
        (
            "leave_action",
            fixed(
                &outbox::participation(
                    &urls,
                    &alice,
                    ParticipationType::Leave,
                    &Url::parse(
                        "https://coop-b.example/actions/e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7",
                    )
                    .expect("url"),
                    &Url::parse("https://coop-b.example/actors/tenants_union").expect("url"),
                    outbox::ParticipationNote::default(),
                ),
                "3c4d5e6f-leave",
            ),
        ),
        (
            "delete_action",
            fixed(
                &outbox::delete_object(
                    &urls,
                    &Handle::parse("climate_now").expect("valid"),
                    &urls.action(&action.id),
                    "Page",
                ),
                "4d5e6f70-delete",
            ),
        ),
        (
            "campaign_add",
            fixed(
                &outbox::campaign_add(
                    &urls,
                    &Handle::parse("end_evictions").expect("valid"),
                    &Url::parse(
                        "https://coop-b.example/actions/e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7",
                    )
                    .expect("url"),
                    &Url::parse("https://coop-b.example/actors/tenants_union").expect("url"),
                ),
                "2d3e4f50-add",
            ),
        ),
        (
            "join_action",
            fixed(
                &outbox::participation(
                    &urls,
                    &alice,
                    ParticipationType::Join,
                    &Url::parse(
                        "https://coop-b.example/actions/e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7",
                    )
                    .expect("url"),
                    &Url::parse("https://coop-b.example/actors/tenants_union").expect("url"),
                    outbox::ParticipationNote {
                        message: Some("Housing is a right.".to_owned()),
                        consent_to_contact: Some(true),
                    },
                ),
                "1a2b3c4d-join",
            ),
        ),
    ]
}

/// The example event: an assembly in Lyon, with a place, a capacity and some RSVPs.
fn example_event(urls: &Urls) -> (DbEvent, EventCounts) {
    let _ = urls;
    let event = DbEvent {
        id: "8cf7c1a2-5d3e-4f60-9b7a-2e4d6c8a0f13".to_owned(),
        local_actor_id: 1,
        handle: Handle::parse("climate_now").expect("valid"),
        details: EventDetails {
            title: "Rent strike assembly".to_owned(),
            description: "Bring your lease and your neighbours.".to_owned(),
            body_markdown: "We meet in the **big hall**.".to_owned(),
            content_html: "<p>We meet in the <strong>big hall</strong>.</p>".to_owned(),
            // 13 June 2026, 18:00 to 20:00 in Lyon (CEST).
            starts_at: 1_781_366_400_000,
            ends_at: 1_781_373_600_000,
            timezone: "Europe/Paris".to_owned(),
            place_name: Some("Town hall".to_owned()),
            place_address: Some("1 Place de la Comédie, 69001 Lyon".to_owned()),
            latitude: Some(45.7676),
            longitude: Some(4.8357),
            online_url: None,
            capacity: Some(120),
            join_mode: JoinMode::Free,
            external_url: None,
            status: EventStatus::Confirmed,
            category: Some("MOVEMENTS_POLITICS".to_owned()),
        },
        created_at: 1_780_000_000_000,
        updated_at: None,
        deleted_at: None,
    };
    let counts = EventCounts {
        going: 84,
        maybe: 9,
        pending: 0,
        going_by_host: vec![("coop.example".to_owned(), 84)],
    };
    (event, counts)
}

fn event_examples() -> Vec<(&'static str, Value)> {
    let urls = example_urls();
    let org = Handle::parse("climate_now").expect("valid");
    let (event, counts) = example_event(&urls);
    let mut changed = event.clone();
    changed.details.status = EventStatus::Cancelled;
    changed.updated_at = Some(1_780_100_000_000);
    let join = Participation {
        context: Value::Null,
        id: Url::parse("https://mobilizon.example/@alice/join/event/1").expect("url"),
        kind: ParticipationType::Join,
        actor: Url::parse("https://mobilizon.example/@alice").expect("url"),
        object: urls.event(&event.id),
        participation_message: Some("Bringing two neighbours".to_owned()),
        consent_to_contact: None,
        to: Vec::new(),
    };
    vec![
        (
            "create_event",
            fixed(
                &outbox::object_activity(
                    &urls,
                    ObjectActivityType::Create,
                    &local_event_document(&event, &EventCounts::default(), &urls),
                ),
                "6a0e3f57-create",
            ),
        ),
        (
            "update_event",
            fixed(
                &outbox::object_activity(
                    &urls,
                    ObjectActivityType::Update,
                    &local_event_document(&changed, &counts, &urls),
                ),
                "d3b8c1e9-update",
            ),
        ),
        (
            "delete_event",
            fixed(
                &outbox::delete_object(&urls, &org, &urls.event(&event.id), "Event"),
                "91f4a6c2-delete",
            ),
        ),
        (
            "join_event",
            fixed(
                &outbox::participation(
                    &urls,
                    &Handle::parse("alice").expect("valid"),
                    ParticipationType::Join,
                    &Url::parse(
                        "https://sibling.example/events/3f2a9c1e-7b4d-4e8f-a6c5-0d1b2e3f4a5b",
                    )
                    .expect("url"),
                    &Url::parse("https://sibling.example/actors/tenants_union").expect("url"),
                    outbox::ParticipationNote::default(),
                ),
                "0e5d7c3a-join",
            ),
        ),
        (
            "accept_join",
            fixed(
                &outbox::answer_join(&urls, &org, &join, JoinAnswerType::Accept),
                "2c7d9e1b-accept",
            ),
        ),
        (
            "reject_join",
            fixed(
                &outbox::answer_join(&urls, &org, &join, JoinAnswerType::Reject),
                "4e8a0b3d-reject",
            ),
        ),
        (
            "ignore_join",
            fixed(
                &outbox::answer_join(&urls, &org, &join, JoinAnswerType::Ignore),
                "b5c1d7f0-ignore",
            ),
        ),
    ]
}

/// A generated activity with its random id replaced by a fixed one, so the example is stable.
fn fixed(prepared: &outbox::Prepared, id: &str) -> Value {
    let mut value: Value = serde_json::from_str(&prepared.json).expect("our JSON");
    value["id"] = Value::from(format!("https://coop.example/activities/{id}"));
    value
}

fn activity_examples() -> Vec<(&'static str, Value)> {
    let urls = example_urls();
    let org = Handle::parse("climate_now").expect("valid");
    let alice = Handle::parse("alice").expect("valid");
    let remote_follow = Follow {
        context: Value::Null,
        id: Url::parse("https://mastodon.example/users/bob#follows/42").expect("url"),
        kind: FollowType::Follow,
        actor: Url::parse("https://mastodon.example/users/bob").expect("url"),
        object: urls.actor(&org),
    };
    let note = DbNote {
        id: "5f0c7e4e-1b7a-4a4e-9b1e-6d8c2f3a9b10".to_owned(),
        local_actor_id: 1,
        handle: org.clone(),
        content_html: "<p>Climate strike on Friday, 4 pm, at the town hall.</p>".to_owned(),
        created_at: 1_795_000_000_000,
        updated_at: None,
        deleted_at: None,
    };
    let mut edited = note.clone();
    edited.content_html = "<p>Climate strike on Saturday, 4 pm, at the town hall.</p>".to_owned();
    edited.updated_at = Some(1_795_000_600_000);
    let target = Url::parse("https://mastodon.example/users/bob").expect("url");
    let follow_id = Url::parse("https://coop.example/activities/0b6f2d8e-follow").expect("url");
    vec![
        (
            "follow",
            fixed(&outbox::follow(&urls, &alice, &target), "0b6f2d8e-follow"),
        ),
        (
            "accept_follow",
            fixed(
                &outbox::accept_follow(&urls, &org, &remote_follow),
                "7d1e4c2a-accept",
            ),
        ),
        (
            "reject_follow",
            fixed(
                &outbox::answer_follow(&urls, &org, &remote_follow, AnswerType::Reject),
                "5e2b9d40-reject",
            ),
        ),
        (
            "undo_follow",
            fixed(
                &outbox::undo_follow(&urls, &alice, &follow_id, &target),
                "3c9a5b1f-undo",
            ),
        ),
        (
            "create_note",
            fixed(
                &outbox::note_activity(
                    &urls,
                    ObjectActivityType::Create,
                    &local_note_document(&note, &urls),
                ),
                "a41d8f36-create",
            ),
        ),
        (
            "update_note",
            fixed(
                &outbox::note_activity(
                    &urls,
                    ObjectActivityType::Update,
                    &local_note_document(&edited, &urls),
                ),
                "c2e7b954-update",
            ),
        ),
        (
            "delete_note",
            fixed(
                &outbox::delete_note(&urls, &org, &urls.note(&note.id)),
                "e98f0a17-delete",
            ),
        ),
    ]
}

fn actor_examples() -> Vec<(&'static str, Value)> {
    let urls = example_urls();
    let documents = [
        (
            "actor_group",
            actor(
                "climate_now",
                ActorKind::Group,
                "Climate Now",
                "Organising for a livable planet.",
            ),
        ),
        (
            "actor_person",
            actor("alice", ActorKind::Person, "Alice", ""),
        ),
        (
            "actor_application",
            actor("instance", ActorKind::Application, "instance", ""),
        ),
    ];
    documents
        .into_iter()
        .map(|(name, actor)| {
            let value =
                serde_json::to_value(local_actor_document(&actor, &urls)).expect("serializable");
            (name, value)
        })
        .collect()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("federation")
}

/// The JSON block that follows `<!-- example: NAME -->` in FEDERATION.md, as (start, end) byte
/// offsets of its body.
fn quoted_block(document: &str, name: &str) -> Option<(usize, usize)> {
    let marker = format!("<!-- example: {name} -->");
    let after_marker = document.find(&marker)? + marker.len();
    let fence = "```json\n";
    let start = after_marker + document[after_marker..].find(fence)? + fence.len();
    let end = start + document[start..].find("```")?;
    Some((start, end))
}

#[test]
fn examples_are_what_the_code_sends_and_federation_md_quotes_them() {
    let update = std::env::var("UPDATE_EXAMPLES").is_ok_and(|v| v == "1");
    let doc_path = root().join("FEDERATION.md");
    let mut doc = std::fs::read_to_string(&doc_path).expect("FEDERATION.md");
    for (name, value) in examples() {
        let pretty = format!(
            "{}\n",
            serde_json::to_string_pretty(&value).expect("serializable")
        );
        let file = root().join("examples").join(format!("{name}.json"));
        if update {
            std::fs::write(&file, &pretty).expect("write example");
        }
        let stored: Value = serde_json::from_str(
            &std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())),
        )
        .expect("example is JSON");
        assert_eq!(
            stored, value,
            "{name}.json differs from what the code sends (UPDATE_EXAMPLES=1 rewrites it)"
        );

        let (start, end) = quoted_block(&doc, name)
            .unwrap_or_else(|| panic!("FEDERATION.md has no `<!-- example: {name} -->` block"));
        if update {
            doc.replace_range(start..end, &pretty);
            continue;
        }
        let quoted: Value = serde_json::from_str(&doc[start..end])
            .unwrap_or_else(|e| panic!("the quote of {name} in FEDERATION.md is not JSON: {e}"));
        assert_eq!(quoted, value, "FEDERATION.md quotes an outdated {name}");
    }
    if update {
        std::fs::write(&doc_path, doc).expect("write FEDERATION.md");
    }
}

#[test]
fn our_own_activities_round_trip_through_our_inbox_parser() {
    use solidarity::federation::inbox::dispatch::{Inbound, parse_activity};
    let mut ours = activity_examples();
    ours.extend(action_examples());
    ours.extend(campaigns::request_examples());
    ours.extend(
        registry::registry_examples()
            .into_iter()
            .filter(|(name, _)| {
                matches!(
                    *name,
                    "join_registry" | "offer_membership" | "update_membership" | "cast_ballot"
                )
            }),
    );
    ours.extend(
        event_examples()
            .into_iter()
            .filter(|(name, _)| !name.ends_with("_join")),
    );
    for (name, value) in ours {
        let parsed = parse_activity(&value).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            !matches!(parsed, Inbound::Ignored(_)),
            "{name} is understood, not ignored"
        );
        let again = serde_json::to_value(
            match &parsed {
                Inbound::Follow(a) => serde_json::to_value(a),
                Inbound::Accept(a) | Inbound::Reject(a) => serde_json::to_value(a),
                Inbound::Undo(a, _) => serde_json::to_value(a),
                Inbound::Create(a)
                | Inbound::Update(a)
                | Inbound::Delete(a)
                | Inbound::Announce(a) => serde_json::to_value(a),
                Inbound::Participation(a) => serde_json::to_value(a),
                Inbound::EventResponse(a) => serde_json::to_value(a),
                Inbound::Add(a) => serde_json::to_value(a),
                Inbound::Invite(a) => serde_json::to_value(a),
                Inbound::Flag(a) => serde_json::to_value(a),
                Inbound::Offer(a) => serde_json::to_value(a),
                Inbound::Ignored(_) => unreachable!("checked above"),
            }
            .expect("serializes"),
        )
        .expect("a value");
        assert_eq!(again, value, "{name} serializes back to the same JSON");
    }
}
