//! One round of the inbox processor applies what it claimed in the order received, though the
//! objects of consecutive Creates are written together (one transaction): a Delete or an Update
//! that follows them in the round sees them, a Create after a Delete does not bring the object
//! back, and the same object twice in one write is taken once.

use crate::common::fake_remote::FakeRemote;
use crate::common::network::Instance;
use crate::security::{activity, local_follows_accepted, note, post, timeline_ids, user};
use serde_json::json;

#[tokio::test]
async fn a_round_applies_creates_deletes_and_updates_in_the_order_received() {
    let alpha = Instance::start("alpha.test").await;
    let reader = user(&alpha, "reader").await;
    let fake = FakeRemote::start(&["gina"]).await;
    local_follows_accepted(&alpha, &reader, &fake, "gina").await;
    let gina = fake.actor("gina");

    let first = note(&gina, "1", "<p>first</p>");
    let second = note(&gina, "2", "<p>second</p>");
    let third = note(&gina, "3", "<p>third</p>");
    let mut edited = third.clone();
    edited["content"] = json!("<p>third, edited</p>");
    edited["updated"] = json!("2030-01-01T00:00:00Z");
    let received = [
        activity(&gina, "Create", "1", &first),
        activity(&gina, "Create", "2", &second),
        // The same object again, as a relay would pass it on: one write holds it twice.
        activity(&gina, "Create", "2-relayed", &second),
        activity(&gina, "Delete", "1", &first["id"]),
        // Replayed after its Delete: the object stays deleted.
        activity(&gina, "Create", "1-replayed", &first),
        activity(&gina, "Create", "3", &third),
        activity(&gina, "Update", "3", &edited),
    ];
    for body in &received {
        assert_eq!(post(&alpha, &gina, "/inbox", body).await, 202);
    }
    // Nothing is applied before the processor runs; then one round takes them all.
    assert!(timeline_ids(&alpha, &reader).await.is_empty());
    let report = alpha.inbox().run_once().await.expect("a round");
    assert_eq!(
        (report.claimed, report.processed, report.failed),
        (received.len(), received.len(), 0)
    );

    let mut shown = timeline_ids(&alpha, &reader).await;
    shown.sort();
    let mut expected = [&second, &third].map(|n| n["id"].as_str().expect("id").to_owned());
    expected.sort();
    assert_eq!(
        shown, expected,
        "the deleted note is not shown, and none twice"
    );
    let store = &alpha.state.store;
    let shown_third = store
        .remote_object(third["id"].as_str().expect("id"))
        .await
        .expect("read")
        .expect("stored");
    assert!(
        shown_third.content_html.contains("third, edited"),
        "the Update after its Create in the same round applied: {}",
        shown_third.content_html
    );
    let deleted = store
        .remote_object(first["id"].as_str().expect("id"))
        .await
        .expect("read");
    assert_eq!(deleted, None, "the replayed Create did not bring it back");
    assert_eq!(alpha.inbox().run_once().await.expect("a round").claimed, 0);
}
