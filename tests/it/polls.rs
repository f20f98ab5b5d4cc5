//! Taking part from Mastodon: a reply to one of our events or actions earns its author a private
//! poll; their vote is their RSVP or signature, counted once and changeable; nobody else's vote
//! on it counts; and the totals reach a sibling instance alike.

use crate::common::coop::{AS, api, host, member, post, received};
use crate::common::fake_remote::{FakeActor, FakeRemote};
use crate::common::network::{Instance, settle};
use serde_json::{Value, json};
use solidarity::service::counts::publish_pending_counts;
use solidarity::service::polls::{NOT_NOW, TAKE_PART};

/// A Mastodon-style reply of `actor` to `object`, mentioning the organization.
fn reply(actor: &FakeActor, object: &str, org: &str, n: &str) -> Value {
    json!({
        "@context": AS, "id": actor.url(&format!("statuses/{n}/activity")), "type": "Create",
        "actor": actor.id, "to": [org],
        "object": {"id": actor.url(&format!("statuses/{n}")), "type": "Note",
                   "attributedTo": actor.id, "inReplyTo": object, "to": [org],
                   "content": "<p>@climate_now count me in</p>",
                   "tag": [{"type": "Mention", "href": org, "name": "@climate_now"}]}
    })
}

/// A Mastodon poll vote: a Note with the option's name, in reply to the poll.
fn vote(actor: &FakeActor, poll: &str, org: &str, choice: &str, n: &str) -> Value {
    json!({
        "@context": AS, "id": actor.url(&format!("votes/{n}/activity")), "type": "Create",
        "actor": actor.id, "to": org,
        "object": {"id": actor.url(&format!("#votes/{n}")), "type": "Note", "name": choice,
                   "attributedTo": actor.id, "to": org, "inReplyTo": poll}
    })
}

fn polls_to(fake: &FakeRemote, actor: &FakeActor) -> Vec<Value> {
    received(fake, "Create")
        .into_iter()
        .filter(|c| c["object"]["type"] == "Question" && c["object"]["to"] == json!([actor.id]))
        .map(|c| c["object"].clone())
        .collect()
}

async fn deliver_all(instance: &Instance, actor: &FakeActor, activities: &[Value]) {
    for activity in activities {
        assert_eq!(post(instance, actor, activity).await, 202, "{activity}");
    }
    settle(&[instance]).await;
}

