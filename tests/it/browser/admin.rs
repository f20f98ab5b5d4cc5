//! An administrator disables an account and blocks a domain from the administration page; a
//! person who is no administrator is refused there.

use super::Browser;
use crate::common::network::Instance;
use crate::common::seed::{self, PASSWORD};
use solidarity::domain::{Handle, Password};
use solidarity::service::users::{NewUserRequest, create_user};

#[tokio::test]
async fn an_administrator_disables_an_account_and_blocks_a_domain() {
    let alpha = Instance::start("alpha.test").await;
    create_user(
        &alpha.state.store,
        NewUserRequest {
            handle: Handle::parse("ada").expect("a handle"),
            display_name: Some("Ada".to_owned()),
            password: Password::parse(PASSWORD).expect("a password"),
            is_admin: true,
        },
    )
    .await
    .expect("the administrator");
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
    browser.close().await;
}
