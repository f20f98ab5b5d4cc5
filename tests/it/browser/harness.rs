//! The browser checks can fail: axe-core finds an unlabelled field and a button without a name,
//! and a page wider than a phone's screen (with the viewport our pages declare) is measured as
//! such.

use super::Browser;

#[tokio::test]
async fn the_checks_every_page_gets_catch_what_they_are_for() {
    let browser = Browser::start("harness", 360).await;
    let page = "data:text/html,<!DOCTYPE html><html lang=en><head><title>t</title>\
                <meta name=viewport content='width=device-width'></head>\
                <body><main><input type=text><button></button>\
                <div style='width:900px'>wide</div></main></body></html>";
    browser.client.goto(page).await.expect("loads");
    let violations = browser.accessibility_violations().await;
    assert!(
        violations.iter().any(|v| v.starts_with("label:")),
        "{violations:#?}"
    );
    assert!(
        violations.iter().any(|v| v.starts_with("button-name:")),
        "{violations:#?}"
    );
    assert!(
        browser.overflow().await > 0,
        "a 900 pixel box overflows 360"
    );
    browser.close().await;
}