#[tokio::test]
async fn a_reply_to_an_event_earns_a_private_poll_whose_vote_is_the_rsvp() {
    let (alpha, token) = host("alpha.test").await;
    let org = format!("{}/actors/climate_now", alpha.base());
    let fake = FakeRemote::start(&["masto", "eve"]).await;
    let (masto, eve) = (fake.actor("masto"), fake.actor("eve"));
    let start = chrono::Utc::now() + chrono::Duration::days(3);
    let (_, event) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&token),
        Some(json!({
        "title": "Tenants' assembly", "starts_at": start.format("%Y-%m-%dT18:00").to_string(),
        "ends_at": start.format("%Y-%m-%dT20:00").to_string(), "timezone": "Europe/Lisbon",
        "capacity": 10})),
    )
    .await;
    let event_id = event["ap_id"].as_str().expect("an event").to_owned();

    deliver_all(
        &alpha,
        &masto,
        &[
            reply(&masto, &event_id, &org, "1"),
            reply(&masto, &event_id, &org, "2"),
        ],
    )
    .await;
    let polls = polls_to(&fake, &masto);
    assert_eq!(polls.len(), 1, "one poll per person and event");
    let poll = &polls[0];
    let options: Vec<&str> = poll["oneOf"]
        .as_array()
        .expect("options")
        .iter()
        .filter_map(|o| o["name"].as_str())
        .collect();
    assert_eq!(options, ["Going", "Maybe", "Can't go"]);
    assert_eq!(
        poll["tag"][0]["href"],
        masto.id.as_str(),
        "addressed to them alone, as a mention"
    );
    assert!(
        poll["content"]
            .as_str()
            .unwrap_or("")
            .contains("Tenants&#39; assembly: will you come?")
    );
    let poll_id = poll["id"].as_str().expect("a poll id").to_owned();

    let show = || async {
        api(
            &alpha,
            reqwest::Method::GET,
            &format!("/api/v1/events/{}", event["id"].as_str().expect("id")),
            None,
            None,
        )
        .await
        .1
    };
    deliver_all(
        &alpha,
        &masto,
        &[vote(&masto, &poll_id, &org, "Going", "1")],
    )
    .await;
    let shown = show().await;
    assert_eq!(shown["going"], 1);
    assert_eq!(
        shown["going_by_instance"][0]["instance"],
        masto.id.authority()
    );
    // The vote can change, and moves the counts.
    deliver_all(
        &alpha,
        &masto,
        &[vote(&masto, &poll_id, &org, "Maybe", "2")],
    )
    .await;
    let shown = show().await;
    assert_eq!(
        (shown["going"].clone(), shown["maybe"].clone()),
        (json!(0), json!(1))
    );
    // Someone else's vote on Masto's poll does not count.
    deliver_all(&alpha, &eve, &[vote(&eve, &poll_id, &org, "Going", "3")]).await;
    assert_eq!(show().await["going"], 0);
    let (_, list) = api(
        &alpha,
        reqwest::Method::GET,
        &format!("/api/v1/events/{}/rsvps", event["id"].as_str().expect("id")),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(list[0]["via"], "poll");

    // The poll's id answers, without saying who received it; the Create that carried it does not.
    let served: Value = reqwest::Client::new()
        .get(poll_id.replace(
            &format!("alpha.test:{}", alpha.port),
            &format!("127.0.0.1:{}", alpha.port),
        ))
        .header("accept", "application/activity+json")
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    assert_eq!(served["type"], "Question");
    assert!(
        served.get("to").is_none() && served.get("tag").is_none(),
        "{served}"
    );
    let create_id = received(&fake, "Create")
        .into_iter()
        .find(|c| c["object"]["id"] == poll_id.as_str())
        .expect("the Create")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let status = reqwest::Client::new()
        .get(create_id.replace(
            &format!("alpha.test:{}", alpha.port),
            &format!("127.0.0.1:{}", alpha.port),
        ))
        .header("accept", "application/activity+json")
        .send()
        .await
        .expect("answers")
        .status();
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_mastodon_vote_signs_a_sibling_instances_action_and_both_show_the_same_totals() {
    let (beta, owner) = host("beta.test").await;
    let alpha = Instance::start("alpha.test").await;
    let fake = FakeRemote::start(&["masto"]).await;
    let masto = fake.actor("masto");
    let org = format!("{}/actors/climate_now", beta.base());
    let ada = member(&alpha, "ada").await;
    let ben = member(&beta, "ben").await;
    let (_, action) = api(
        &beta,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&owner),
        Some(json!({"kind": "petition", "title": "Stop the eviction", "goal": 100})),
    )
    .await;
    let (id, ap_id) = (
        action["id"].as_str().expect("id").to_owned(),
        action["ap_id"].as_str().expect("ap id").to_owned(),
    );
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

    // A user of beta signs here, a user of alpha from home, a Mastodon user by poll.
    api(
        &beta,
        reqwest::Method::POST,
        &format!("/api/v1/actions/{id}/participations"),
        Some(&ben),
        Some(json!({})),
    )
    .await;
    api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/participations",
        Some(&ada),
        Some(json!({"action": ap_id})),
    )
    .await;
    settle(&[&alpha, &beta]).await;
    deliver_all(&beta, &masto, &[reply(&masto, &ap_id, &org, "1")]).await;
    let poll = polls_to(&fake, &masto).pop().expect("a poll");
    let options: Vec<&str> = poll["oneOf"]
        .as_array()
        .expect("options")
        .iter()
        .filter_map(|o| o["name"].as_str())
        .collect();
    assert_eq!(options, [TAKE_PART, NOT_NOW]);
    let poll_id = poll["id"].as_str().expect("id").to_owned();
    deliver_all(
        &beta,
        &masto,
        &[
            vote(&masto, &poll_id, &org, TAKE_PART, "1"),
            vote(&masto, &poll_id, &org, TAKE_PART, "2"),
        ],
    )
    .await;

    let (_, shown) = api(
        &beta,
        reqwest::Method::GET,
        &format!("/api/v1/actions/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(shown["progress"], 3, "three people, each once: {shown}");
    assert_eq!(
        shown["progress_by_instance"].as_array().map(Vec::len),
        Some(3)
    );

    let urls = beta.state.federation.urls().clone();
    publish_pending_counts(&beta.state.store, &urls)
        .await
        .expect("counts");
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
        .expect("the action on alpha");
    assert!(
        item["summary"]
            .as_str()
            .unwrap_or("")
            .contains("3 of 100 signatures"),
        "{item}"
    );

    // "Not now" takes the signature back.
    deliver_all(&beta, &masto, &[vote(&masto, &poll_id, &org, NOT_NOW, "3")]).await;
    let (_, shown) = api(
        &beta,
        reqwest::Method::GET,
        &format!("/api/v1/actions/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(shown["progress"], 2);

    // Once the action is closed, the still-open poll counts nothing more.
    let (status, _) = api(
        &beta,
        reqwest::Method::PUT,
        &format!("/api/v1/orgs/climate_now/actions/{id}"),
        Some(&owner),
        Some(json!({"kind": "petition", "title": "Stop the eviction", "goal": 100, "status": "closed"})),
    )
    .await;
    assert_eq!(status, 200);
    deliver_all(
        &beta,
        &masto,
        &[vote(&masto, &poll_id, &org, TAKE_PART, "4")],
    )
    .await;
    let (_, shown) = api(
        &beta,
        reqwest::Method::GET,
        &format!("/api/v1/actions/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(shown["progress"], 2, "a closed action takes no votes");
}
