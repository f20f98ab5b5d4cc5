//! Instances federating over real HTTP on loopback: follow, accept, publish, update, delete,
//! undo; a sender restarted mid-fan-out; a receiver that is down and comes back.

use crate::common::network::{Instance, settle};
use crate::common::seed;
use serde_json::{Value, json};
use solidarity::db::FollowState;
use solidarity::domain::Handle;
use solidarity::service::tokens;

/// Creates a user and returns an API token for it.
async fn user_with_token(instance: &Instance, name: &str) -> String {
    seed::user(&instance.state.store, name).await;
    seed::token(&instance.state.store, name).await
}

/// An organization `climate_now` owned by `alice`; returns alice's token.
async fn organization(instance: &Instance) -> String {
    let token = user_with_token(instance, "alice").await;
    seed::organization(&instance.state.store, "climate_now", "alice").await;
    token
}

/// The JSON API as `token`'s user (see `common::coop::api`).
async fn api(
    instance: &Instance,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (u16, Value) {
    crate::common::coop::api(instance, method, path, Some(token), body).await
}

async fn follow(follower: &Instance, token: &str, handle: &str) {
    let (status, body) = api(
        follower,
        reqwest::Method::POST,
        "/api/v1/follows",
        token,
        Some(json!({ "handle": handle })),
    )
    .await;
    assert_eq!(status, 202, "{body}");
}

async fn publish(instance: &Instance, token: &str, text: &str) -> Value {
    let (status, body) = api(
        instance,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/notes",
        token,
        Some(json!({ "content": text })),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

async fn timeline(instance: &Instance, token: &str) -> Vec<Value> {
    let (status, body) = api(
        instance,
        reqwest::Method::GET,
        "/api/v1/timeline",
        token,
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body.as_array().expect("a list").clone()
}

async fn followers(instance: &Instance, token: &str) -> Vec<Value> {
    let (status, body) = api(
        instance,
        reqwest::Method::GET,
        "/api/v1/orgs/climate_now/followers",
        token,
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["followers"].as_array().expect("a list").clone()
}

#[tokio::test]
async fn follow_accept_publish_update_delete_and_undo_across_instances() {
    let alpha = Instance::start("alpha.test").await;
    let beta = Instance::start("beta.test").await;
    let alice = organization(&alpha).await;
    let bob = user_with_token(&beta, "bob").await;

    follow(&beta, &bob, &alpha.handle("climate_now")).await;
    settle(&[&alpha, &beta]).await;
    let bob_id = format!("{}/actors/bob", beta.base());
    assert_eq!(
        followers(&alpha, &alice).await,
        vec![Value::from(bob_id.clone())]
    );
    let org_on_beta = beta
        .state
        .store
        .remote_actor_by_ap_id(&format!("{}/actors/climate_now", alpha.base()))
        .await
        .expect("beta stored the org");
    let bob_local = beta
        .state
        .store
        .user_by_handle(&Handle::parse("bob").expect("valid"))
        .await
        .expect("bob");
    assert_eq!(
        beta.state
            .store
            .following_state(bob_local.actor_id, org_on_beta.id)
            .await
            .expect("state"),
        Some(FollowState::Accepted),
        "alpha's Accept reached beta"
    );

    let note = publish(&alpha, &alice, "Climate strike on Friday").await;
    let report = settle(&[&alpha, &beta]).await;
    assert_eq!(report.failed, 0);
    let entries = timeline(&beta, &bob).await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["id"], note["ap_id"]);
    assert_eq!(
        entries[0]["content_html"],
        "<p>Climate strike on Friday</p>"
    );

    let id = note["id"].as_str().expect("id");
    let (status, _) = api(
        &alpha,
        reqwest::Method::PUT,
        &format!("/api/v1/orgs/climate_now/notes/{id}"),
        &alice,
        Some(json!({"content": "Climate strike on Saturday"})),
    )
    .await;
    assert_eq!(status, 200);
    settle(&[&alpha, &beta]).await;
    let entries = timeline(&beta, &bob).await;
    assert_eq!(
        entries[0]["content_html"],
        "<p>Climate strike on Saturday</p>"
    );

    let (status, _) = api(
        &alpha,
        reqwest::Method::DELETE,
        &format!("/api/v1/orgs/climate_now/notes/{id}"),
        &alice,
        None,
    )
    .await;
    assert_eq!(status, 204);
    settle(&[&alpha, &beta]).await;
    assert!(
        timeline(&beta, &bob).await.is_empty(),
        "the Delete reached beta"
    );

    let (status, body) = api(
        &beta,
        reqwest::Method::DELETE,
        "/api/v1/follows",
        &bob,
        Some(json!({"handle": alpha.handle("climate_now")})),
    )
    .await;
    assert_eq!(status, 204, "{body}");
    settle(&[&alpha, &beta]).await;
    assert!(
        followers(&alpha, &alice).await.is_empty(),
        "the Undo reached alpha"
    );

    publish(&alpha, &alice, "Nobody follows us now").await;
    let report = settle(&[&alpha, &beta]).await;
    assert_eq!(report.claimed, 0, "no deliveries without followers");
}

#[tokio::test]
async fn a_sender_restarted_mid_fan_out_loses_nothing_and_duplicates_nothing() {
    let alpha = Instance::start("alpha.test").await;
    let beta = Instance::start("beta.test").await;
    let gamma = Instance::start("gamma.test").await;
    let alice = organization(&alpha).await;
    let bob = user_with_token(&beta, "bob").await;
    let carol = user_with_token(&gamma, "carol").await;
    follow(&beta, &bob, &alpha.handle("climate_now")).await;
    follow(&gamma, &carol, &alpha.handle("climate_now")).await;
    settle(&[&alpha, &beta, &gamma]).await;

    for n in 0..3 {
        publish(&alpha, &alice, &format!("Update {n}")).await;
    }
    // One delivery goes out, then the process dies holding leases on the others.
    let now = solidarity::db::now_millis();
    let claimed = alpha
        .state
        .store
        .claim_deliveries(now, now + 60_000, 100, 0)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 6, "3 notes to 2 instances");
    let alpha = alpha.restart().await;
    let report = alpha
        .delivery()
        .run_once_at(now + 60_001)
        .await
        .expect("round");
    if report.delivered != 6 {
        let pool = sqlx::AnyPool::connect(alpha.db.url.expose())
            .await
            .expect("connect");
        let errors: Vec<(String, Option<String>)> =
            sqlx::query_as("SELECT inbox, last_error FROM deliveries")
                .fetch_all(&pool)
                .await
                .expect("q");
        eprintln!("{errors:?}");
    }
    assert_eq!(
        (report.claimed, report.delivered),
        (6, 6),
        "the lapsed leases are delivered after the restart"
    );
    settle(&[&alpha, &beta, &gamma]).await;
    for (instance, token) in [(&beta, &bob), (&gamma, &carol)] {
        let mut texts: Vec<String> = timeline(instance, token)
            .await
            .iter()
            .map(|e| e["content_html"].as_str().unwrap_or_default().to_owned())
            .collect();
        texts.sort();
        assert_eq!(
            texts,
            ["<p>Update 0</p>", "<p>Update 1</p>", "<p>Update 2</p>"],
            "{}",
            instance.host
        );
    }
    // A delivery repeated after all (a crash after the POST, before the mark) has no second effect.
    let again = alpha
        .state
        .store
        .claim_deliveries(now + 120_000, now + 180_000, 100, 0)
        .await
        .expect("claim");
    assert!(again.is_empty(), "everything is marked delivered");
}

#[tokio::test]
async fn a_receiver_that_is_down_gets_everything_once_it_is_back() {
    let alpha = Instance::start("alpha.test").await;
    let mut beta = Instance::start("beta.test").await;
    let alice = organization(&alpha).await;
    let bob = user_with_token(&beta, "bob").await;
    follow(&beta, &bob, &alpha.handle("climate_now")).await;
    settle(&[&alpha, &beta]).await;

    beta.stop().await;
    publish(&alpha, &alice, "While you were away").await;
    let report = alpha.delivery().drain().await.expect("round");
    assert_eq!((report.delivered, report.retrying), (0, 1), "{report:?}");
    let queue = alpha.state.store.queue_stats().await.expect("stats");
    assert_eq!(queue[0].pending, 1);

    let beta = beta.restart().await;
    let later = solidarity::db::now_millis() + 61_000;
    let report = alpha.delivery().run_once_at(later).await.expect("round");
    assert_eq!(report.delivered, 1, "{report:?}");
    settle(&[&alpha, &beta]).await;
    let entries = timeline(&beta, &bob).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["content_html"], "<p>While you were away</p>");
}

#[tokio::test]
async fn authorized_fetch_serves_signed_gets_only() {
    let alpha = Instance::start_configured("alpha.test", |config| {
        config.federation.require_signed_fetch = true
    })
    .await;
    let beta = Instance::start("beta.test").await;
    organization(&alpha).await;
    let org = url::Url::parse(&format!("{}/actors/climate_now", alpha.base())).expect("url");

    let unsigned = reqwest::Client::new()
        .get(format!(
            "http://127.0.0.1:{}/actors/climate_now",
            alpha.port
        ))
        .header("Accept", "application/activity+json")
        .header("Host", format!("alpha.test:{}", alpha.port))
        .send()
        .await
        .expect("answers");
    assert_eq!(unsigned.status(), 401);

    // beta signs its GET as its instance actor; alpha fetches beta's key to check it.
    let fetched = beta.federation_fetch(&org).await;
    assert_eq!(fetched["id"], org.as_str());
    assert_eq!(fetched["type"], "Group");

    let instance_actor = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{}/actors/instance", alpha.port))
        .header("Accept", "application/activity+json")
        .send()
        .await
        .expect("answers");
    assert_eq!(
        instance_actor.status(),
        200,
        "the instance actor stays readable"
    );
    let page = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{}/@climate_now", alpha.port))
        .header("Accept", "text/html")
        .send()
        .await
        .expect("answers");
    assert_eq!(page.status(), 200, "browsers are not asked for signatures");

    // And the whole follow flow works against a server in this mode.
    let alice_token =
        tokens::issue_token(&alpha.state.store, &Handle::parse("alice").expect("valid"))
            .await
            .expect("token")
            .secret;
    let bob = user_with_token(&beta, "bob").await;
    follow(&beta, &bob, &alpha.handle("climate_now")).await;
    settle(&[&alpha, &beta]).await;
    assert_eq!(followers(&alpha, &alice_token).await.len(), 1);
}

#[tokio::test]
async fn an_organization_approving_by_hand_accepts_one_and_rejects_another() {
    let alpha = Instance::start("alpha.test").await;
    let beta = Instance::start("beta.test").await;
    let alice = organization(&alpha).await;
    let (status, _) = api(
        &alpha,
        reqwest::Method::PUT,
        "/api/v1/orgs/climate_now/follower-approval",
        &alice,
        Some(json!({"manually_approves_followers": true})),
    )
    .await;
    assert_eq!(status, 200);
    let org = beta
        .federation_fetch(
            &url::Url::parse(&format!("{}/actors/climate_now", alpha.base())).expect("url"),
        )
        .await;
    assert_eq!(
        org["manuallyApprovesFollowers"], true,
        "Mastodon shows a lock"
    );

    let bob = user_with_token(&beta, "bob").await;
    let carol = user_with_token(&beta, "carol").await;
    follow(&beta, &bob, &alpha.handle("climate_now")).await;
    follow(&beta, &carol, &alpha.handle("climate_now")).await;
    settle(&[&alpha, &beta]).await;
    assert!(
        followers(&alpha, &alice).await.is_empty(),
        "nobody is in before a decision"
    );
    let (_, requests) = api(
        &alpha,
        reqwest::Method::GET,
        "/api/v1/orgs/climate_now/follow-requests",
        &alice,
        None,
    )
    .await;
    assert_eq!(requests.as_array().map(Vec::len), Some(2), "{requests}");

    let bob_id = format!("{}/actors/bob", beta.base());
    let carol_id = format!("{}/actors/carol", beta.base());
    let (status, _) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/follow-requests/accept",
        &alice,
        Some(json!({"actor": bob_id})),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/follow-requests/reject",
        &alice,
        Some(json!({"actor": carol_id})),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/follow-requests/reject",
        &alice,
        Some(json!({"actor": carol_id})),
    )
    .await;
    assert_eq!(status, 404, "a request is decided once");
    settle(&[&alpha, &beta]).await;

    assert_eq!(followers(&alpha, &alice).await, vec![Value::from(bob_id)]);
    let org_on_beta = beta
        .state
        .store
        .remote_actor_by_ap_id(&format!("{}/actors/climate_now", alpha.base()))
        .await
        .expect("stored");
    for (name, expected) in [
        ("bob", FollowState::Accepted),
        ("carol", FollowState::Rejected),
    ] {
        let user = beta
            .state
            .store
            .user_by_handle(&Handle::parse(name).expect("valid"))
            .await
            .expect("user");
        assert_eq!(
            beta.state
                .store
                .following_state(user.actor_id, org_on_beta.id)
                .await
                .expect("state"),
            Some(expected),
            "{name}"
        );
    }
}
