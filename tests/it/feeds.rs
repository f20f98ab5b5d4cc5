//! Feeds read back by the same libraries calendar and feed readers use: an organization's and
//! the instance's events as iCalendar, a user's own events with their token, and what an
//! organization publishes as Atom.

use crate::common::coop::{api, host, member};
use crate::common::network::Instance;
use icalendar::{Calendar, Component, EventLike};
use serde_json::json;

pub(crate) async fn get(
    instance: &Instance,
    path: &str,
    token: Option<&str>,
) -> (u16, String, String) {
    let mut request =
        reqwest::Client::new().get(format!("http://127.0.0.1:{}{path}", instance.port));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, content_type, response.text().await.expect("a body"))
}

pub(crate) fn uids(text: &str) -> Vec<(String, String)> {
    let calendar: Calendar = text.parse().expect("a calendar the parser reads");
    calendar
        .events()
        .map(|e| {
            (
                e.get_uid().unwrap_or("").to_owned(),
                e.get_summary().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn events_come_out_as_icalendar_and_publications_as_atom() {
    let (alpha, token) = host("alpha.test").await;
    let start = chrono::Utc::now() + chrono::Duration::days(2);
    let event = |title: &str, day: i64| {
        let day = start + chrono::Duration::days(day);
        json!({"title": title, "starts_at": day.format("%Y-%m-%dT18:00:00Z").to_string(),
               "ends_at": day.format("%Y-%m-%dT20:00:00Z").to_string(),
               "place": {"name": "Town hall"}, "body": "Bring **banners**."})
    };
    let (_, assembly) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&token),
        Some(event("Assembly", 0)),
    )
    .await;
    let (_, march) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&token),
        Some(event("March", 1)),
    )
    .await;
    api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/notes",
        Some(&token),
        Some(json!({"content": "We won the vote!"})),
    )
    .await;
    let (_, action) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&token),
        Some(json!({"kind": "petition", "title": "Save the park", "goal": 10})),
    )
    .await;

    let (status, content_type, text) = get(&alpha, "/@climate_now/events.ics", None).await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/calendar"), "{content_type}");
    let found = uids(&text);
    assert_eq!(
        found,
        vec![
            (
                assembly["ap_id"].as_str().expect("id").to_owned(),
                "Assembly".to_owned()
            ),
            (
                march["ap_id"].as_str().expect("id").to_owned(),
                "March".to_owned()
            ),
        ]
    );
    let calendar: Calendar = text.parse().expect("a calendar");
    let first = calendar.events().next().expect("an event");
    assert_eq!(first.get_location(), Some("Town hall"));
    assert!(
        first
            .get_description()
            .unwrap_or("")
            .contains("Bring banners.")
    );
    assert_eq!(uids(&get(&alpha, "/events.ics", None).await.2).len(), 2);
    assert_eq!(get(&alpha, "/@nobody/events.ics", None).await.0, 404);

    // A user's own calendar holds what they said they go to, and needs their token.
    let bob = member(&alpha, "bob").await;
    api(
        &alpha,
        reqwest::Method::POST,
        &format!("/api/v1/events/{}/rsvps", march["id"].as_str().expect("id")),
        Some(&bob),
        Some(json!({"state": "going"})),
    )
    .await;
    let (status, _, mine) = get(&alpha, "/api/v1/me/events.ics", Some(&bob)).await;
    assert_eq!(status, 200);
    assert_eq!(
        uids(&mine),
        vec![(
            march["ap_id"].as_str().expect("id").to_owned(),
            "March".to_owned()
        )]
    );
    assert_eq!(get(&alpha, "/api/v1/me/events.ics", None).await.0, 401);

    let (status, content_type, text) = get(&alpha, "/@climate_now/feed.atom", None).await;
    assert_eq!(status, 200);
    assert!(
        content_type.starts_with("application/atom+xml"),
        "{content_type}"
    );
    let feed: atom_syndication::Feed = text.parse().expect("an Atom feed");
    let ids: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(ids.contains(&action["ap_id"].as_str().expect("id")));
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert!(
        titles.contains(&"We won the vote!") && titles.contains(&"Save the park"),
        "{titles:?}"
    );
}
