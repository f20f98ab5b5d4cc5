//! An administrator disables an account and blocks a domain from the administration page; a
//! person who is no administrator is refused there.

use super::Browser;
use crate::common::network::Instance;
use crate::common::seed;

#[tokio::test]
async fn an_administrator_disables_an_account_and_blocks_a_domain() {
    let alpha = Instance::start("alpha.test").await;
    seed::admin(&alpha.state.store, "ada").await;
    seed::user(&alpha.state.store, "rosa").await;
    let base = alpha.base();
    let mut browser = Browser::start("admin", 1280).await;
    browser.sign_in(&base, "ada", "/", "signed-in").await;
    browser.submit("#nav-admin", "administration").await;

    browser.submit("#disable-rosa", "rosa-disabled").await;
    let accounts = browser.text("#accounts").await;
    assert!(accounts.contains("@rosa · disabled"), "{accounts}");
    assert!(browser.by_id("enable-rosa").await.text().await.is_ok());
    browser.submit("#disable-ada", "not-myself").await;
    assert!(browser.text("#problem").await.contains("your own account"));

    browser.submit("#reset-rosa", "reset-link").await;
    assert!(browser.text("#link-made").await.contains("/reset/"));
    browser.fill("block-domain", "not a domain!").await;
    browser.submit("#block", "bad-domain").await;
    assert_eq!(
        browser
            .by_id("block-domain")
            .await
            .attr("aria-invalid")
            .await
            .expect("reads")
            .as_deref(),
        Some("true")
    );
    browser.fill("block-domain", "evil.example").await;
    browser.fill("block-reason", "spam waves").await;
    browser.submit("#block", "blocked").await;
    assert!(
        browser
            .text("#blocks")
            .await
            .contains("evil.example: spam waves")
    );

    // The instance's settings: its name and description, and who may sign up.
    browser.submit("#instance-settings", "settings").await;
    // Only spaces: the browser lets it through, the server refuses it.
    browser.fill("name", "   ").await;
    browser.submit("#save-settings", "no-name").await;
    assert!(browser.text("#problem").await.contains("characters"));
    browser.fill("name", "Lyon Co-op").await;
    browser
        .fill("description", "Tenants and climate groups of Lyon.")
        .await;
    browser
        .client
        .find(fantoccini::Locator::Css("#signup option[value='open']"))
        .await
        .expect("the open policy")
        .click()
        .await
        .expect("chooses");
    browser.submit("#save-settings", "home-renamed").await;
    assert_eq!(browser.path().await, "/");
    assert_eq!(browser.text("#instance-name").await, "Lyon Co-op");
    assert!(
        browser
            .text("main")
            .await
            .contains("Tenants and climate groups of Lyon.")
    );
    browser.submit("#sign-out", "signed-out").await;
    browser
        .visit(&format!("{base}/signup"), "sign-up-open")
        .await;
    assert!(
        browser.by_id("password_again").await.text().await.is_ok(),
        "the sign-up form is there now"
    );
    let nodeinfo: serde_json::Value =
        reqwest::get(format!("http://127.0.0.1:{}/nodeinfo/2.1", alpha.port))
            .await
            .expect("answers")
            .json()
            .await
            .expect("JSON");
    assert_eq!(nodeinfo["metadata"]["nodeName"], "Lyon Co-op");
    assert_eq!(nodeinfo["openRegistrations"], true);
    browser.close().await;
}
