//! Deleting a campaign: its followers receive `Delete` of its actor, every address of it answers
//! 410 Gone, new Follows are ignored, and its handle is never given to anyone else.

use crate::common::coop::{AS, api, host, member, post, received};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::settle;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_deleted_campaign_tells_its_followers_and_answers_gone() {
    let (alpha, alice) = host("alpha.test").await;
    let bob = member(&alpha, "bob").await;
    let (_, campaign) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "end_evictions", "title": "End evictions"})),
    )
    .await;
    let fake = FakeRemote::start(&["masto", "late"]).await;
    let masto = fake.actor("masto");
    let follow = json!({"@context": AS, "id": masto.url("follows/1"), "type": "Follow",
        "actor": masto.id, "object": campaign["ap_id"]});
    post(&alpha, &masto, &follow).await;
    settle(&[&alpha]).await;

    // An organization elsewhere invited just before: the Invite has not gone out yet.
    let elsewhere = FakeRemote::start_as("gamma.test", &["union"]).await;
    elsewhere.set_group("union");
    let (status, body) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/cohosts",
        Some(&alice),
        Some(json!({"organization": elsewhere.actor_id("union")})),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let (status, _) = api(
        &alpha,
        Method::DELETE,
        "/api/v1/campaigns/end_evictions",
        Some(&bob),
        None,
    )
    .await;
    assert_eq!(
        status, 403,
        "only its organization's owners and admins delete it"
    );
    let (status, body) = api(
        &alpha,
        Method::DELETE,
        "/api/v1/campaigns/end_evictions",
        Some(&alice),
        None,
    )
    .await;
    assert_eq!(status, 204, "{body}");
    settle(&[&alpha]).await;
    let deletes = received(&fake, "Delete");
    assert_eq!(deletes.len(), 1);
    assert_eq!(
        (deletes[0]["actor"].clone(), deletes[0]["object"].clone()),
        (campaign["ap_id"].clone(), campaign["ap_id"].clone())
    );

    // The invited organization hears of the deletion, and never receives the stale Invite.
    let told: Vec<String> = elsewhere
        .posted()
        .iter()
        .map(|p| p["type"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(told, vec!["Delete".to_owned()]);

    let get = |path: String, accept: &'static str| async move {
        reqwest::Client::new()
            .get(format!("http://127.0.0.1:{}{path}", alpha.port))
            .header("accept", accept)
            .send()
            .await
            .expect("answers")
            .status()
            .as_u16()
    };
    assert_eq!(
        get(
            "/actors/end_evictions".to_owned(),
            "application/activity+json"
        )
        .await,
        410
    );
    assert_eq!(get("/@end_evictions".to_owned(), "text/html").await, 410);
    let resource = format!(
        "/.well-known/webfinger?resource=acct:end_evictions@alpha.test:{}",
        alpha.port
    );
    assert_eq!(get(resource, "application/jrd+json").await, 410);
    let (status, _) = api(
        &alpha,
        Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    assert_eq!(status, 404);
    let (_, list) = api(
        &alpha,
        Method::GET,
        "/api/v1/orgs/climate_now/campaigns",
        None,
        None,
    )
    .await;
    assert_eq!(list, json!([]));

    // A Follow that arrives late is not accepted, and the handle stays taken.
    let late = fake.actor("late");
    let follow = json!({"@context": AS, "id": late.url("follows/1"), "type": "Follow",
        "actor": late.id, "object": campaign["ap_id"]});
    post(&alpha, &late, &follow).await;
    settle(&[&alpha]).await;
    assert_eq!(
        received(&fake, "Accept").len(),
        1,
        "only the first follower was ever accepted"
    );
    let (status, _) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "end_evictions", "title": "Someone else"})),
    )
    .await;
    assert_eq!(status, 409);
}
