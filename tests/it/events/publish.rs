//! Publishing events: what followers receive, what the id answers, what Mastodon shows, and
//! what is refused.

use super::{AS, api, create_event, event_input, follows_organization, host, received, show};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::settle;
use serde_json::{Value, json};

#[tokio::test]
async fn followers_receive_the_event_in_the_shape_mobilizon_and_fep_8a8e_read() {
    let (alpha, token) = host("alpha.test").await;
    let fake = FakeRemote::start(&["mo"]).await;
    follows_organization(&alpha, &fake, "mo").await;

    let created = create_event(&alpha, &token, event_input(|_| {})).await;
    settle(&[&alpha]).await;

    let creates = received(&fake, "Create");
    assert_eq!(creates.len(), 1, "one Create per follower inbox");
    let event = &creates[0]["object"];
    assert_eq!(event["type"], "Event");
    assert_eq!(event["id"], created["ap_id"]);
    assert_eq!(event["name"], "Rent strike assembly");
    assert_eq!(event["timezone"], "Europe/Paris");
    // Local time 18:00 in Paris, published with Paris's offset (summer or winter).
    let start = event["startTime"].as_str().expect("startTime");
    assert!(
        start.contains("T18:00:00+01:00") || start.contains("T18:00:00+02:00"),
        "{start}"
    );
    assert_eq!(event["location"]["type"], "Place");
    assert_eq!(event["location"]["name"], "Town hall");
    assert_eq!(event["location"]["address"], "1 Main St, Lyon");
    assert_eq!(event["joinMode"], "free");
    assert_eq!(event["maximumAttendeeCapacity"], 120);
    assert_eq!(event["participantCount"], 0);
    assert_eq!(event["ical:status"], "CONFIRMED");
    assert_eq!(event["eventStatus"], "EventScheduled");
    assert_eq!(event["category"], "MOVEMENTS_POLITICS");
    assert!(
        event["content"]
            .as_str()
            .unwrap_or("")
            .contains("<strong>big hall</strong>")
    );
    // Mastodon shows name, summary and link only: the summary carries when, where and who.
    let summary = event["summary"].as_str().expect("a summary");
    assert!(summary.contains("18:00–20:00"), "{summary}");
    assert!(summary.contains("Town hall, 1 Main St, Lyon"), "{summary}");
    assert!(summary.contains("0/120 going"), "{summary}");
    assert!(summary.contains("Bring your lease"), "{summary}");
    // The activity's context defines the Mobilizon terms the event uses.
    let context = &creates[0]["@context"];
    assert_eq!(context[0], AS);
    assert_eq!(context[1]["joinMode"]["@id"], "mz:joinMode");

    // The id dereferences to the same document, and to a page for browsers.
    let fetched = alpha
        .federation_fetch(&url::Url::parse(created["ap_id"].as_str().expect("id")).expect("url"))
        .await;
    assert_eq!(fetched["startTime"], event["startTime"]);
    let page = reqwest::get(format!(
        "http://127.0.0.1:{}/events/{}",
        alpha.port,
        created["id"].as_str().expect("id")
    ))
    .await
    .expect("the page answers");
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .expect("html")
            .contains("Rent strike assembly")
    );
}

