//! Searching the instance: words find organizations, campaigns, actions and events (case
//! aside, `%` and `_` literally); place and dates narrow the events.

use crate::common::coop::{api, host};
use serde_json::json;

#[tokio::test]
async fn words_place_and_dates_find_what_people_look_for() {
    let (alpha, alice) = host("alpha.test").await;
    let post = |path: &'static str, body: serde_json::Value| {
        let (alpha, alice) = (&alpha, alice.clone());
        async move {
            let (status, answer) =
                api(alpha, reqwest::Method::POST, path, Some(&alice), Some(body)).await;
            assert_eq!(status, 201, "{answer}");
        }
    };
    let soon = chrono::Utc::now() + chrono::Duration::days(3);
    let later = chrono::Utc::now() + chrono::Duration::days(40);
    for (title, place, start) in [
        ("Rent assembly", "Lyon", soon),
        ("Rent assembly", "Paris", later),
        ("Garden day", "Lyon", soon),
    ] {
        post("/api/v1/orgs/climate_now/events", json!({"title": title, "place": {"name": place},
            "starts_at": start.to_rfc3339(), "ends_at": (start + chrono::Duration::hours(1)).to_rfc3339()})).await;
    }
    post(
        "/api/v1/orgs/climate_now/actions",
        crate::actions::petition(|p| p["title"] = json!("Freeze the RENT now")),
    )
    .await;
    post(
        "/api/v1/orgs/climate_now/campaigns",
        json!({"handle": "rent_strike", "title": "Rent strike"}),
    )
    .await;

    let page = |query: String| {
        let url = format!("http://127.0.0.1:{}/search?{query}", alpha.port);
        async move {
            let answer = reqwest::get(&url).await.expect("the page");
            (answer.status().as_u16(), answer.text().await.expect("HTML"))
        }
    };
    let (status, all) = page("q=rent".to_owned()).await;
    assert_eq!(status, 200);
    assert_eq!(all.matches("Rent assembly").count(), 2, "{all}");
    assert!(!all.contains("Garden day"));
    assert!(all.contains("Freeze the RENT now") && all.contains("Rent strike"));

    let (_, lyon) = page("q=rent&place=LYON".to_owned()).await;
    assert_eq!(lyon.matches("Rent assembly").count(), 1);
    let until = (soon + chrono::Duration::days(1)).format("%Y-%m-%d");
    let (_, soon_only) = page(format!("place=lyon&to={until}")).await;
    assert!(soon_only.contains("Rent assembly") && soon_only.contains("Garden day"));
    let from = (later - chrono::Duration::days(1)).format("%Y-%m-%d");
    let (_, later_only) = page(format!("q=assembly&from={from}")).await;
    assert_eq!(
        later_only.matches("Rent assembly").count(),
        1,
        "{later_only}"
    );

    let (_, literal) = page("q=100%25".to_owned()).await;
    assert!(literal.contains("Nothing found") && !literal.contains("Rent assembly"));
    let (status, bad) = page("from=yesterday".to_owned()).await;
    assert_eq!(status, 422);
    assert!(
        bad.contains("2026-12-31") || bad.contains("a date like"),
        "{bad}"
    );
}
