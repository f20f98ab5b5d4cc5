//! The participant list of an action, for its organization's owners and admins only: the page
//! lists everyone, the CSV only those who agreed to be contacted, with formulas defused.

use crate::common::coop::{api, host, member};
use crate::common::seed::PASSWORD;
use crate::web_accounts::Browser;
use axum::http::{StatusCode, header};
use serde_json::json;

#[tokio::test]
async fn organizers_see_participants_and_export_only_those_who_consented() {
    let (alpha, alice) = host("alpha.test").await;
    let (status, action) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&alice),
        Some(crate::actions::petition(|_| {})),
    )
    .await;
    assert_eq!(status, 201, "{action}");
    let id = action["id"].as_str().expect("an id").to_owned();
    let path = format!("/api/v1/actions/{id}/participations");
    let rosa = member(&alpha, "rosa").await;
    let bob = member(&alpha, "bob").await;
    for (token, body) in [
        (
            &rosa,
            json!({"comment": "=HYPERLINK(\"https://evil.example\")", "consent_to_contact": true}),
        ),
        (
            &bob,
            json!({"comment": "keep my name out", "consent_to_contact": false}),
        ),
    ] {
        let (status, answer) = api(
            &alpha,
            reqwest::Method::POST,
            &path,
            Some(token),
            Some(body),
        )
        .await;
        assert_eq!(status, 201, "{answer}");
    }

    let mut organizer = Browser::new(&alpha.state);
    organizer.sign_in_as("alice", PASSWORD, "/").await;
    let page = organizer.get(&format!("/actions/{id}/participants")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("rosa") && page.body.contains("keep my name out"));
    let csv = organizer
        .get(&format!("/actions/{id}/participants.csv"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let kind = csv
        .headers
        .get(header::CONTENT_TYPE)
        .expect("a type")
        .to_str()
        .expect("text");
    assert!(kind.starts_with("text/csv"), "{kind}");
    let rows: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        rows.len(),
        2,
        "a header and the one who consented: {}",
        csv.body
    );
    assert!(rows[0].starts_with("name,address"));
    assert!(
        rows[1].contains("/actors/rosa") && rows[1].contains("'=HYPERLINK"),
        "{}",
        rows[1]
    );
    assert!(!csv.body.contains("bob") && !csv.body.contains("keep my name out"));

    let mut participant = Browser::new(&alpha.state);
    participant.sign_in_as("bob", PASSWORD, "/").await;
    for list in ["participants", "participants.csv"] {
        let refused = participant.get(&format!("/actions/{id}/{list}")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{list}");
    }
}

#[tokio::test]
async fn organizers_export_an_events_answers_and_others_may_not() {
    let (alpha, alice) = host("alpha.test").await;
    let start = chrono::Utc::now() + chrono::Duration::days(4);
    let (status, event) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&alice),
        Some(json!({"title": "Assembly", "starts_at": start.to_rfc3339(),
            "ends_at": (start + chrono::Duration::hours(1)).to_rfc3339()})),
    )
    .await;
    assert_eq!(status, 201, "{event}");
    let id = event["id"].as_str().expect("an id").to_owned();
    let rosa = member(&alpha, "rosa").await;
    let (status, answer) = api(
        &alpha,
        reqwest::Method::POST,
        &format!("/api/v1/events/{id}/rsvps"),
        Some(&rosa),
        Some(json!({"state": "going"})),
    )
    .await;
    assert!(status < 300, "{status} {answer}");

    let mut organizer = Browser::new(&alpha.state);
    organizer.sign_in_as("alice", PASSWORD, "/").await;
    let csv = organizer
        .get(&format!("/events/{id}/participants.csv"))
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    let rows: Vec<&str> = csv.body.lines().collect();
    assert_eq!(rows.len(), 2, "{}", csv.body);
    assert!(
        rows[0].starts_with("address,instance,answer"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("/actors/rosa") && rows[1].contains(",going,"),
        "{}",
        rows[1]
    );

    let mut participant = Browser::new(&alpha.state);
    participant.sign_in_as("rosa", PASSWORD, "/").await;
    let refused = participant
        .get(&format!("/events/{id}/participants.csv"))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
