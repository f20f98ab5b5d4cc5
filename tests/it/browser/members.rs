//! An organization's owner invites a second person, who accepts from their account page and
//! can then write for it; the owner makes them an admin; an unknown handle is refused.

use super::Browser;
use crate::common::coop::host;
use crate::common::seed;

#[tokio::test]
async fn an_owner_invites_a_member_who_accepts_and_is_made_admin() {
    let (alpha, _token) = host("alpha.test").await;
    seed::user(&alpha.state.store, "rosa").await;
    let base = alpha.base();
    let mut browser = Browser::start("members", 360).await;

    browser
        .sign_in(&base, "alice", "/@climate_now", "owner")
        .await;
    browser.submit("#members-link", "members").await;
    browser.fill("invite-handle", "nobody").await;
    browser.submit("#send-invitation", "unknown-handle").await;
    assert!(browser.text("#problem").await.contains("nobody"));
    browser.fill("invite-handle", "rosa").await;
    browser.submit("#send-invitation", "invited").await;
    assert_eq!(browser.path().await, "/@climate_now/members");
    browser.submit("#sign-out", "owner-out").await;

    browser.sign_in(&base, "rosa", "/account", "invitee").await;
    assert!(browser.text("#invitations").await.contains("Climate Now"));
    browser.submit("#accept-climate_now", "accepted").await;
    assert_eq!(browser.path().await, "/@climate_now");
    assert!(
        browser
            .by_id("new-action")
            .await
            .text()
            .await
            .expect("text")
            .contains("New action")
    );
    browser.submit("#sign-out", "invitee-out").await;

    browser
        .sign_in(&base, "alice", "/@climate_now/members", "owner-again")
        .await;
    let members = browser.text("#members").await;
    assert!(
        members.contains("@rosa") && members.contains("member"),
        "{members}"
    );
    browser
        .client
        .find(fantoccini::Locator::Css("#role-rosa option[value='admin']"))
        .await
        .expect("the admin option")
        .click()
        .await
        .expect("chooses admin");
    browser
        .submit(
            "form[action='/@climate_now/members/roles']:has(#role-rosa) button",
            "promoted",
        )
        .await;
    let rosa_line = browser
        .client
        .find(fantoccini::Locator::XPath(
            "//ul[@id='members']/li[contains(., '@rosa')]//span[@class='role']",
        ))
        .await
        .expect("rosa's line")
        .text()
        .await
        .expect("text");
    assert_eq!(rosa_line, "admin");
    browser.close().await;
}
