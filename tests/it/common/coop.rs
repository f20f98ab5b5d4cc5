//! A co-op instance as the API-level tests drive it: an organization and its owner's token,
//! members, JSON API calls, and a fake remote's actors delivering to the shared inbox.

use super::fake_remote::{FakeActor, FakeRemote, deliver};
use super::network::{Instance, settle};
use super::seed;
use serde_json::{Value, json};

pub const AS: &str = "https://www.w3.org/ns/activitystreams";

/// An instance with the organization `climate_now` owned by `alice`; alice's token.
pub async fn host(name: &str) -> (Instance, String) {
    let instance = Instance::start(name).await;
    seed::user(&instance.state.store, "alice").await;
    seed::organization(&instance.state.store, "climate_now", "alice").await;
    let token = seed::token(&instance.state.store, "alice").await;
    (instance, token)
}

/// A local user with a token.
pub async fn member(instance: &Instance, name: &str) -> String {
    seed::user(&instance.state.store, name).await;
    seed::token(&instance.state.store, name).await
}

pub async fn api(
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

/// Signs `body` as `actor` and delivers it to the shared inbox; the status.
pub async fn post(instance: &Instance, actor: &FakeActor, body: &Value) -> u16 {
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
pub async fn follows_organization(instance: &Instance, fake: &FakeRemote, name: &str) {
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
pub fn received(fake: &FakeRemote, kind: &str) -> Vec<Value> {
    fake.posted()
        .into_iter()
        .filter(|posted| posted["type"] == kind)
        .collect()
}
