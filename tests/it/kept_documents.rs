//! The copies of actor documents, WebFinger answers and outboxes an instance keeps in memory
//! (`service::documents`), and the event pages it keeps for visitors not signed in: a reader
//! right after a change sees the change, and a second process on the same database sees it
//! within `MAX_AGE`.

use crate::common::{TestDb, get_accepting, instance, seed, send};
use axum::http::StatusCode;
use serde_json::Value;
use solidarity::db::DbUser;
use solidarity::domain::{Handle, RsvpState};
use solidarity::service::documents::MAX_AGE;
use solidarity::service::events::{EventInput, create_event, delete_event, rsvp_as_user};
use solidarity::service::notes::publish_note;
use solidarity::service::orgs::update_organization;
use solidarity::state::AppState;

const AP: &str = "application/activity+json";
const WEBFINGER: &str = "/.well-known/webfinger?resource=acct:tenants@localhost:8080";

async fn read(state: &AppState, path: &str) -> Value {
    let answer = send(state, get_accepting(path, AP)).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    serde_json::from_str(&answer.body).expect("JSON")
}

/// An instance with organization `tenants` ("Climate Now"), owned by `alice`, and alice.
async fn tenants(db: &TestDb) -> (AppState, DbUser) {
    let state = instance(db).await;
    let alice = seed::user(&state.store, "alice").await;
    seed::organization(&state.store, "tenants", "alice").await;
    (state, alice)
}

/// Reads the actor, its WebFinger answer and its outbox twice (the second time from the copies).
async fn read_all(state: &AppState) -> (Value, Value, Value) {
    for _ in 0..2 {
        read(state, WEBFINGER).await;
        read(state, "/actors/tenants").await;
        read(state, "/actors/tenants/outbox").await;
    }
    (
        read(state, "/actors/tenants").await,
        read(state, WEBFINGER).await,
        read(state, "/actors/tenants/outbox").await,
    )
}

#[tokio::test]
async fn a_change_is_read_at_once_though_the_documents_are_kept() {
    let db = TestDb::new().await;
    let (state, alice) = tenants(&db).await;
    let (actor, webfinger, outbox) = read_all(&state).await;
    assert_eq!(state.documents.count(), 3, "the three documents are kept");
    assert_eq!(actor["name"], "Climate Now");
    assert_eq!(webfinger["subject"], "acct:tenants@localhost:8080");
    assert_eq!(outbox["totalItems"], 0);

    let org = Handle::parse("tenants").expect("valid");
    update_organization(
        &state,
        &alice,
        &org,
        "Tenants Union of the East",
        "Rent strike.",
    )
    .await
    .expect("renamed");
    publish_note(&state, &alice, &org, "The strike holds.")
        .await
        .expect("published");
    let actor = read(&state, "/actors/tenants").await;
    assert_eq!(actor["name"], "Tenants Union of the East");
    let outbox = read(&state, "/actors/tenants/outbox").await;
    let notes: Vec<&str> = outbox["orderedItems"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["object"]["content"].as_str())
        .collect();
    assert!(
        notes
            .iter()
            .any(|content| content.contains("The strike holds.")),
        "the new note is in the outbox: {outbox}"
    );
}

#[tokio::test]
async fn another_process_on_the_same_database_sees_a_change_within_max_age() {
    let db = TestDb::new().await;
    let (writer, alice) = tenants(&db).await;
    // Its own store and copies, as a second `serve` on one PostgreSQL database has.
    let reader = instance(&db).await;
    let (actor, _, _) = read_all(&reader).await;
    assert_eq!(actor["name"], "Climate Now");
    let org = Handle::parse("tenants").expect("valid");
    update_organization(&writer, &alice, &org, "Renters United", "Rent strike.")
        .await
        .expect("renamed");
    tokio::time::sleep(MAX_AGE + std::time::Duration::from_millis(50)).await;
    let actor = read(&reader, "/actors/tenants").await;
    assert_eq!(actor["name"], "Renters United");
}

#[tokio::test]
async fn an_answer_shows_at_once_on_the_kept_event_page() {
    let db = TestDb::new().await;
    let (state, alice) = tenants(&db).await;
    let start = chrono::Utc::now() + chrono::Duration::days(3);
    let input: EventInput = serde_json::from_value(serde_json::json!({
        "title": "Tenants' assembly",
        "starts_at": start.to_rfc3339(),
        "ends_at": (start + chrono::Duration::hours(2)).to_rfc3339(),
        "capacity": 10,
    }))
    .expect("input");
    let org = Handle::parse("tenants").expect("valid");
    let event = create_event(&state, &alice, &org, &input)
        .await
        .expect("event");
    let path = format!("/events/{}", event.id);
    let page = || async { send(&state, get_accepting(&path, "text/html")).await };
    for _ in 0..2 {
        let answer = page().await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.body.contains("id=\"going\">0"), "{}", answer.body);
    }
    assert_eq!(state.documents.count(), 1, "the page is kept");
    rsvp_as_user(&state, &alice, &event.id, Some(RsvpState::Going))
        .await
        .expect("going");
    let answer = page().await;
    assert!(
        answer.body.contains("id=\"going\">1") && answer.body.contains("9 places left"),
        "{}",
        answer.body
    );
    delete_event(&state, &alice, &org, &event.id)
        .await
        .expect("deleted");
    assert_eq!(page().await.status, StatusCode::GONE, "not the kept page");
}
