//! Every real payload in `federation/fixtures` (Mastodon, Mobilizon, Pleroma, Friendica, PeerTube,
//! WordPress, Gancio, Mitra) is read without network access: actors and objects through the same
//! code that handles fetched documents, activities through the inbox's parser. Each one either
//! parses or is refused with a named reason, and the expected share of them parses.

use crate::common::files_with_extension;
use serde_json::Value;
use solidarity::federation::inbound::{
    ContentObject, remote_actor_from_json, remote_object_from_json,
};
use solidarity::federation::inbox::dispatch::{Inbound, parse_activity};
use std::path::Path;
use url::Url;

const ACTOR_TYPES: [&str; 5] = ["Person", "Group", "Application", "Service", "Organization"];

/// What reading one fixture came to.
#[derive(Debug)]
enum Outcome {
    Actor,
    Object,
    Activity(String),
    Ignored(String),
    Refused(String),
    NotActivityStreams,
}

fn read(value: &Value) -> Outcome {
    let Some(kind) = value.get("type").and_then(Value::as_str) else {
        return Outcome::NotActivityStreams;
    };
    let id = value
        .get("id")
        .and_then(Value::as_str)
        .and_then(|id| Url::parse(id).ok());
    if ACTOR_TYPES.contains(&kind) {
        let Some(id) = id else {
            return Outcome::Refused("actor without id".to_owned());
        };
        return match remote_actor_from_json(value.clone(), &id) {
            Ok(_) => Outcome::Actor,
            Err(e) => Outcome::Refused(e.to_string()),
        };
    }
    if let Some(author) = value
        .get("attributedTo")
        .and_then(|a| {
            a.as_str().map(str::to_owned).or_else(|| {
                a.as_array()?
                    .first()?
                    .get("id")?
                    .as_str()
                    .map(str::to_owned)
            })
        })
        .and_then(|a| Url::parse(&a).ok())
        .filter(|_| value.get("actor").is_none())
    {
        return match remote_object_from_json(value, &author) {
            Ok(_) => Outcome::Object,
            Err(e) => Outcome::Refused(e.to_string()),
        };
    }
    match parse_activity(value) {
        Ok(Inbound::Ignored(kind)) => Outcome::Ignored(kind),
        Ok(activity) => Outcome::Activity(
            format!("{activity:?}")
                .split('(')
                .next()
                .unwrap_or_default()
                .to_owned(),
        ),
        Err(e) => Outcome::Refused(e.to_string()),
    }
}

#[test]
fn every_fixture_parses_or_is_refused_with_a_reason() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("federation/fixtures");
    let files = files_with_extension(&root, "json");
    for software in [
        "mastodon",
        "mobilizon",
        "pleroma",
        "friendica",
        "peertube",
        "wordpress",
        "gancio",
        "mitra",
    ] {
        assert!(
            files.iter().any(|f| f.starts_with(root.join(software))),
            "fixtures from {software}"
        );
    }
    let mut report = Vec::new();
    let (mut actors, mut objects, mut activities) = (0, 0, 0);
    let mut kinds = std::collections::BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable fixture");
        let value: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let outcome = read(&value);
        match &outcome {
            Outcome::Actor => actors += 1,
            Outcome::Object => objects += 1,
            Outcome::Activity(kind) => {
                activities += 1;
                kinds.insert(kind.clone());
            }
            Outcome::Refused(reason) | Outcome::Ignored(reason) => assert!(!reason.is_empty()),
            Outcome::NotActivityStreams => {}
        }
        report.push(format!(
            "{}: {outcome:?}",
            file.strip_prefix(&root).unwrap_or(file).display()
        ));
    }
    let report = report.join("\n");
    println!("{report}");
    // Floors, so that a regression in leniency shows up here, not in production.
    assert!(actors >= 10, "actors parsed: {actors}\n{report}");
    assert!(objects >= 12, "objects parsed: {objects}\n{report}");
    assert!(
        activities >= 30,
        "activities parsed: {activities}\n{report}"
    );
}

fn fixture(path: &str) -> Value {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("federation/fixtures")
        .join(path);
    serde_json::from_str(&std::fs::read_to_string(&file).expect("fixture")).expect("JSON")
}

