//! A visitor whose account is on another co-op's instance follows an organization from its page
//! here: they type their address, confirm on their own server (after signing in there), and the
//! follow is accepted across the two instances.

use super::Browser;
use crate::common::coop::host;
use crate::common::network::{Instance, settle};
use crate::common::seed::{self, PASSWORD};

#[tokio::test]
async fn a_visitor_follows_an_organization_from_their_own_server() {
    let (alpha, token) = host("alpha.test").await;
    let beta = Instance::start("beta.test").await;
    seed::user(&beta.state.store, "rosa").await;
    let mut browser = Browser::start("remote-follow", 1280).await;

    browser
        .visit(&format!("{}/@climate_now", alpha.base()), "organization")
        .await;
    browser
        .fill("your-address", &format!("rosa@beta.test:{}", beta.port))
        .await;
    browser.submit("#from-home", "continue").await;
    assert!(
        browser
            .text("#continue")
            .await
            .contains(&format!("beta.test:{}", beta.port))
    );
    browser.submit("#continue", "sign-in-at-home").await;
    let here = browser.client.current_url().await.expect("a URL");
    assert_eq!(
        here.host_str(),
        Some("beta.test"),
        "sent to their own server: {here}"
    );
    assert_eq!(here.path(), "/login");
    browser.fill("handle", "rosa").await;
    browser.fill("password", PASSWORD).await;
    browser
        .submit("form[action='/login'] button", "confirm")
        .await;
    assert_eq!(browser.path().await, "/authorize_interaction");
    assert!(
        browser
            .text("#follow-target")
            .await
            .contains("@climate_now@alpha.test")
    );
    browser.submit("#confirm-follow", "pending").await;
    assert_eq!(browser.path().await, "/following");
    assert!(
        browser
            .text("#following")
            .await
            .contains("waiting for an answer")
    );

    settle(&[&alpha, &beta]).await;
    browser
        .visit(&format!("{}/following", beta.base()), "accepted")
        .await;
    let following = browser.text("#following").await;
    assert!(
        following.contains("climate_now@alpha.test") && following.contains("following"),
        "{following}"
    );
    assert!(!following.contains("waiting"), "{following}");

    // What the organization publishes now reaches the follower's timeline on the other server.
    let start = chrono::Utc::now() + chrono::Duration::days(5);
    let event = serde_json::json!({"title": "Tenants' assembly",
        "starts_at": start.to_rfc3339(), "ends_at": (start + chrono::Duration::hours(2)).to_rfc3339()});
    let (status, body) = crate::common::coop::api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&token),
        Some(event),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    settle(&[&alpha, &beta]).await;
    browser.submit("#nav-timeline", "timeline").await;
    let timeline = browser.text("#timeline").await;
    assert!(timeline.contains("Tenants' assembly"), "{timeline}");
    assert!(
        timeline.contains("@climate_now@alpha.test"),
        "the author is named, not only linked: {timeline}"
    );

    // Rosa reports the post; an administrator of her server forwards the report to alpha.
    browser.submit("#timeline .report", "report").await;
    browser.fill("report-comment", "Not a real assembly").await;
    browser.submit("#send-report", "reported").await;
    assert!(browser.text("#reported").await.contains("administrators"));
    browser.submit("#sign-out", "rosa-out").await;
    seed::admin(&beta.state.store, "ada").await;
    browser
        .sign_in(&beta.base(), "ada", "/admin", "beta-admin")
        .await;
    let waiting = browser.text("#sent-reports").await;
    assert!(
        waiting.contains("reported by @rosa") && waiting.contains("Not a real assembly"),
        "{waiting}"
    );
    browser
        .submit("#sent-reports button[value='forward']", "forwarded")
        .await;
    assert!(browser.text("main").await.contains("No report waits"));
    settle(&[&alpha, &beta]).await;
    let received = alpha.state.store.open_reports().await.expect("reports");
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].comment, "Not a real assembly");
    assert!(
        received[0]
            .objects
            .iter()
            .any(|id| id.ends_with("/actors/climate_now")),
        "{received:?}"
    );
    assert!(
        !received[0].reporter.contains("rosa"),
        "the reporter is not named: {}",
        received[0].reporter
    );
    browser.close().await;
}

#[tokio::test]
async fn a_server_without_a_follow_page_is_named_and_the_form_comes_back() {
    let (alpha, _token) = host("alpha.test").await;
    let mut browser = Browser::start("remote-follow-refused", 360).await;
    browser
        .visit(&format!("{}/@climate_now", alpha.base()), "organization")
        .await;
    browser.fill("your-address", "nobody@localhost:1").await;
    browser.submit("#from-home", "refused").await;
    assert_eq!(browser.path().await, "/interact");
    let problem = browser.text("#problem").await;
    assert!(
        problem
            .to_lowercase()
            .contains("localhost:1 did not answer"),
        "{problem}"
    );
    assert_eq!(
        browser
            .by_id("your-address")
            .await
            .prop("value")
            .await
            .expect("reads")
            .as_deref(),
        Some("nobody@localhost:1")
    );
    browser.close().await;
}
