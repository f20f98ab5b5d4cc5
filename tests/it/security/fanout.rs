//! SECURITY.md T28, recursion and fan-out: an activity naming thousands of recipients is
//! refused before any work, and a reply at the end of a long `inReplyTo` chain costs no fetch
//! of the chain.

use super::{
    AS, PUBLIC, activity, assert_refused_and_untouched, authority, expect_status, note,
    organization, post,
};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::Instance;
use serde_json::{Value, json};

#[tokio::test]
async fn t28_thousands_of_recipients_are_refused_and_reply_chains_are_not_walked() {
    let alpha = Instance::start("alpha.test").await;
    organization(&alpha).await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");

    let crowd: Vec<Value> = (0..5000)
        .map(|n| Value::String(format!("https://victims.example/users/{n}")))
        .collect();
    let mut flood = activity(&eve, "Create", "crowd", &note(&eve, "crowd", "hi"));
    flood["to"] = Value::Array(crowd);
    expect_status(
        &alpha,
        &eve.sign_cavage(&authority(&alpha), "/inbox", &flood),
        400,
    )
    .await;
    assert_eq!(fake.hits(), 0, "refused before the key was fetched");
    assert_refused_and_untouched(&alpha, &flood).await;

    // A reply whose inReplyTo chain goes on for a thousand notes: the chain is not fetched.
    let mut reply = note(&eve, "deep", "the thousandth reply");
    reply["inReplyTo"] = json!(eve.url("notes/999"));
    let create = json!({"@context": AS, "id": eve.url("activities/deep"), "type": "Create",
                        "actor": eve.id, "object": reply, "to": [PUBLIC]});
    assert_eq!(post(&alpha, &eve, "/inbox", &create).await, 202);
    alpha.inbox().drain().await.expect("inbox drains");
    let fetched: Vec<String> = fake.requests().into_iter().map(|hit| hit.path).collect();
    assert_eq!(
        fetched,
        vec!["/users/eve".to_owned()],
        "only the key was fetched"
    );
}