#[tokio::test]
async fn changes_and_deletion_reach_followers_and_the_id_answers_a_tombstone() {
    let (alpha, token) = host("alpha.test").await;
    let fake = FakeRemote::start(&["mo"]).await;
    follows_organization(&alpha, &fake, "mo").await;
    let created = create_event(&alpha, &token, event_input(|_| {})).await;
    let id = created["id"].as_str().expect("id").to_owned();

    let (status, updated) = api(
        &alpha,
        reqwest::Method::PUT,
        &format!("/api/v1/orgs/climate_now/events/{id}"),
        Some(&token),
        Some(event_input(|e| {
            e["status"] = json!("cancelled");
            e["place"] = Value::Null;
            e["online_url"] = json!("https://meet.example/rent-strike");
        })),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["status"], "cancelled");
    settle(&[&alpha]).await;
    let updates = received(&fake, "Update");
    assert_eq!(updates.len(), 1);
    let event = &updates[0]["object"];
    assert_eq!(event["ical:status"], "CANCELLED");
    assert_eq!(event["location"]["type"], "VirtualLocation");
    assert_eq!(event["isOnline"], true);
    assert!(
        event["summary"]
            .as_str()
            .unwrap_or("")
            .starts_with("CANCELLED")
    );

    let (status, _) = api(
        &alpha,
        reqwest::Method::DELETE,
        &format!("/api/v1/orgs/climate_now/events/{id}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 204);
    settle(&[&alpha]).await;
    let deletes = received(&fake, "Delete");
    assert_eq!(deletes.len(), 1);
    assert_eq!(deletes[0]["object"]["type"], "Tombstone");
    assert_eq!(deletes[0]["object"]["formerType"], "Event");
    let gone = reqwest::Client::new()
        .get(created["ap_id"].as_str().expect("ap id").replace(
            &format!("{}:{}", alpha.host, alpha.port),
            &format!("127.0.0.1:{}", alpha.port),
        ))
        .header("accept", "application/activity+json")
        .send()
        .await
        .expect("answers");
    assert_eq!(gone.status(), 410);
    let (status, _) = api(
        &alpha,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn invalid_events_are_refused_naming_the_field_and_nothing_is_stored() {
    let (alpha, token) = host("alpha.test").await;
    let cases: Vec<(&str, Value)> = vec![
        (
            "ends_at",
            event_input(|e| e["ends_at"] = e["starts_at"].clone()),
        ),
        ("capacity", event_input(|e| e["capacity"] = json!(-5))),
        (
            "join_mode",
            event_input(|e| e["join_mode"] = json!("whoever")),
        ),
        (
            "title",
            event_input(|e| e["title"] = json!("x".repeat(201))),
        ),
        ("title", event_input(|e| e["title"] = json!("   "))),
        (
            "timezone",
            event_input(|e| e["timezone"] = json!("Mars/Olympus")),
        ),
        (
            "starts_at",
            event_input(|e| e["starts_at"] = json!("next friday")),
        ),
        // A local time with no zone to read it in is refused, never guessed to be UTC.
        (
            "no UTC offset",
            event_input(|e| {
                e.as_object_mut().map(|o| o.remove("timezone"));
            }),
        ),
        (
            "external_url",
            event_input(|e| e["join_mode"] = json!("external")),
        ),
        (
            "online_url",
            event_input(|e| e["online_url"] = json!("javascript:alert(1)")),
        ),
        ("category", event_input(|e| e["category"] = json!("rave"))),
        (
            "place.latitude",
            event_input(|e| e["place"]["latitude"] = json!(123.0)),
        ),
        (
            "body",
            event_input(|e| e["body"] = json!("y".repeat(50_001))),
        ),
    ];
    for (field, input) in cases {
        let (status, body) = api(
            &alpha,
            reqwest::Method::POST,
            "/api/v1/orgs/climate_now/events",
            Some(&token),
            Some(input),
        )
        .await;
        assert_eq!(status, 422, "{field}: {body}");
        let message = body["error"].as_str().unwrap_or_default();
        assert!(message.contains(field), "{field} not named in: {message}");
    }
    let (status, listed) = api(
        &alpha,
        reqwest::Method::GET,
        "/api/v1/orgs/climate_now/events",
        None,
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(listed, json!([]), "nothing was stored");

    // Only members of the organization may publish as it.
    let outsider = super::member(&alpha, "mallory").await;
    let (status, _) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&outsider),
        Some(event_input(|_| {})),
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn times_with_offsets_need_no_zone_and_say_they_are_kept_in_utc() {
    let (alpha, token) = host("alpha.test").await;
    let day = (chrono::Utc::now() + chrono::Duration::days(9)).format("%Y-%m-%d");
    let created = create_event(
        &alpha,
        &token,
        event_input(|e| {
            e.as_object_mut().map(|o| o.remove("timezone"));
            e["starts_at"] = json!(format!("{day}T18:00:00+02:00"));
            e["ends_at"] = json!(format!("{day}T20:00:00+02:00"));
        }),
    )
    .await;
    assert_eq!(created["timezone"], "UTC", "{created}");
    let starts = created["starts_at"].as_str().expect("starts_at");
    assert!(starts.starts_with(&format!("{day}T16:00:00")), "{starts}");
}

#[tokio::test]
async fn local_rsvps_respect_capacity_and_organizers_alone_see_the_list() {
    let (alpha, token) = host("alpha.test").await;
    let created = create_event(&alpha, &token, event_input(|e| e["capacity"] = json!(1))).await;
    let id = created["id"].as_str().expect("id").to_owned();
    let bob = super::member(&alpha, "bob").await;
    let carol = super::member(&alpha, "carol").await;
    let rsvp = |token: String, state: Value| {
        let alpha = &alpha;
        let id = id.clone();
        async move {
            api(
                alpha,
                reqwest::Method::POST,
                &format!("/api/v1/events/{id}/rsvps"),
                Some(&token),
                Some(json!({ "state": state })),
            )
            .await
        }
    };
    let (status, body) = rsvp(bob.clone(), json!("going")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "going");
    let (status, body) = rsvp(carol.clone(), json!("going")).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["error"].as_str().unwrap_or("").contains("full"));
    let (status, _) = rsvp(carol.clone(), json!("maybe")).await;
    assert_eq!(status, 200);
    let (status, _) = rsvp(carol.clone(), json!("whatever")).await;
    assert_eq!(status, 422);

    let event = show(&alpha, &id).await;
    assert_eq!(
        (event["going"].clone(), event["maybe"].clone()),
        (json!(1), json!(1))
    );
    assert!(
        event["summary"]
            .as_str()
            .unwrap_or("")
            .contains("1/1 going, 1 maybe")
    );

    // Bob withdraws; now Carol fits.
    let (status, body) = rsvp(bob.clone(), Value::Null).await;
    assert_eq!((status, body["state"].clone()), (200, Value::Null));
    let (status, _) = rsvp(carol.clone(), json!("going")).await;
    assert_eq!(status, 200);

    let (status, _) = api(
        &alpha,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}/rsvps"),
        Some(&bob),
        None,
    )
    .await;
    assert_eq!(status, 403, "participants are for organizers");
    let (status, list) = api(
        &alpha,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}/rsvps"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), 1);
    assert!(
        list[0]["participant"]
            .as_str()
            .unwrap_or("")
            .ends_with("/actors/carol")
    );
    assert_eq!(list[0]["state"], "going");
}
