//! Events: published to followers in the shape Mobilizon and FEP-8a8e read, with a summary
//! Mastodon shows; invalid input refused by field; RSVPs in every dialect, with capacity, and
//! the counts that go out as coalesced Updates.

use crate::common::fake_remote::{FakeActor, FakeRemote, deliver};
use crate::common::network::{Instance, settle};
use crate::common::seed;
use serde_json::{Value, json};

mod across;
mod publish;
mod rsvp;

const AS: &str = "https://www.w3.org/ns/activitystreams";

/// An instance with the organization `climate_now` owned by `alice`; alice's token.
async fn host(name: &str) -> (Instance, String) {
    let instance = Instance::start(name).await;
    seed::user(&instance.state.store, "alice").await;
    seed::organization(&instance.state.store, "climate_now", "alice").await;
    let token = seed::token(&instance.state.store, "alice").await;
    (instance, token)
}

/// A local user with a token.
async fn member(instance: &Instance, name: &str) -> String {
    seed::user(&instance.state.store, name).await;
    seed::token(&instance.state.store, name).await
}

async fn api(
    instance: &Instance,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request =
        reqwest::Client::new().request(method, format!("http://127.0.0.1:{}{path}", instance.port));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("the API answers");
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A valid event in a week's time, changed by `tweak`.
fn event_input(tweak: impl FnOnce(&mut Value)) -> Value {
    let start = chrono::Utc::now() + chrono::Duration::days(7);
    let mut input = json!({
        "title": "Rent strike assembly",
        "description": "Bring your lease and your neighbours.",
        "body": "We meet in the **big hall**.",
        "starts_at": start.format("%Y-%m-%dT18:00").to_string(),
        "ends_at": start.format("%Y-%m-%dT20:00").to_string(),
        "timezone": "Europe/Paris",
        "place": {"name": "Town hall", "address": "1 Main St, Lyon", "latitude": 45.75, "longitude": 4.84},
        "capacity": 120,
        "category": "MOVEMENTS_POLITICS"
    });
    tweak(&mut input);
    input
}

/// Publishes an event as alice; the API's view of it.
async fn create_event(instance: &Instance, token: &str, input: Value) -> Value {
    let (status, body) = api(
        instance,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(token),
        Some(input),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

async fn show(instance: &Instance, id: &str) -> Value {
    let (status, body) = api(
        instance,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

/// Signs `body` as `actor` and delivers it to the shared inbox; the status.
async fn post(instance: &Instance, actor: &FakeActor, body: &Value) -> u16 {
    let authority = format!("{}:{}", instance.host, instance.port);
    let (status, answer) = deliver(
        instance.port,
        &actor.sign_cavage(&authority, "/inbox", body),
    )
    .await;
    assert!(status.is_success(), "{status} {answer}");
    status.as_u16()
}

/// The fake's actor follows the organization, and the Accept comes back.
async fn follows_organization(instance: &Instance, fake: &FakeRemote, name: &str) {
    let actor = fake.actor(name);
    let follow = json!({
        "@context": AS,
        "id": actor.url("follows/1"),
        "type": "Follow",
        "actor": actor.id,
        "object": format!("{}/actors/climate_now", instance.base()),
    });
    post(instance, &actor, &follow).await;
    settle(&[instance]).await;
    assert!(
        fake.posted().iter().any(|p| p["type"] == "Accept"),
        "the follow was accepted"
    );
}

/// What the fake received of `kind`, in order.
fn received(fake: &FakeRemote, kind: &str) -> Vec<Value> {
    fake.posted()
        .into_iter()
        .filter(|posted| posted["type"] == kind)
        .collect()
}
