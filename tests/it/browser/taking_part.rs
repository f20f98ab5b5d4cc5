//! A signed-in person finds an organization's action and event from its page, signs the action
//! (and sees the receipt and the count), withdraws, and answers the event (and sees the count).

use super::Browser;
use crate::common::coop::{api, host};
use crate::common::seed::{self, PASSWORD};
use serde_json::json;

#[tokio::test]
async fn a_person_signs_an_action_and_answers_an_event_in_the_browser() {
    let (instance, token) = host("alpha.test").await;
    let base = instance.base();
    let petition = crate::actions::petition(|_| {});
    let (status, action) = api(
        &instance,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&token),
        Some(petition),
    )
    .await;
    assert_eq!(status, 201, "{action}");
    let start = chrono::Utc::now() + chrono::Duration::days(7);
    let event = json!({"title": "Rent strike assembly", "description": "Bring your lease.",
        "starts_at": start.format("%Y-%m-%dT18:00").to_string(),
        "ends_at": start.format("%Y-%m-%dT20:00").to_string(), "timezone": "Europe/Paris",
        "place": {"name": "Town hall", "address": "1 Main St, Lyon", "latitude": 45.75, "longitude": 4.84},
        "capacity": 120});
    let (status, event) = api(
        &instance,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&token),
        Some(event),
    )
    .await;
    assert_eq!(status, 201, "{event}");
    seed::user(&instance.state.store, "rosa").await;

    let mut browser = Browser::start("taking-part", 1280).await;
    browser.visit(&format!("{base}/"), "home").await;
    browser.submit("#nav-search", "search").await;
    browser.fill("q", "strike").await;
    browser.submit("#search-button", "found").await;
    assert!(
        browser
            .text("#search-events")
            .await
            .contains("Rent strike assembly")
    );
    browser
        .visit(&format!("{base}/@climate_now"), "organization")
        .await;
    assert!(browser.text("#actions").await.contains("Stop the eviction"));
    assert!(
        browser
            .text("#events")
            .await
            .contains("Rent strike assembly")
    );
    browser.submit("#actions a", "action-as-visitor").await;
    browser.submit("#sign-in-to-take-part", "sign-in").await;
    browser.fill("handle", "rosa").await;
    browser.fill("password", PASSWORD).await;
    browser
        .submit("form[action='/login'] button", "back-on-the-action")
        .await;
    assert!(
        browser.path().await.starts_with("/actions/"),
        "back where they were"
    );

    browser.fill("comment", "My building is next").await;
    browser.by_id("consent").await.click().await.expect("ticks");
    browser.submit("#take-part", "signed").await;
    assert!(browser.text("#receipt").await.contains("you are counted"));
    assert!(
        browser.text("#progress").await.starts_with("1 / 100"),
        "{}",
        browser.text("#progress").await
    );
    assert!(browser.text("#mine").await.contains("My building is next"));
    let (_, participants) = api(
        &instance,
        reqwest::Method::GET,
        &format!(
            "/api/v1/actions/{}/participations",
            action["id"].as_str().expect("id")
        ),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        participants[0]["consent_to_contact"], true,
        "{participants}"
    );
    assert_eq!(participants[0]["comment"], "My building is next");

    browser.submit("#nav-my-actions", "my-actions").await;
    let id = action["id"].as_str().expect("id");
    assert!(browser.text("#my-actions").await.contains(id));
    browser.client.back().await.expect("goes back");
    browser.submit("#withdraw", "withdrawn").await;
    assert!(browser.text("#progress").await.starts_with("0 / 100"));

    let event_url = event["url"].as_str().expect("url").to_owned();
    browser.visit(&event_url, "event").await;
    assert!(browser.text("dl").await.contains("Town hall"));
    // The visitor's own time zone, beside the event's.
    browser.fill("tz", "America/Montreal").await;
    browser.submit("#show-in-zone", "in-my-zone").await;
    let starts = chrono::NaiveDateTime::parse_from_str(
        &start.format("%Y-%m-%dT18:00").to_string(),
        "%Y-%m-%dT%H:%M",
    )
    .expect("a time")
    .and_local_timezone(chrono_tz::Europe::Paris)
    .single()
    .expect("one time");
    let in_montreal = starts.with_timezone(&chrono_tz::America::Montreal);
    let in_zone = browser.text("#in-your-zone").await;
    assert!(
        in_zone.contains(&in_montreal.format("%H:%M").to_string())
            && in_zone.ends_with("(America/Montreal)"),
        "{in_zone}"
    );
    browser.fill("tz", "Mars/Olympus").await;
    browser.submit("#show-in-zone", "unknown-zone").await;
    assert!(browser.text("#tz-help").await.contains("Not a time zone"));
    // This event alone, for a calendar.
    let ics_url = browser
        .by_id("event-ics")
        .await
        .prop("href")
        .await
        .expect("reads")
        .expect("a link");
    let ics_path = url::Url::parse(&ics_url).expect("a URL").path().to_owned();
    assert!(ics_path.ends_with("/calendar.ics"), "{ics_path}");
    let ics = reqwest::get(format!("http://127.0.0.1:{}{ics_path}", instance.port))
        .await
        .expect("answers");
    assert_eq!(ics.status(), 200);
    assert!(
        ics.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .expect("text")
            .starts_with("text/calendar")
    );
    let ics = ics.text().await.expect("a body");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
    assert!(ics.contains("Rent strike assembly"), "{ics}");
    browser.visit(&event_url, "event-again").await;
    browser
        .by_id("answer-going")
        .await
        .click()
        .await
        .expect("chooses");
    browser.submit("#send-answer", "going").await;
    assert_eq!(browser.text("#answer").await, "You are going.");
    assert!(
        browser
            .text("#going")
            .await
            .starts_with("1 (119 places left)"),
        "{}",
        browser.text("#going").await
    );
    browser.submit("#nav-my-events", "my-events").await;
    assert!(
        browser
            .text("#my-events")
            .await
            .contains("Rent strike assembly")
    );

    // A private calendar address for calendar apps, shown once; a new one ends the old.
    browser.submit("#make-calendar", "calendar-address").await;
    let link = browser
        .by_id("calendar-link")
        .await
        .prop("value")
        .await
        .expect("reads")
        .expect("an address");
    let path = url::Url::parse(&link).expect("a URL").path().to_owned();
    let local = |path: &str| format!("http://127.0.0.1:{}{path}", instance.port);
    let feed = reqwest::get(local(&path)).await.expect("answers");
    assert_eq!(feed.status(), 200);
    assert_eq!(
        feed.headers()[reqwest::header::CACHE_CONTROL],
        "private, no-store"
    );
    assert!(
        feed.text()
            .await
            .expect("a body")
            .contains("Rent strike assembly")
    );
    browser
        .submit("#make-calendar", "new-calendar-address")
        .await;
    let old = reqwest::get(local(&path)).await.expect("answers");
    assert_eq!(old.status(), 404, "the old address stopped working");
    browser.close().await;
}
