//! Events: published to followers in the shape Mobilizon and FEP-8a8e read, with a summary
//! Mastodon shows; invalid input refused by field; RSVPs in every dialect, with capacity, and
//! the counts that go out as coalesced Updates.

pub(crate) use crate::common::coop::{api, follows_organization, host, member, post, received};
use crate::common::network::Instance;
use serde_json::{Value, json};

mod across;
mod publish;
mod rsvp;

pub(crate) use crate::common::coop::AS;

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
