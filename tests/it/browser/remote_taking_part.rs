//! A visitor whose account is on another co-op's instance signs an action and answers an event
//! from their pages here: they type their address, confirm on their own server (FEP-3b86 `Join`
//! intent), and the signature counts here once the `Join` arrives.

use super::Browser;
use crate::common::coop::{api, host};
use crate::common::network::{Instance, settle};
use crate::common::seed::{self, PASSWORD};
use serde_json::json;

#[tokio::test]
async fn a_visitor_signs_an_action_and_answers_an_event_from_their_own_server() {
    let (alpha, token) = host("alpha.test").await;
    let (status, action) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&token),
        Some(crate::actions::petition(|_| {})),
    )
    .await;
    assert_eq!(status, 201, "{action}");
    let start = chrono::Utc::now() + chrono::Duration::days(9);
    let (status, event) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&token),
        Some(json!({"title": "Neighbourhood assembly",
            "starts_at": start.to_rfc3339(),
            "ends_at": (start + chrono::Duration::hours(2)).to_rfc3339()})),
    )
    .await;
    assert_eq!(status, 201, "{event}");
    let beta = Instance::start("beta.test").await;
    seed::user(&beta.state.store, "rosa").await;
    let rosa = format!("rosa@beta.test:{}", beta.port);
    let mut browser = Browser::start("remote-taking-part", 1280).await;

    let action_url = action["ap_id"].as_str().expect("an id").to_owned();
    browser.visit(&action_url, "action").await;
    browser.fill("your-address", &rosa).await;
    browser.submit("#from-home", "continue").await;
    assert!(
        browser
            .text("main")
            .await
            .contains("will ask you to confirm"),
        "a server that advertises Join is sent straight to its confirmation"
    );
    browser.submit("#continue", "sign-in-at-home").await;
    let here = browser.client.current_url().await.expect("a URL");
    assert_eq!(here.host_str(), Some("beta.test"), "{here}");
    browser.fill("handle", "rosa").await;
    browser.fill("password", PASSWORD).await;
    browser
        .submit("form[action='/login'] button", "confirm-signature")
        .await;
    assert_eq!(browser.path().await, "/authorize_interaction");
    let target = browser.text("#follow-target").await;
    assert!(
        target.contains("@climate_now@alpha.test"),
        "names the host organization: {target}"
    );
    browser.fill("comment", "From beta").await;
    browser.by_id("consent").await.click().await.expect("ticks");
    browser.submit("#confirm-follow", "my-actions").await;
    assert_eq!(browser.path().await, "/my/actions");
    assert!(browser.text("#my-actions").await.contains(&action_url));

    settle(&[&alpha, &beta]).await;
    let (_, participants) = api(
        &alpha,
        reqwest::Method::GET,
        &format!(
            "/api/v1/actions/{}/participations",
            action["id"].as_str().expect("id")
        ),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        participants.as_array().map(Vec::len),
        Some(1),
        "{participants}"
    );
    assert_eq!(participants[0]["comment"], "From beta", "{participants}");
    assert_eq!(participants[0]["consent_to_contact"], true);
    browser.visit(&action_url, "counted-on-alpha").await;
    assert!(
        browser.text("#progress").await.starts_with("1 / 100"),
        "{}",
        browser.text("#progress").await
    );

    // The event: the same way, an RSVP.
    let event_url = event["url"].as_str().expect("url").to_owned();
    browser.visit(&event_url, "event").await;
    browser.fill("your-address", &rosa).await;
    browser.submit("#from-home", "continue-rsvp").await;
    browser.submit("#continue", "confirm-rsvp").await;
    assert!(
        browser
            .text("#follow-target")
            .await
            .contains("Neighbourhood assembly")
    );
    browser.submit("#confirm-follow", "my-events").await;
    assert_eq!(browser.path().await, "/my/events");
    assert!(
        browser
            .text("#my-events-elsewhere")
            .await
            .contains(&event_url)
    );
    settle(&[&alpha, &beta]).await;
    browser.visit(&event_url, "going-on-alpha").await;
    assert!(
        browser.text("#going").await.starts_with('1'),
        "{}",
        browser.text("#going").await
    );
    browser.close().await;
}
