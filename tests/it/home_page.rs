//! The home page lists the member organizations, the active campaigns and the upcoming events
//! of every organization here, soonest first, twenty at a time.

use crate::common::coop::{api, host};
use serde_json::json;

#[tokio::test]
async fn the_home_page_lists_organizations_campaigns_and_events_a_page_at_a_time() {
    let (alpha, alice) = host("alpha.test").await;
    let post = |path: &'static str, body: serde_json::Value| {
        let (alpha, alice) = (&alpha, alice.clone());
        async move {
            let (status, answer) =
                api(alpha, reqwest::Method::POST, path, Some(&alice), Some(body)).await;
            assert_eq!(status, 201, "{answer}");
        }
    };
    post(
        "/api/v1/orgs/climate_now/campaigns",
        json!({"handle": "end_evictions",
        "title": "End evictions in Lyon", "summary": "No one on the street."}),
    )
    .await;
    let day = chrono::Utc::now() + chrono::Duration::days(3);
    for n in 0..21 {
        let start = day + chrono::Duration::hours(n);
        post(
            "/api/v1/orgs/climate_now/events",
            json!({"title": format!("Assembly {n:02}"),
            "starts_at": start.to_rfc3339(),
            "ends_at": (start + chrono::Duration::minutes(30)).to_rfc3339()}),
        )
        .await;
    }
    let page = |query: &'static str| {
        let url = format!("http://127.0.0.1:{}/{query}", alpha.port);
        async move {
            let answer = reqwest::get(&url).await.expect("the page");
            assert_eq!(answer.status(), 200);
            answer.text().await.expect("HTML")
        }
    };
    let first = page("").await;
    assert!(
        first.contains("Climate Now") && first.contains("@climate_now"),
        "{first}"
    );
    assert!(first.contains("End evictions in Lyon</a>: No one on the street."));
    assert!(first.contains("Assembly 00") && first.contains("Assembly 19"));
    assert!(!first.contains("Assembly 20"), "twenty events on a page");
    assert!(
        first.contains("href=\"/?page=1\""),
        "a link to the next page"
    );
    assert!(
        first.find("Assembly 00") < first.find("Assembly 01"),
        "soonest first"
    );
    let second = page("?page=1").await;
    assert!(second.contains("Assembly 20") && !second.contains("Assembly 19"));
    assert!(second.contains("href=\"/?page=0\"") && !second.contains("?page=2"));
}
