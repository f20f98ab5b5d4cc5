//! An organizer writes an action (previewing its text first, then fixing a refused field),
//! changes it, and publishes, changes and deletes an event, all from the organization's page,
//! where it also posts a note.

use super::Browser;
use crate::common::coop::host;

#[tokio::test]
async fn an_organizer_writes_changes_and_deletes_actions_and_events() {
    let (instance, _token) = host("alpha.test").await;
    let base = instance.base();
    let mut browser = Browser::start("authoring", 1280).await;
    browser
        .sign_in(&base, "alice", "/@climate_now", "organization")
        .await;
    assert_eq!(browser.path().await, "/@climate_now");

    browser
        .fill(
            "note-text",
            "Meeting on Friday: see https://example.org/agenda",
        )
        .await;
    browser.submit("#post-note", "note-posted").await;
    let notes = browser.text("#notes").await;
    assert!(notes.contains("Meeting on Friday"), "{notes}");
    browser.submit(".delete-note", "note-deleted").await;
    assert!(browser.text("main").await.contains("No note yet."));

    browser.submit("#new-action", "new-action").await;
    browser.fill("title", "Fund the night buses").await;
    browser
        .fill("description", "Workers need a way home.")
        .await;
    browser
        .fill("body", "We **demand** buses after midnight.")
        .await;
    browser.fill("targets", "Transit board\nMayor").await;
    browser.fill("goal", "five hundred").await;
    browser.submit("#preview-button", "preview").await;
    let preview = browser
        .client
        .find(fantoccini::Locator::Css("#preview strong"))
        .await;
    assert_eq!(
        preview.expect("bold text").text().await.expect("text"),
        "demand"
    );
    browser.submit("#publish", "refused").await;
    assert!(browser.text("#problem").await.contains("whole number"));
    assert_eq!(
        browser
            .by_id("title")
            .await
            .prop("value")
            .await
            .expect("reads")
            .as_deref(),
        Some("Fund the night buses"),
        "what was typed is kept"
    );
    browser.fill("goal", "500").await;
    browser.submit("#publish", "published").await;
    assert!(browser.path().await.starts_with("/actions/"));
    assert_eq!(browser.text("h1").await, "Fund the night buses");
    assert!(browser.text("#progress").await.starts_with("0 / 500"));

    browser.submit("#edit", "edit-action").await;
    browser.fill("title", "Fund the night buses now").await;
    browser.submit("#publish", "changed").await;
    assert_eq!(browser.text("h1").await, "Fund the night buses now");

    let start = chrono::Utc::now() + chrono::Duration::days(10);
    browser
        .visit(&format!("{base}/@climate_now/events/new"), "new-event")
        .await;
    browser.fill("title", "Bus stop vigil").await;
    // A datetime-local field takes the date and time as typed in the browser's own format;
    // setting its value keeps the test independent of that format.
    for (id, hour) in [("starts_at", "19:00"), ("ends_at", "21:00")] {
        let value = format!("{}T{hour}", start.format("%Y-%m-%d"));
        let script = format!("document.getElementById('{id}').value = '{value}'");
        browser
            .client
            .execute(&script, vec![])
            .await
            .expect("sets the time");
    }
    browser.fill("timezone", "Europe/Paris").await;
    browser.fill("place_name", "Central station").await;
    browser.fill("capacity", "40").await;
    browser.submit("#publish", "event").await;
    assert!(
        browser.path().await.starts_with("/events/"),
        "{}",
        browser.path().await
    );
    assert!(browser.text("dl").await.contains("Central station"));
    assert!(browser.text("#going").await.contains("40"));

    browser.submit("#edit", "edit-event").await;
    browser.submit("#delete", "deleted").await;
    assert_eq!(browser.path().await, "/@climate_now");
    assert!(!browser.text("main").await.contains("Bus stop vigil"));
    assert!(
        browser
            .text("#actions")
            .await
            .contains("Fund the night buses now")
    );
    browser.close().await;
}