#[test]
fn mobilizon_and_gancio_events_parse_into_events() {
    use solidarity::federation::protocol::{Event, Location};
    let mobilizon: Event =
        serde_json::from_value(fixture("mobilizon/objects/event.json")).expect("Mobilizon event");
    assert_eq!(mobilizon.name, "Caledonian scottish dance class");
    assert_eq!(mobilizon.start_time, "2022-12-11T19:00:00+00:00");
    assert_eq!(mobilizon.timezone.as_deref(), Some("Europe/London"));
    assert_eq!(mobilizon.join_mode.as_deref(), Some("free"));
    assert_eq!(mobilizon.ical_status.as_deref(), Some("CONFIRMED"));
    let [Location::Place(place)] = mobilizon.location.as_slice() else {
        panic!("one place: {:?}", mobilizon.location);
    };
    assert_eq!(place.name.as_deref(), Some("The Kenn Centre"));
    assert_eq!(
        place.address.as_ref().map(|a| a.to_text()).as_deref(),
        Some("Devon Expressway, EX6 7TW, Teignbridge, England, United Kingdom")
    );
    assert_eq!(place.latitude, Some(50.66881615));

    let activity = fixture("gancio/gancio-event-activity.json");
    let gancio: Event = serde_json::from_value(activity["object"].clone()).expect("Gancio event");
    assert_eq!(gancio.name, "Demo event");
    assert_eq!(
        gancio.end_time.as_deref(),
        Some("2021-07-14T18:30:57+02:00")
    );
    // Gancio's Place has no `type`.
    let [Location::Place(place)] = gancio.location.as_slice() else {
        panic!("one place: {:?}", gancio.location);
    };
    assert_eq!(place.name.as_deref(), Some("Colosseo"));
}

#[test]
fn mobilizon_join_and_leave_parse_as_participations() {
    use solidarity::federation::protocol::ParticipationType;
    for (file, kind) in [
        (
            "mobilizon/activities/mobilizon-join-activity.json",
            ParticipationType::Join,
        ),
        (
            "mobilizon/activities/mobilizon-leave-activity.json",
            ParticipationType::Leave,
        ),
    ] {
        match parse_activity(&fixture(file)) {
            Ok(Inbound::Participation(participation)) => {
                assert_eq!(participation.kind, kind, "{file}");
                assert_eq!(
                    participation.object.as_str(),
                    "http://mobilizon.test/events/some-uuid"
                );
            }
            other => panic!("{file}: {other:?}"),
        }
    }
}

/// The content objects in a document: itself, or the object an activity (or an activity inside
/// an Announce) embeds, when it is of a type timelines show.
fn content_objects(value: &Value, found: &mut Vec<Value>) {
    let kind = value
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if solidarity::federation::inbound::TIMELINE_TYPES.contains(&kind) && value.get("id").is_some()
    {
        found.push(value.clone());
    }
    if let Some(object) = value.get("object").filter(|o| o.is_object()) {
        content_objects(object, found);
    }
}

#[test]
fn every_content_object_of_the_fixtures_and_examples_reads_without_losing_a_field_we_use() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("federation");
    let mut files = files_with_extension(&root.join("fixtures"), "json");
    files.extend(files_with_extension(&root.join("examples"), "json"));
    let mut objects = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        if let Ok(value) = serde_json::from_str::<Value>(&text) {
            let mut found = Vec::new();
            content_objects(&value, &mut found);
            objects.extend(found.into_iter().map(|o| (file.clone(), o)));
        }
    }
    assert!(
        objects.len() >= 20,
        "content objects found: {}",
        objects.len()
    );
    let text = |value: &Value, key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    for (file, json) in objects {
        let read = ContentObject::parse(json.clone())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let at = file.display();
        assert_eq!(
            Some(read.id.to_string()),
            text(&json, "id").map(|id| { Url::parse(&id).map(|u| u.to_string()).unwrap_or(id) }),
            "{at}: id"
        );
        assert_eq!(Some(read.kind.clone()), text(&json, "type"), "{at}: type");
        assert_eq!(read.content, text(&json, "content"), "{at}: content");
        assert_eq!(read.summary, text(&json, "summary"), "{at}: summary");
        if let Some(name) = text(&json, "name") {
            assert_eq!(read.name.as_deref(), Some(name.as_str()), "{at}: name");
        }
        if let Some(author) = text(&json, "attributedTo") {
            assert_eq!(read.authors, vec![author], "{at}: attributedTo");
        }
        if let Some(answered) = text(&json, "inReplyTo") {
            assert_eq!(
                read.in_reply_to.map(String::from),
                Url::parse(&answered).ok().map(String::from),
                "{at}: inReplyTo"
            );
        }
        assert_eq!(read.json, json, "{at}: the document is kept as it came");
    }
}

#[test]
fn mastodons_report_parses_with_every_reported_id_and_the_comment() {
    let Ok(Inbound::Flag(flag)) = parse_activity(&fixture("mastodon/activities/flag.json")) else {
        panic!("a Flag");
    };
    assert_eq!(flag.actor.as_str(), "https://mastodon.example/actor");
    assert_eq!(flag.object.len(), 3, "{:?}", flag.object);
    assert_eq!(
        flag.content.as_deref(),
        Some("Please take a look at this user and their posts")
    );
}
