//! Input hardening (SECURITY.md §4 E): sizes, depth, duplicate keys, JSON-LD shape variants.

use super::{
    AS, PUBLIC, activity, assert_refused_and_untouched, authority, expect_status, follow,
    followers, local_follows_accepted, note, organization, post, timeline_ids, user,
};
use crate::common::fake_remote::{FakeRemote, deliver};
use crate::common::network::{Instance, settle};
use serde_json::json;

// E. Input hardening
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn t29_size_depth_and_duplicate_keys() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve", "dave"]).await;
    let eve = fake.actor("eve");
    let dave = fake.actor("dave");
    let auth = authority(&alpha);

    // More than 1 MiB, validly signed: refused for its size.
    let huge = activity(
        &eve,
        "Create",
        "huge",
        &note(&eve, "huge", &"a".repeat(1024 * 1024)),
    );
    expect_status(&alpha, &eve.sign_cavage(&auth, "/inbox", &huge), 413).await;
    assert_eq!(fake.hits(), 0);
    assert_refused_and_untouched(&alpha, &huge).await;

    // Nested 100 000 deep, validly signed: a 400, and the server is still there.
    let depth = 100_000;
    let deep = format!(
        r#"{{"id":"{}","type":"Create","actor":"{}","object":{}{}}}"#,
        eve.url("activities/deep"),
        eve.id,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let signed = eve.sign_raw_cavage(&auth, "/inbox", deep.into_bytes());
    expect_status(&alpha, &signed, 400).await;
    assert_eq!(
        alpha
            .state
            .store
            .inbox_activity_count(eve.url("activities/deep").as_str())
            .await
            .expect("count"),
        0
    );

    // `actor` twice, with different values, in both orders; `object` and `type` twice.
    let org_id = org.id.as_str();
    let like = r#""type":"Like""#;
    let follows = r#""type":"Follow""#;
    let bodies = [
        (
            r#""type":"Follow""#,
            format!(r#""actor":"{}","actor":"{}""#, dave.id, eve.id),
            org_id,
        ),
        (
            r#""type":"Follow""#,
            format!(r#""actor":"{}","actor":"{}""#, eve.id, dave.id),
            org_id,
        ),
    ];
    let mut cases: Vec<String> = bodies
        .iter()
        .map(|(kind, actors, object)| format!(r#"{kind},{actors},"object":"{object}""#))
        .collect();
    cases.push(format!(
        r#"{follows},"actor":"{}","object":"{}","object":"{org_id}""#,
        eve.id, dave.id
    ));
    cases.push(format!(
        r#"{like},{follows},"actor":"{}","object":"{org_id}""#,
        eve.id
    ));
    for (n, fields) in cases.iter().enumerate() {
        let id = eve.url(&format!("follows/duplicate-{n}"));
        let body = format!(r#"{{"@context":"{AS}","id":"{id}",{fields}}}"#);
        let (status, answer) = deliver(
            alpha.port,
            &eve.sign_raw_cavage(&auth, "/inbox", body.clone().into_bytes()),
        )
        .await;
        assert!(status == 400 || status == 401, "{body}: {status}: {answer}");
        let count = alpha
            .state
            .store
            .inbox_activity_count(id.as_str())
            .await
            .expect("count");
        assert_eq!(count, 0, "an ambiguous activity was stored: {body}");
    }
    settle(&[&alpha]).await;
    assert!(followers(&alpha, &org).await.is_empty());

    let fine = follow(&eve, &org.id, "fine");
    assert_eq!(
        post(&alpha, &eve, "/inbox", &fine).await,
        202,
        "still serving"
    );
}

#[tokio::test]
async fn t30_jsonld_shape_variants() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let bob = user(&alpha, "bob").await;
    let fake = FakeRemote::start(&["eve", "dave"]).await;
    let eve = fake.actor("eve");
    let dave = fake.actor("dave");
    local_follows_accepted(&alpha, &bob, &fake, "eve").await;

    let mut two_actors = follow(&eve, &org.id, "two");
    two_actors["actor"] = json!([eve.id, dave.id]);
    assert_eq!(post(&alpha, &eve, "/inbox", &two_actors).await, 400);
    assert_refused_and_untouched(&alpha, &two_actors).await;

    let mut expected = Vec::new();
    for (n, to) in [
        json!(PUBLIC),
        json!([PUBLIC]),
        json!("as:Public"),
        json!(["as:Public"]),
        json!("Public"),
        json!(["Public", format!("{}/followers", eve.id)]),
    ]
    .into_iter()
    .enumerate()
    {
        let mut object = note(&eve, &n.to_string(), "hello");
        object["to"] = to.clone();
        let mut create = activity(&eve, "Create", &n.to_string(), &object);
        create["to"] = to;
        assert_eq!(post(&alpha, &eve, "/inbox", &create).await, 202, "{create}");
        expected.push(object["id"].as_str().expect("id").to_owned());
    }
    settle(&[&alpha]).await;
    let mut shown = timeline_ids(&alpha, &bob).await;
    shown.sort();
    expected.sort();
    assert_eq!(shown, expected);
}

#[tokio::test]
async fn unknown_activity_type_is_acknowledged_and_dropped() {
    let alpha = Instance::start("alpha.test").await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let like = activity(
        &eve,
        "Like",
        "1",
        &json!(format!("{}/notes/1", alpha.base())),
    );
    assert_eq!(post(&alpha, &eve, "/inbox", &like).await, 202);
    assert_refused_and_untouched(&alpha, &like).await;
    // Unsigned, the same Like is still refused: "ignored" is not a way around the signature.
    let mut unsigned = eve.sign_cavage(&authority(&alpha), "/inbox", &like);
    unsigned.headers.remove("signature");
    expect_status(&alpha, &unsigned, 401).await;
}

#[tokio::test]
async fn t35_a_flooding_server_gets_429_with_retry_after_and_others_are_still_served() {
    let alpha = Instance::start_configured("alpha.test", |config| {
        config.limits.inbox_per_host_per_minute = 3;
    })
    .await;
    let org = organization(&alpha).await;
    let flood = FakeRemote::start(&["eve"]).await;
    let eve = flood.actor("eve");
    for n in 0..3 {
        let like = activity(&eve, "Like", &n.to_string(), &json!(org.id));
        assert_eq!(
            post(&alpha, &eve, "/inbox", &like).await,
            202,
            "within the budget"
        );
    }
    let over = activity(&eve, "Like", "over", &json!(org.id));
    let (status, headers, body) = crate::common::fake_remote::deliver_full(
        alpha.port,
        &eve.sign_cavage(&authority(&alpha), "/inbox", &over),
    )
    .await;
    assert_eq!(status.as_u16(), 429, "{body}");
    let retry_after: Option<u64> = headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    assert!(
        retry_after.is_some_and(|secs| secs >= 1),
        "Retry-After tells the sender when"
    );

    // Forged requests in another server's name do not spend its budget, and it is still served.
    let other = FakeRemote::start_as("gamma.test", &["carol"]).await;
    let carol = other.actor("carol");
    let follow_request = follow(&carol, &org.id, "1");
    assert_eq!(post(&alpha, &carol, "/inbox", &follow_request).await, 202);
}

#[tokio::test]
async fn a_sender_fault_is_set_aside_at_once_with_its_reason_and_never_retried() {
    let alpha = Instance::start("alpha.test").await;
    let fake = FakeRemote::start(&["alice"]).await;
    let alice = fake.actor("alice");
    // A Create of a note its own server does not serve (404): nothing can ever be applied.
    let missing = alice.url("notes/missing");
    let create = activity(&alice, "Create", "missing", &json!(missing));
    assert_eq!(post(&alpha, &alice, "/inbox", &create).await, 202);
    let inbox = alpha.inbox();
    let report = inbox.drain().await.expect("drains");
    assert_eq!((report.claimed, report.failed), (1, 0), "{report:?}");

    let id = create["id"].as_str().expect("an id");
    let (state, attempts, reason) = alpha
        .state
        .store
        .inbox_activity_state(id)
        .await
        .expect("reads")
        .expect("stored");
    assert_eq!((state.as_str(), attempts), ("dead", 0), "{reason:?}");
    assert!(
        reason
            .as_deref()
            .is_some_and(|r| r.contains("notes/missing")),
        "the reason is kept: {reason:?}"
    );
    // Not claimed again, so the sender's server is not asked again either.
    assert_eq!(inbox.drain().await.expect("drains").claimed, 0);
    assert_eq!(fake.gets_of(missing.path()), 1);
}
