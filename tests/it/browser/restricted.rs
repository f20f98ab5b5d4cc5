//! A restricted event: a person asks to join in the browser, and an organizer approves the
//! request from the event's participant page.

use super::Browser;
use crate::common::coop::{api, host};
use crate::common::seed;
use serde_json::json;

#[tokio::test]
async fn an_organizer_approves_a_request_to_join_a_restricted_event() {
    let (alpha, token) = host("alpha.test").await;
    let start = chrono::Utc::now() + chrono::Duration::days(9);
    let event = json!({"title": "Strategy meeting", "join_mode": "restricted",
        "starts_at": start.to_rfc3339(), "ends_at": (start + chrono::Duration::hours(2)).to_rfc3339()});
    let (status, event) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&token),
        Some(event),
    )
    .await;
    assert_eq!(status, 201, "{event}");
    let path = format!("/events/{}", event["id"].as_str().expect("id"));
    seed::user(&alpha.state.store, "rosa").await;
    let base = alpha.base();
    let mut browser = Browser::start("restricted", 1280).await;

    browser.sign_in(&base, "rosa", &path, "participant").await;
    browser.submit("#send-answer", "asked").await;
    assert!(browser.text("#answer").await.contains("asked to join"));
    browser.submit("#sign-out", "participant-out").await;

    browser.sign_in(&base, "alice", &path, "organizer").await;
    browser.submit("#participants-link", "requests").await;
    assert!(browser.text("#answers").await.contains("asks to join"));
    browser.submit("#answers .approve", "approved").await;
    let answers = browser.text("#answers").await;
    assert!(answers.contains("/actors/rosa · going"), "{answers}");
    browser.close().await;
}
