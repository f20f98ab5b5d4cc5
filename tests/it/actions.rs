//! Actions: published to followers as a `Page` with our terms and a summary Mastodon shows;
//! invalid input refused by field; participation from here, from a sibling instance (a `Join`
//! from home) and from any server that sends one, each person counted once, with progress per
//! instance that both instances show alike.

use crate::common::coop::{AS, api, follows_organization, host, member, post, received};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::{Instance, settle};
use serde_json::{Value, json};
use solidarity::service::counts::publish_pending_counts;

pub(crate) fn petition(tweak: impl FnOnce(&mut Value)) -> Value {
    let mut input = json!({
        "kind": "petition",
        "title": "Stop the eviction of 12 Rue Jangot",
        "description": "The landlord wants everyone out by June.",
        "body": "We, the undersigned, **demand**...",
        "targets": ["Mayor of Lyon", "Housing office"],
        "goal": 100,
        "deadline": (chrono::Utc::now() + chrono::Duration::days(30)).format("%Y-%m-%dT23:59").to_string(),
        "timezone": "Europe/Paris"
    });
    tweak(&mut input);
    input
}

pub(crate) async fn create(instance: &Instance, token: &str, input: Value) -> Value {
    let (status, body) = api(
        instance,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(token),
        Some(input),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

pub(crate) async fn show(instance: &Instance, id: &str) -> Value {
    let (status, body) = api(
        instance,
        reqwest::Method::GET,
        &format!("/api/v1/actions/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

pub(crate) async fn sign(instance: &Instance, token: &str, id: &str, body: Value) -> (u16, Value) {
    api(
        instance,
        reqwest::Method::POST,
        &format!("/api/v1/actions/{id}/participations"),
        Some(token),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn followers_receive_the_action_as_a_page_with_goal_progress_and_targets() {
    let (alpha, token) = host("alpha.test").await;
    let fake = FakeRemote::start(&["mo"]).await;
    follows_organization(&alpha, &fake, "mo").await;
    let created = create(&alpha, &token, petition(|_| {})).await;
    settle(&[&alpha]).await;

    let creates = received(&fake, "Create");
    assert_eq!(creates.len(), 1);
    let page = &creates[0]["object"];
    assert_eq!(page["type"], "Page");
    assert_eq!(page["id"], created["ap_id"]);
    assert_eq!(page["actionType"], "petition");
    assert_eq!(page["actionStatus"], "open");
    assert_eq!(
        (page["goal"].clone(), page["goalUnit"].clone()),
        (json!(100), json!("signatures"))
    );
    assert_eq!(page["progress"], 0);
    assert_eq!(page["targets"], json!(["Mayor of Lyon", "Housing office"]));
    assert_eq!(page["joinMode"], "free");
    assert!(
        page["endTime"]
            .as_str()
            .unwrap_or("")
            .contains("T23:59:00+0")
    );
    let summary = page["summary"].as_str().expect("a summary");
    assert!(
        summary.starts_with("Sign · 0 of 100 signatures · until "),
        "{summary}"
    );
    assert!(
        summary.contains("to Mayor of Lyon, Housing office"),
        "{summary}"
    );
    assert_eq!(creates[0]["@context"][1]["actionType"], "sol:actionType");

    // An external call to action is a link, and replaces participation here.
    let external = create(
        &alpha,
        &token,
        petition(|p| {
            p["kind"] = json!("call");
            p["external_url"] = json!("tel:+33-555-0100");
        }),
    )
    .await;
    let (status, body) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&token),
        Some(petition(|p| {
            p["external_url"] = json!("javascript:alert(1)")
        })),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]
            .as_str()
            .unwrap_or("")
            .contains("external_url")
    );
    assert_eq!(
        external["external_url"], "tel:+33-555-0100",
        "a call action may link a phone number"
    );
    let linked = create(
        &alpha,
        &token,
        petition(|p| {
            p["kind"] = json!("email");
            p["external_url"] = json!("https://act.example/write");
            p["external_label"] = json!("Write to the mayor");
        }),
    )
    .await;
    settle(&[&alpha]).await;
    let page = received(&fake, "Create")
        .into_iter()
        .find(|c| c["object"]["id"] == linked["ap_id"])
        .expect("the second action reached the follower")["object"]
        .clone();
    assert_eq!(page["joinMode"], "external");
    assert_eq!(page["attachment"][0]["href"], "https://act.example/write");
    assert_eq!(page["attachment"][0]["name"], "Write to the mayor");
    let bob = member(&alpha, "bob").await;
    let (status, body) = sign(&alpha, &bob, linked["id"].as_str().expect("id"), json!({})).await;
    assert_eq!(status, 409, "{body}");
}

#[tokio::test]
async fn invalid_actions_are_refused_naming_the_field() {
    let (alpha, token) = host("alpha.test").await;
    let cases: Vec<(&str, Value)> = vec![
        ("goal", petition(|p| p["goal"] = json!(-1))),
        ("kind", petition(|p| p["kind"] = json!("riot"))),
        ("title", petition(|p| p["title"] = json!(""))),
        ("deadline", petition(|p| p["deadline"] = json!("soon"))),
        (
            "no UTC offset",
            petition(|p| {
                p.as_object_mut().map(|o| o.remove("timezone"));
            }),
        ),
        ("timezone", petition(|p| p["timezone"] = json!("Atlantis"))),
        (
            "external_label",
            petition(|p| p["external_label"] = json!("Go")),
        ),
        (
            "description",
            petition(|p| p["description"] = json!("d".repeat(1001))),
        ),
    ];
    for (field, input) in cases {
        let (status, body) = api(
            &alpha,
            reqwest::Method::POST,
            "/api/v1/orgs/climate_now/actions",
            Some(&token),
            Some(input),
        )
        .await;
        assert_eq!(status, 422, "{field}: {body}");
        assert!(
            body["error"].as_str().unwrap_or("").contains(field),
            "{field}: {body}"
        );
    }
    let (_, listed) = api(
        &alpha,
        reqwest::Method::GET,
        "/api/v1/orgs/climate_now/actions",
        None,
        None,
    )
    .await;
    assert_eq!(listed, json!([]));
}

#[tokio::test]
async fn each_person_counts_once_and_a_closed_action_takes_no_more() {
    let (alpha, token) = host("alpha.test").await;
    let fake = FakeRemote::start(&["ann"]).await;
    let created = create(&alpha, &token, petition(|_| {})).await;
    let id = created["id"].as_str().expect("id").to_owned();
    let bob = member(&alpha, "bob").await;

    let (status, body) = sign(
        &alpha,
        &bob,
        &id,
        json!({"comment": "Housing is a right", "consent_to_contact": true}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["progress"], 1);
    // Signing again is counted once, answers 200, and keeps what it does not change.
    let (status, body) = sign(&alpha, &bob, &id, json!({})).await;
    assert_eq!(
        (status, body["progress"].clone()),
        (200, json!(1)),
        "{body}"
    );
    let (status, body) = sign(&alpha, &bob, &id, json!({"comment": "Signed twice?"})).await;
    assert_eq!(
        (status, body["progress"].clone()),
        (200, json!(1)),
        "once per person"
    );

    // Someone on another server joins with our documented activity.
    let ann = fake.actor("ann");
    let join = json!({"@context": AS, "id": ann.url("join/1"), "type": "Join", "actor": ann.id,
                      "object": created["ap_id"], "participationMessage": "<b>Solidarity</b> from Ann",
                      "consentToContact": false});
    post(&alpha, &ann, &join).await;
    settle(&[&alpha]).await;
    let accepts: Vec<Value> = received(&fake, "Accept");
    assert!(
        accepts.iter().any(|a| a["object"]["id"] == join["id"]),
        "{accepts:?}"
    );
    let shown = show(&alpha, &id).await;
    assert_eq!(shown["progress"], 2);
    assert_eq!(
        shown["progress_by_instance"].as_array().map(Vec::len),
        Some(2)
    );

    let (status, list) = api(
        &alpha,
        reqwest::Method::GET,
        &format!("/api/v1/actions/{id}/participations"),
        Some(&bob),
        None,
    )
    .await;
    assert_eq!(status, 403, "{list}");
    let (_, list) = api(
        &alpha,
        reqwest::Method::GET,
        &format!("/api/v1/actions/{id}/participations"),
        Some(&token),
        None,
    )
    .await;
    let list = list.as_array().expect("a list").clone();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["comment"], "Signed twice?");
    assert_eq!(
        list[0]["consent_to_contact"], true,
        "a repeat without consent_to_contact keeps the first answer"
    );
    assert_eq!(list[1]["comment"], "Solidarity from Ann");
    assert_eq!(list[1]["via"], "join");

    // Closed: no more participation, and a Join is rejected.
    let (status, _) = api(
        &alpha,
        reqwest::Method::PUT,
        &format!("/api/v1/orgs/climate_now/actions/{id}"),
        Some(&token),
        Some(petition(|p| p["status"] = json!("won"))),
    )
    .await;
    assert_eq!(status, 200);
    let carol = member(&alpha, "carol").await;
    let (status, body) = sign(&alpha, &carol, &id, json!({})).await;
    assert_eq!(status, 409, "{body}");
    let late = json!({"@context": AS, "id": ann.url("join/2"), "type": "Join", "actor": ann.id, "object": created["ap_id"]});
    post(&alpha, &ann, &late).await;
    settle(&[&alpha]).await;
    assert!(
        received(&fake, "Reject")
            .iter()
            .any(|r| r["object"]["id"] == late["id"])
    );
    assert_eq!(show(&alpha, &id).await["progress"], 2);
    assert!(
        show(&alpha, &id).await["summary"]
            .as_str()
            .unwrap_or("")
            .starts_with("WON: ")
    );
}

#[tokio::test]
async fn users_of_two_instances_sign_one_action_and_both_show_the_same_totals() {
    let (beta, beta_owner) = host("beta.test").await;
    let alpha = Instance::start("alpha.test").await;
    let ada = member(&alpha, "ada").await;
    let ben = member(&beta, "ben").await;
    let created = create(&beta, &beta_owner, petition(|_| {})).await;
    let id = created["id"].as_str().expect("id").to_owned();
    let ap_id = created["ap_id"].as_str().expect("ap id").to_owned();

    // Ada follows the organization on beta, so alpha hears about progress.
    let (status, _) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/follows",
        Some(&ada),
        Some(json!({"handle": beta.handle("climate_now")})),
    )
    .await;
    assert_eq!(status, 202);
    settle(&[&alpha, &beta]).await;

    // An edit alpha receives: the count Updates that follow must still count as newer there.
    let (status, _) = api(
        &beta,
        reqwest::Method::PUT,
        &format!("/api/v1/orgs/climate_now/actions/{id}"),
        Some(&beta_owner),
        Some(petition(|p| {
            p["title"] = json!("Stop the eviction of 12 Rue Jangot (updated)")
        })),
    )
    .await;
    assert_eq!(status, 200);

    settle(&[&alpha, &beta]).await;

    let (status, _) = sign(&beta, &ben, &id, json!({})).await;
    assert_eq!(status, 201);
    // Answering the action as if it were an event is refused before anything is sent.
    let (status, body) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/rsvps",
        Some(&ada),
        Some(json!({"event": ap_id, "state": "going"})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    settle(&[&alpha, &beta]).await;
    assert_eq!(show(&beta, &id).await["progress"], 1, "no Join went out");
    let (status, mine) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/participations",
        Some(&ada),
        Some(
            json!({"action": ap_id, "comment": "From alpha with love", "consent_to_contact": true}),
        ),
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["state"], "pending");
    settle(&[&alpha, &beta]).await;
    let (_, mine) = api(
        &alpha,
        reqwest::Method::GET,
        "/api/v1/participations",
        Some(&ada),
        None,
    )
    .await;
    let mine = mine.as_array().expect("a list");
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(
        (&mine[0]["action"], &mine[0]["state"], &mine[0]["remote"]),
        (&json!(ap_id), &json!("accepted"), &json!(true))
    );

    let shown = show(&beta, &id).await;
    assert_eq!(shown["progress"], 2);
    let mut per_instance: Vec<(String, i64)> = shown["progress_by_instance"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            (
                c["instance"].as_str().unwrap_or("").to_owned(),
                c["count"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    per_instance.sort();
    assert_eq!(
        per_instance,
        vec![
            (format!("alpha.test:{}", alpha.port), 1),
            (format!("beta.test:{}", beta.port), 1)
        ]
    );
    let (_, list) = api(
        &beta,
        reqwest::Method::GET,
        &format!("/api/v1/actions/{id}/participations"),
        Some(&beta_owner),
        None,
    )
    .await;
    let from_alpha = list
        .as_array()
        .expect("a list")
        .iter()
        .find(|p| p["via"] == "join")
        .cloned()
        .expect("ada");
    assert_eq!(
        (
            from_alpha["comment"].clone(),
            from_alpha["consent_to_contact"].clone()
        ),
        (json!("From alpha with love"), json!(true))
    );

    // The coalesced Update carries the totals to alpha, which shows the host's numbers.
    let urls = beta.state.federation.urls().clone();
    assert_eq!(
        publish_pending_counts(&beta.state.store, &urls)
            .await
            .expect("counts"),
        1
    );
    settle(&[&alpha, &beta]).await;
    let (_, timeline) = api(
        &alpha,
        reqwest::Method::GET,
        "/api/v1/timeline",
        Some(&ada),
        None,
    )
    .await;
    let item = timeline
        .as_array()
        .expect("a list")
        .iter()
        .find(|i| i["id"] == ap_id.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("the action reached alpha: {timeline}"));
    assert!(
        item["summary"]
            .as_str()
            .unwrap_or("")
            .contains("2 of 100 signatures"),
        "{item}"
    );

    // Ada withdraws from home: one Leave, one fewer.
    let (status, _) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/participations",
        Some(&ada),
        Some(json!({"action": ap_id, "withdraw": true})),
    )
    .await;
    assert_eq!(status, 200);
    settle(&[&alpha, &beta]).await;
    assert_eq!(show(&beta, &id).await["progress"], 1);
}

#[tokio::test]
async fn a_poll_vote_after_a_join_keeps_the_comment_and_consent() {
    use solidarity::db::NewParticipation;
    let (alpha, token) = host("alpha.test").await;
    let created = create(&alpha, &token, petition(|_| {})).await;
    let id = created["id"].as_str().expect("id").to_owned();
    let store = &alpha.state.store;
    let participation =
        |via: &'static str, comment: Option<&'static str>, consent: Option<bool>| {
            NewParticipation {
                action_id: &id,
                participant: "http://fake.test:1/users/ann",
                host: "fake.test:1",
                via,
                name: None,
                default_name: "Ann",
                comment,
                consent_to_contact: consent,
                activity_ap_id: None,
            }
        };
    assert!(
        store
            .add_participation(
                &participation("join", Some("Count me in"), Some(true)),
                None
            )
            .await
            .expect("stored")
    );
    assert!(
        !store
            .add_participation(&participation("poll", None, None), None)
            .await
            .expect("stored")
    );
    let list = store.participations(&id).await.expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].comment.as_str(), list[0].consent_to_contact),
        ("Count me in", 1)
    );
}
