//! RSVPs from other servers: Mobilizon's Join/Leave (answered Accept, Reject or Ignore, with
//! capacity enforced and restricted events waiting for an organizer), Friendica's
//! Accept/TentativeAccept/Reject of the Event, Undo, and the coalesced count Updates.

use super::{AS, api, create_event, event_input, follows_organization, host, post, received, show};
use crate::common::fake_remote::{FakeActor, FakeRemote};
use crate::common::network::settle;
use serde_json::{Value, json};
use solidarity::service::counts::publish_pending_counts;

/// A Mobilizon-shaped Join of `event` by `actor`.
fn join(actor: &FakeActor, event: &Value, n: &str) -> Value {
    json!({
        "@context": [AS, {"mz": "https://joinmobilizon.org/ns#",
                          "participationMessage": {"@id": "mz:participationMessage"}}],
        "id": actor.url(&format!("join/event/{n}")),
        "type": "Join",
        "actor": actor.id,
        "object": event["ap_id"],
        "participationMessage": "Bringing <b>two</b> neighbours",
    })
}

/// The answers (`kind`) the fake's actor `name` received to its Join `join`.
fn answers_to(fake: &FakeRemote, kind: &str, join: &Value) -> usize {
    received(fake, kind)
        .iter()
        .filter(|answer| answer["object"]["id"] == join["id"] || answer["object"] == join["id"])
        .count()
}

#[tokio::test]
async fn mobilizon_joins_are_accepted_until_capacity_then_rejected() {
    let (alpha, token) = host("alpha.test").await;
    let fake = FakeRemote::start(&["ann", "ben", "cat", "follower"]).await;
    follows_organization(&alpha, &fake, "follower").await;
    let event = create_event(&alpha, &token, event_input(|e| e["capacity"] = json!(2))).await;
    let id = event["id"].as_str().expect("id").to_owned();

    let joins: Vec<Value> = ["ann", "ben", "cat"]
        .iter()
        .map(|name| join(&fake.actor(name), &event, "1"))
        .collect();
    for (name, body) in ["ann", "ben", "cat"].iter().zip(&joins) {
        assert_eq!(post(&alpha, &fake.actor(name), body).await, 202);
    }
    // A repeated Join has one effect.
    assert_eq!(post(&alpha, &fake.actor("ann"), &joins[0]).await, 202);
    settle(&[&alpha]).await;

    assert_eq!(answers_to(&fake, "Accept", &joins[0]), 1);
    assert_eq!(answers_to(&fake, "Accept", &joins[1]), 1);
    assert_eq!(
        answers_to(&fake, "Reject", &joins[2]),
        1,
        "the third does not fit"
    );
    assert_eq!(answers_to(&fake, "Accept", &joins[2]), 0);
    let shown = show(&alpha, &id).await;
    assert_eq!(shown["going"], 2);
    assert_eq!(shown["going_by_instance"][0]["count"], 2);

    // The organizers see the message, as text.
    let (_, list) = api(
        &alpha,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}/rsvps"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(list[0]["message"], "Bringing two neighbours");
    assert_eq!(list[0]["via"], "join");

    // Ann leaves; the follower gets one Update with the new count, however many changes.
    let leave = json!({
        "@context": AS, "id": fake.actor("ann").url("leave/event/1"), "type": "Leave",
        "actor": fake.actor("ann").id, "object": event["ap_id"],
    });
    post(&alpha, &fake.actor("ann"), &leave).await;
    settle(&[&alpha]).await;
    assert_eq!(show(&alpha, &id).await["going"], 1);
    let urls = alpha.state.federation.urls().clone();
    assert_eq!(
        publish_pending_counts(&alpha.state.store, &urls)
            .await
            .expect("counts"),
        1
    );
    assert_eq!(
        publish_pending_counts(&alpha.state.store, &urls)
            .await
            .expect("counts"),
        0
    );
    settle(&[&alpha]).await;
    let updates = received(&fake, "Update");
    assert_eq!(updates.len(), 1, "five RSVP changes, one Update");
    assert_eq!(updates[0]["object"]["participantCount"], 1);
    assert_eq!(updates[0]["object"]["remainingAttendeeCapacity"], 1);

    // Now Cat fits.
    let again = join(&fake.actor("cat"), &event, "2");
    post(&alpha, &fake.actor("cat"), &again).await;
    settle(&[&alpha]).await;
    assert_eq!(answers_to(&fake, "Accept", &again), 1);
    assert_eq!(show(&alpha, &id).await["going"], 2);
}

