//! People on one co-op's instance RSVPing to another co-op's event from home: the Join goes to
//! the host, the host counts it per instance, answers, and the count reaches the followers on
//! the other instance through the coalesced Update, so both show the same number.

use super::{api, create_event, event_input, host, member, show};
use crate::common::network::{Instance, settle};
use serde_json::{Value, json};
use solidarity::service::counts::publish_pending_counts;

async fn my_rsvps(instance: &Instance, token: &str) -> Vec<Value> {
    let (status, body) = api(
        instance,
        reqwest::Method::GET,
        "/api/v1/rsvps",
        Some(token),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body.as_array().expect("a list").clone()
}

#[tokio::test]
async fn a_user_of_a_sibling_instance_rsvps_from_home_and_both_show_the_same_count() {
    let (alpha, alice) = host("alpha.test").await;
    let beta = Instance::start("beta.test").await;
    let bob = member(&beta, "bob").await;
    let event = create_event(&alpha, &alice, event_input(|e| e["capacity"] = json!(2))).await;
    let event_id = event["ap_id"].as_str().expect("ap id").to_owned();

    // Bob follows the organization from beta, so beta hears about count changes.
    let (status, body) = api(
        &beta,
        reqwest::Method::POST,
        "/api/v1/follows",
        Some(&bob),
        Some(json!({"handle": alpha.handle("climate_now")})),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    settle(&[&alpha, &beta]).await;

    let (status, answer) = api(
        &beta,
        reqwest::Method::POST,
        "/api/v1/rsvps",
        Some(&bob),
        Some(json!({"event": event_id, "state": "going"})),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        (answer["state"].clone(), answer["remote"].clone()),
        (json!("pending"), json!(true))
    );
    settle(&[&alpha, &beta]).await;

    // The host counts Bob once, under his instance, and says so to beta.
    let shown = show(&alpha, event["id"].as_str().expect("id")).await;
    assert_eq!(shown["going"], 1);
    assert_eq!(
        shown["going_by_instance"],
        json!([{"instance": format!("beta.test:{}", beta.port), "count": 1}])
    );
    let mine = my_rsvps(&beta, &bob).await;
    assert_eq!(
        mine,
        vec![json!({"event": event_id, "state": "accepted", "remote": true})]
    );

    // A repeated Join replaces the first: still one place taken.
    api(
        &beta,
        reqwest::Method::POST,
        "/api/v1/rsvps",
        Some(&bob),
        Some(json!({"event": event_id, "state": "going"})),
    )
    .await;
    settle(&[&alpha, &beta]).await;
    assert_eq!(
        show(&alpha, event["id"].as_str().expect("id")).await["going"],
        1
    );

    // The coalesced Update reaches beta: Bob's timeline shows the host's count.
    let urls = alpha.state.federation.urls().clone();
    publish_pending_counts(&alpha.state.store, &urls)
        .await
        .expect("counts");
    settle(&[&alpha, &beta]).await;
    let (_, timeline) = api(
        &beta,
        reqwest::Method::GET,
        "/api/v1/timeline",
        Some(&bob),
        None,
    )
    .await;
    let item = timeline
        .as_array()
        .expect("a list")
        .iter()
        .find(|item| item["id"] == event_id.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("the event reached beta: {timeline}"));
    assert!(
        item["summary"].as_str().unwrap_or("").contains("1/2 going"),
        "{item}"
    );

    // Bob leaves from home; the host frees the place.
    let (status, left) = api(
        &beta,
        reqwest::Method::POST,
        "/api/v1/rsvps",
        Some(&bob),
        Some(json!({"event": event_id, "state": null})),
    )
    .await;
    assert_eq!(
        (status, left["state"].clone()),
        (200, Value::Null),
        "{left}"
    );
    settle(&[&alpha, &beta]).await;
    assert_eq!(
        show(&alpha, event["id"].as_str().expect("id")).await["going"],
        0
    );
    assert!(my_rsvps(&beta, &bob).await.is_empty());

    // "maybe" is for local events; a remote host takes a Join or a Leave.
    let (status, body) = api(
        &beta,
        reqwest::Method::POST,
        "/api/v1/rsvps",
        Some(&bob),
        Some(json!({"event": event_id, "state": "maybe"})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
}
