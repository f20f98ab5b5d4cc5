//! A person signs up, signs out, fails and then succeeds to sign in, sees where they are signed
//! in, and signs out everywhere, in a real browser, at desktop and at phone width.

use super::Browser;
use crate::common::network::Instance;
use solidarity::domain::SignupPolicy;

async fn open_instance() -> Instance {
    Instance::start_configured("alpha.test", |config| {
        config.instance.signup = SignupPolicy::Open;
    })
    .await
}

async fn account_life(width: u32, test: &str) {
    let instance = open_instance().await;
    let base = instance.base();
    let mut browser = Browser::start(test, width).await;

    browser.visit(&format!("{base}/"), "home").await;
    browser.submit("a[href='/signup']", "sign-up").await;
    browser.fill("handle", "rosa").await;
    browser.fill("display_name", "Rosa Parks").await;
    browser.fill("password", "montgomery 1955").await;
    browser.fill("password_again", "montgomery 1956").await;
    browser
        .submit("form[action='/signup'] button", "passwords-differ")
        .await;
    assert!(
        browser.text("#problem").await.contains("differ"),
        "the form says what is wrong"
    );
    assert_eq!(
        browser
            .by_id("password_again")
            .await
            .attr("aria-invalid")
            .await
            .expect("reads"),
        Some("true".to_owned())
    );
    assert_eq!(
        browser
            .by_id("handle")
            .await
            .prop("value")
            .await
            .expect("reads"),
        Some("rosa".to_owned()),
        "what was typed is kept"
    );
    browser.fill("password", "montgomery 1955").await;
    browser.fill("password_again", "montgomery 1955").await;
    browser
        .submit("form[action='/signup'] button", "signed-up")
        .await;
    assert_eq!(browser.path().await, "/account");
    assert_eq!(
        browser.text("#acct").await,
        format!("@rosa@alpha.test:{}", instance.port)
    );
    assert!(browser.text("#nav-account").await.contains("Rosa Parks"));

    browser.submit("#sign-out", "signed-out").await;
    assert_eq!(browser.path().await, "/");
    browser.submit("#nav-sign-in", "sign-in").await;
    browser.fill("handle", "rosa").await;
    browser.fill("password", "wrong password").await;
    browser
        .submit("form[action='/login'] button", "wrong-password")
        .await;
    assert!(browser.text("#problem").await.contains("wrong"));
    browser.fill("password", "montgomery 1955").await;
    browser
        .submit("form[action='/login'] button", "signed-in")
        .await;
    assert!(browser.text("#nav-account").await.contains("Rosa Parks"));

    browser.visit(&format!("{base}/account"), "account").await;
    let sessions = browser.text("#sessions").await;
    assert!(sessions.contains("(this browser)"), "{sessions}");
    browser
        .submit("#sign-out-everywhere", "signed-out-everywhere")
        .await;
    assert_eq!(browser.path().await, "/login");
    browser
        .visit(&format!("{base}/account"), "account-after")
        .await;
    assert_eq!(browser.path().await, "/login", "the session is gone");
    browser.close().await;
}

#[tokio::test]
async fn a_person_signs_up_signs_in_and_signs_out_everywhere() {
    account_life(1280, "accounts-desktop").await;
}

#[tokio::test]
async fn the_same_at_phone_width() {
    account_life(360, "accounts-phone").await;
}

#[tokio::test]
async fn a_french_browser_gets_the_pages_in_french() {
    let instance = open_instance().await;
    let base = instance.base();
    let mut browser = Browser::start_in("accounts-french", 1280, "fr-FR").await;
    browser.visit(&format!("{base}/"), "accueil").await;
    assert_eq!(browser.text("#nav-sign-in").await, "Se connecter");
    let lang = browser.client.find(fantoccini::Locator::Css("html")).await;
    let lang = lang.expect("the page").attr("lang").await.expect("reads");
    assert_eq!(lang.as_deref(), Some("fr"));
    browser.submit("a[href='/signup']", "inscription").await;
    assert_eq!(browser.text("h1").await, "Créer un compte");
    // A refusal is said in French too.
    browser.fill("handle", "rosa").await;
    browser.fill("password", "montgomery 1955").await;
    browser.fill("password_again", "montgomery 1956").await;
    browser
        .submit("form[action='/signup'] button", "mots-de-passe-differents")
        .await;
    assert_eq!(
        browser.text("#problem").await,
        "Les deux mots de passe diffèrent."
    );
    let problem = browser.by_id("problem").await;
    assert_eq!(
        problem.attr("lang").await.expect("reads"),
        None,
        "translated, so not marked as English"
    );
    // A page that does not exist says so in French.
    browser
        .visit(&format!("{base}/@nobody_here"), "introuvable")
        .await;
    assert!(browser.text("h1").await.contains("Introuvable"));
    browser.close().await;
}