#[tokio::test]
async fn friendica_answers_to_the_event_count_as_going_maybe_and_not_going() {
    let (alpha, token) = host("alpha.test").await;
    let fake = FakeRemote::start(&["fri", "hub", "zed"]).await;
    let event = create_event(&alpha, &token, event_input(|_| {})).await;
    let id = event["id"].as_str().expect("id").to_owned();
    let answer = |name: &str, kind: &str, object: Value| {
        let actor = fake.actor(name);
        json!({"@context": AS, "id": actor.url(&format!("rsvp/{kind}")), "type": kind,
               "actor": actor.id, "object": object})
    };
    // Friendica embeds the Event; others reference it by id.
    let embedded = json!({"id": event["ap_id"], "type": "Event"});
    let maybe = answer("fri", "TentativeAccept", embedded.clone());
    post(&alpha, &fake.actor("fri"), &maybe).await;
    post(
        &alpha,
        &fake.actor("hub"),
        &answer("hub", "Accept", event["ap_id"].clone()),
    )
    .await;
    post(
        &alpha,
        &fake.actor("zed"),
        &answer("zed", "Reject", embedded),
    )
    .await;
    settle(&[&alpha]).await;
    let shown = show(&alpha, &id).await;
    assert_eq!(
        (shown["going"].clone(), shown["maybe"].clone()),
        (json!(1), json!(1))
    );
    assert!(
        fake.posted().iter().all(|p| p["type"] != "Reject"),
        "no answer to an answer"
    );

    // Undo of the TentativeAccept withdraws it.
    let undo = json!({"@context": AS, "id": fake.actor("fri").url("undo/1"), "type": "Undo",
                      "actor": fake.actor("fri").id, "object": maybe});
    post(&alpha, &fake.actor("fri"), &undo).await;
    settle(&[&alpha]).await;
    assert_eq!(show(&alpha, &id).await["maybe"], 0);
}

#[tokio::test]
async fn events_without_rsvps_ignore_joins_and_restricted_ones_wait_for_an_organizer() {
    let (alpha, token) = host("alpha.test").await;
    let fake = FakeRemote::start(&["ann", "ben"]).await;
    let external = create_event(
        &alpha,
        &token,
        event_input(|e| {
            e["join_mode"] = json!("external");
            e["external_url"] = json!("https://signup.example/rent");
        }),
    )
    .await;
    let ignored = join(&fake.actor("ann"), &external, "1");
    post(&alpha, &fake.actor("ann"), &ignored).await;
    settle(&[&alpha]).await;
    assert_eq!(answers_to(&fake, "Ignore", &ignored), 1, "FEP-8a8e: Ignore");
    assert_eq!(
        show(&alpha, external["id"].as_str().expect("id")).await["going"],
        0
    );

    let restricted = create_event(
        &alpha,
        &token,
        event_input(|e| e["join_mode"] = json!("restricted")),
    )
    .await;
    let id = restricted["id"].as_str().expect("id").to_owned();
    let request = join(&fake.actor("ben"), &restricted, "2");
    post(&alpha, &fake.actor("ben"), &request).await;
    settle(&[&alpha]).await;
    assert_eq!(
        answers_to(&fake, "Accept", &request),
        0,
        "no answer before a decision"
    );
    let shown = show(&alpha, &id).await;
    assert_eq!(
        (shown["going"].clone(), shown["pending"].clone()),
        (json!(0), json!(1))
    );

    let (status, decided) = api(
        &alpha,
        reqwest::Method::POST,
        &format!("/api/v1/events/{id}/rsvps/decisions"),
        Some(&token),
        Some(json!({"participant": fake.actor("ben").id, "approve": true})),
    )
    .await;
    assert_eq!(status, 200, "{decided}");
    assert_eq!(decided["state"], "going");
    settle(&[&alpha]).await;
    assert_eq!(
        answers_to(&fake, "Accept", &request),
        1,
        "accepted by the organizer"
    );
    assert_eq!(show(&alpha, &id).await["going"], 1);

    // Asking again does not send an approved participant back to the waiting list.
    let again = join(&fake.actor("ben"), &restricted, "3");
    post(&alpha, &fake.actor("ben"), &again).await;
    settle(&[&alpha]).await;
    let shown = show(&alpha, &id).await;
    assert_eq!(
        (shown["going"].clone(), shown["pending"].clone()),
        (json!(1), json!(0))
    );
}
