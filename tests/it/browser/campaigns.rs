//! An organizer starts a campaign in the browser, adds the organization's action to it by
//! pasting the action's address, and posts a dated update; visitors see all of it.

use super::Browser;
use crate::common::coop::{api, host};

#[tokio::test]
async fn an_organizer_starts_a_campaign_with_an_action_and_an_update() {
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
    let base = alpha.base();
    let mut browser = Browser::start("campaigns", 1280).await;
    browser
        .sign_in(&base, "alice", "/@climate_now", "organization")
        .await;

    browser.submit("#new-campaign", "new-campaign").await;
    browser.fill("handle", "climate_now").await;
    browser.fill("title", "Homes for all").await;
    browser
        .fill("demands", "A moratorium on evictions\nRent control")
        .await;
    browser.submit("#publish", "handle-taken").await;
    assert!(browser.text("#problem").await.contains("taken"));
    browser.fill("handle", "homes_for_all").await;
    browser.submit("#publish", "campaign").await;
    assert_eq!(browser.path().await, "/@homes_for_all");
    assert!(browser.text("main").await.contains("Rent control"));

    browser
        .fill("item-object", action["ap_id"].as_str().expect("ap_id"))
        .await;
    browser.submit("#add-item", "item-added").await;
    assert!(browser.text("main").await.contains("Stop the eviction"));
    browser
        .fill("update-text", "We met the **board** today.")
        .await;
    browser.submit("#post-update", "updated").await;
    assert!(
        browser
            .text("main")
            .await
            .contains("We met the board today.")
    );
    browser.fill("update-text", "A typo-ridden update").await;
    browser.submit("#post-update", "second-update").await;
    assert!(browser.text("main").await.contains("typo-ridden"));
    // The newest update comes first; its delete button goes.
    browser.submit(".delete-update", "update-deleted").await;
    let page = browser.text("main").await;
    assert!(
        !page.contains("typo-ridden") && page.contains("We met the board today."),
        "{page}"
    );

    browser.submit("#sign-out", "signed-out").await;
    browser
        .visit(&format!("{base}/@homes_for_all"), "as-visitor")
        .await;
    let page = browser.text("main").await;
    assert!(page.contains("Stop the eviction") && page.contains("We met the board today."));
    assert!(
        browser
            .client
            .find(fantoccini::Locator::Id("add-item"))
            .await
            .is_err()
    );

    // Its organizer deletes the campaign; its address answers that it is gone.
    browser
        .sign_in(&base, "alice", "/@homes_for_all", "back-as-organizer")
        .await;
    browser.submit("#edit", "edit").await;
    browser.submit("#delete-campaign", "campaign-deleted").await;
    assert_eq!(browser.path().await, "/");
    let gone = reqwest::get(format!("http://127.0.0.1:{}/@homes_for_all", alpha.port))
        .await
        .expect("answers");
    assert_eq!(gone.status(), 410);
    browser.close().await;
}
