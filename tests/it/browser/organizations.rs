//! Organizations in the browser: an administrator creates one for a person, its owner renames
//! it (its followers elsewhere receive the `Update`) and deletes it once it hosts nothing.

use super::Browser;
use crate::common::coop::{follows_organization, host, received};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::settle;
use crate::common::seed;

#[tokio::test]
async fn an_administrator_creates_an_organization_and_its_owner_renames_and_deletes_one() {
    let (alpha, _token) = host("alpha.test").await;
    seed::admin(&alpha.state.store, "ada").await;
    seed::user(&alpha.state.store, "rosa").await;
    let base = alpha.base();
    let mut browser = Browser::start("organizations", 1280).await;

    // Only administrators create organizations.
    browser.sign_in(&base, "rosa", "/orgs/new", "refused").await;
    assert!(browser.text("main").await.contains("administrators"));
    browser.visit(&format!("{base}/"), "home").await;
    browser.submit("#sign-out", "signed-out").await;

    browser
        .sign_in(&base, "ada", "/admin", "administration")
        .await;
    browser
        .submit("#new-organization", "new-organization")
        .await;
    assert_eq!(
        browser
            .by_id("owner")
            .await
            .prop("value")
            .await
            .expect("reads")
            .as_deref(),
        Some("ada"),
        "the administrator is the first owner unless they name another"
    );
    browser.fill("handle", "climate_now").await;
    browser.fill("name", "Tenants' Union").await;
    browser.fill("owner", "rosa").await;
    browser.submit("#save-organization", "handle-taken").await;
    assert!(browser.text("#problem").await.contains("taken"));
    assert_eq!(
        browser
            .by_id("handle")
            .await
            .attr("aria-invalid")
            .await
            .expect("reads")
            .as_deref(),
        Some("true")
    );
    browser.fill("handle", "tenants_union").await;
    browser.submit("#save-organization", "created").await;
    assert_eq!(browser.path().await, "/@tenants_union");
    assert!(browser.text("h1").await.contains("Tenants' Union"));
    browser.submit("#sign-out", "signed-out-again").await;
    browser
        .sign_in(&base, "rosa", "/@tenants_union", "rosa-owns-it")
        .await;
    assert!(
        browser.by_id("settings-link").await.text().await.is_ok(),
        "its owner has its settings"
    );
    browser.submit("#sign-out", "rosa-out").await;

    // Alice renames climate_now; its follower on another server hears of it.
    let fake = FakeRemote::start(&["masto"]).await;
    follows_organization(&alpha, &fake, "masto").await;
    browser
        .sign_in(&base, "alice", "/@climate_now", "alices-organization")
        .await;
    browser.submit("#settings-link", "settings").await;
    browser.fill("name", "   ").await;
    browser.submit("#save-organization", "empty-name").await;
    assert!(browser.text("#problem").await.contains("empty"));
    browser.fill("name", "Climate Now!").await;
    browser
        .fill("summary", "Neighbours acting on the climate.")
        .await;
    browser.submit("#save-organization", "renamed").await;
    assert_eq!(browser.path().await, "/@climate_now");
    assert!(browser.text("h1").await.contains("Climate Now!"));
    settle(&[&alpha]).await;
    let updates = received(&fake, "Update");
    let update = updates.last().expect("the follower received an Update");
    assert_eq!(update["object"]["type"], "Group", "{update}");
    assert_eq!(update["object"]["name"], "Climate Now!");
    assert_eq!(
        update["object"]["summary"],
        "Neighbours acting on the climate."
    );

    browser.submit("#settings-link", "settings-again").await;
    browser.submit("#delete-organization", "deleted").await;
    assert_eq!(browser.path().await, "/");
    settle(&[&alpha]).await;
    assert!(
        received(&fake, "Delete")
            .iter()
            .any(|delete| delete["object"] == format!("{base}/actors/climate_now")),
        "its follower is told it is gone"
    );
    let gone = reqwest::get(format!("http://127.0.0.1:{}/@climate_now", alpha.port))
        .await
        .expect("answers");
    assert_eq!(gone.status(), 410);
    browser.close().await;
}
