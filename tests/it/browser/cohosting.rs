//! Two organizations share a campaign in the browser: the campaign's owner invites the other to
//! co-host from the campaign's page and proposes one of its actions; the other organization's
//! owner finds both on its invitations page, lets the campaign include the action and accepts
//! to co-host; the campaign's page then shows both.

use super::Browser;
use crate::common::coop::{api, host, member};
use crate::common::seed;
use serde_json::json;

#[tokio::test]
async fn an_organization_accepts_to_cohost_and_to_have_its_action_included() {
    let (alpha, token) = host("alpha.test").await;
    let rosa = member(&alpha, "rosa").await;
    seed::organization(&alpha.state.store, "tenants_union", "rosa").await;
    let (status, campaign) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&token),
        Some(json!({"handle": "homes_for_all", "title": "Homes for all"})),
    )
    .await;
    assert_eq!(status, 201, "{campaign}");
    let (status, action) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/tenants_union/actions",
        Some(&rosa),
        Some(crate::actions::petition(|_| {})),
    )
    .await;
    assert_eq!(status, 201, "{action}");
    let (status, second) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/tenants_union/actions",
        Some(&rosa),
        Some(crate::actions::petition(|p| {
            p["title"] = json!("Freeze the rents");
        })),
    )
    .await;
    assert_eq!(status, 201, "{second}");
    let base = alpha.base();
    let mut browser = Browser::start("cohosting", 1280).await;

    browser
        .sign_in(&base, "alice", "/@homes_for_all", "campaign")
        .await;
    browser.fill("cohost-organization", "tenants_union").await;
    browser.submit("#invite-cohost", "invited").await;
    assert!(
        browser
            .text("#cohosts-waiting")
            .await
            .contains("tenants_union")
    );
    browser
        .fill("item-object", action["ap_id"].as_str().expect("ap_id"))
        .await;
    browser.submit("#add-item", "proposed").await;
    browser
        .fill("item-object", second["ap_id"].as_str().expect("ap_id"))
        .await;
    browser.submit("#add-item", "second-proposed").await;
    assert!(
        !browser.text("main").await.contains("Stop the eviction"),
        "another organization's action waits for its consent"
    );
    browser.submit("#sign-out", "alice-out").await;

    browser
        .sign_in(&base, "rosa", "/@tenants_union", "tenants-union")
        .await;
    browser.submit("#invitations-link", "invitations").await;
    assert!(
        browser
            .text("#item-requests")
            .await
            .contains("Homes for all")
    );
    // The second proposal is declined, the first accepted.
    browser.submit("#decline-2", "declined").await;
    assert!(
        !browser
            .text("#item-requests")
            .await
            .contains("Freeze the rents")
    );
    browser.submit("#include-1", "included").await;
    assert!(
        !browser.text("main").await.contains("Let it include this"),
        "answered: no longer asked"
    );
    assert!(browser.text("#cohosting").await.contains("homes_for_all"));
    browser.submit("#cohost-1", "cohosting").await;
    assert!(browser.text("#cohosting").await.contains("co-hosting"));

    browser
        .visit(&format!("{base}/@homes_for_all"), "campaign-shared")
        .await;
    let page = browser.text("main").await;
    assert!(page.contains("Stop the eviction"), "{page}");
    assert!(!page.contains("Freeze the rents"), "{page}");
    assert!(page.contains("tenants_union"), "{page}");
    browser.close().await;
}
