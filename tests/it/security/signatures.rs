//! Signatures and replay (SECURITY.md §4 A): what a forged, replayed or weakly signed POST gets.

use super::{
    HOUR, activity, assert_refused_and_untouched, authority, digest, expect_status, follow,
    followers, hand_signed, knows_actor, note, organization, post, stored_activities,
};
use crate::common::fake_remote::{FakeRemote, deliver};
use crate::common::network::{Instance, settle};
use axum::http::{HeaderValue, header};
use serde_json::{Value, json};
use sqlx::Connection;
use std::time::SystemTime;
use url::Url;

// ---------------------------------------------------------------------------------------------
// A. Signatures and replay
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn t01_unsigned_post_is_refused_without_egress() {
    let alpha = Instance::start("alpha.test").await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let create = activity(&eve, "Create", "1", &note(&eve, "1", "hello"));

    // Everything a signed request has but the signature.
    let mut unsigned = eve.sign_cavage(&authority(&alpha), "/inbox", &create);
    unsigned.headers.remove("signature");
    expect_status(&alpha, &unsigned, 401).await;
    // A bare JSON POST.
    let mut bare = unsigned.clone();
    bare.headers.remove("digest");
    bare.headers.remove(header::DATE);
    expect_status(&alpha, &bare, 401).await;

    assert_refused_and_untouched(&alpha, &create).await;
    assert!(!knows_actor(&alpha, &eve.id).await);
    assert_eq!(
        fake.hits(),
        0,
        "the actor was fetched: {:?}",
        fake.requests()
    );
}

#[tokio::test]
async fn t02_body_swapped_after_signing_is_refused() {
    let alpha = Instance::start("alpha.test").await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let signed = activity(&eve, "Create", "1", &note(&eve, "1", "the body eve signed"));
    let swapped = activity(&eve, "Create", "2", &note(&eve, "2", "another body"));

    // The signed Digest no longer matches: refused before any key lookup.
    let mut tampered = eve.sign_cavage(&authority(&alpha), "/inbox", &signed);
    tampered.body = swapped.to_string().into_bytes();
    expect_status(&alpha, &tampered, 401).await;
    assert_eq!(fake.hits(), 0, "a digest mismatch costs no fetch");

    // The Digest recomputed for the new body: the signature covers the old Digest.
    let digest = digest(&tampered.body);
    tampered
        .headers
        .insert("digest", HeaderValue::from_str(&digest).expect("a value"));
    expect_status(&alpha, &tampered, 401).await;

    for activity in [&signed, &swapped] {
        assert_refused_and_untouched(&alpha, activity).await;
    }
}

#[tokio::test]
async fn t03_weak_signed_header_lists_are_refused() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let follow = follow(&eve, &org.id, "1");
    let date = httpdate::fmt_http_date(SystemTime::now());

    for covered in [
        &["digest"][..],
        &["date", "digest"],
        &["(request-target)", "date", "digest"],
        &["host", "date", "digest"],
        &["(request-target)", "host", "digest"], // neither date nor (created)
        &["(request-target)", "host", "date"],   // the body is not bound
    ] {
        let weak = hand_signed(&eve, &alpha, "/inbox", &follow, &date, covered);
        let (status, answer) = deliver(alpha.port, &weak).await;
        assert_eq!(status, 401, "headers={covered:?}: {answer}");
    }
    assert_eq!(
        fake.hits(),
        0,
        "weak signatures are refused before any fetch"
    );
    assert_refused_and_untouched(&alpha, &follow).await;

    // The same hand-built signature over the full list is good: the list alone was at fault.
    let strong = hand_signed(
        &eve,
        &alpha,
        "/inbox",
        &follow,
        &date,
        &["(request-target)", "host", "date", "digest"],
    );
    expect_status(&alpha, &strong, 202).await;
    settle(&[&alpha]).await;
    assert_eq!(followers(&alpha, &org).await, vec![eve.id.to_string()]);
}

#[tokio::test]
async fn t04_captured_signature_replayed_elsewhere_is_refused() {
    let alpha = Instance::start("alpha.test").await;
    let beta = Instance::start("beta.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let follow = follow(&eve, &org.id, "1");
    let original = eve.sign_cavage(&authority(&alpha), "/actors/climate_now/inbox", &follow);

    // Another Host, or a request signed for another server: refused on the cheap checks.
    let mut other_host = original.clone();
    other_host.headers.insert(
        header::HOST,
        HeaderValue::from_str(&authority(&beta)).expect("a value"),
    );
    expect_status(&alpha, &other_host, 401).await;
    let for_beta = eve.sign_cavage(&authority(&beta), "/actors/climate_now/inbox", &follow);
    expect_status(&alpha, &for_beta, 401).await;
    assert_eq!(fake.hits(), 0, "a foreign Host costs no fetch");

    // Another path: only the key can tell, so eve's document is fetched once, nothing else.
    let mut to_shared = original.clone();
    to_shared.path = "/inbox".to_owned();
    expect_status(&alpha, &to_shared, 401).await;
    let mut to_alice = original.clone();
    to_alice.path = "/actors/alice/inbox".to_owned();
    expect_status(&alpha, &to_alice, 401).await;
    assert_eq!(fake.gets_of("/users/eve"), 1);
    assert_eq!(fake.hits(), 1, "{:?}", fake.requests());

    assert_refused_and_untouched(&alpha, &follow).await;
    assert!(followers(&alpha, &org).await.is_empty());

    // The captured request itself is good where it was meant to go.
    expect_status(&alpha, &original, 202).await;
    assert_eq!(stored_activities(&alpha, &follow).await, 1);
}

#[tokio::test]
async fn t05_date_window_is_enforced_both_ways() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let now = SystemTime::now();
    let auth = authority(&alpha);

    let stale = follow(&eve, &org.id, "past");
    expect_status(
        &alpha,
        &eve.sign_cavage_at(&auth, "/inbox", &stale, now - 13 * HOUR),
        401,
    )
    .await;
    let future = follow(&eve, &org.id, "future");
    expect_status(
        &alpha,
        &eve.sign_cavage_at(&auth, "/inbox", &future, now + 13 * HOUR),
        401,
    )
    .await;
    let garbage = follow(&eve, &org.id, "garbage");
    let covered = ["(request-target)", "host", "date", "digest"];
    let signed = hand_signed(&eve, &alpha, "/inbox", &garbage, "wrong date", &covered);
    expect_status(&alpha, &signed, 401).await;

    assert_eq!(fake.hits(), 0, "clock checks come before any fetch");
    for activity in [&stale, &future, &garbage] {
        assert_refused_and_untouched(&alpha, activity).await;
    }

    // Inside the window, skewed either way, is fine.
    let slow = follow(&eve, &org.id, "slow-clock");
    expect_status(
        &alpha,
        &eve.sign_cavage_at(&auth, "/inbox", &slow, now - 11 * HOUR),
        202,
    )
    .await;
    let fast = follow(&eve, &org.id, "fast-clock");
    expect_status(
        &alpha,
        &eve.sign_cavage_at(&auth, "/inbox", &fast, now + 11 * HOUR),
        202,
    )
    .await;
}

#[tokio::test]
async fn t06_duplicate_follow_is_stored_and_answered_once() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let follow = follow(&eve, &org.id, "1");
    let signed = eve.sign_cavage(&authority(&alpha), "/actors/climate_now/inbox", &follow);

    for _ in 0..2 {
        expect_status(&alpha, &signed, 202).await;
    }
    let mut concurrent = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let signed = signed.clone();
        let port = alpha.port;
        concurrent.spawn(async move { deliver(port, &signed).await });
    }
    while let Some(answer) = concurrent.join_next().await {
        let (status, body) = answer.expect("the task ran");
        assert!(status.is_success(), "{status}: {body}");
    }
    assert_eq!(stored_activities(&alpha, &follow).await, 1);

    let processed = alpha.inbox().drain().await.expect("inbox drains");
    assert_eq!(processed.processed, 1, "{processed:?}");
    let delivered = alpha.delivery().drain().await.expect("deliveries drain");
    assert_eq!(delivered.delivered, 1, "{delivered:?}");
    assert_eq!(followers(&alpha, &org).await, vec![eve.id.to_string()]);
    let accepts: Vec<Value> = fake
        .posted()
        .into_iter()
        .filter(|posted| posted["type"] == "Accept")
        .collect();
    assert_eq!(accepts.len(), 1, "{accepts:?}");
    assert_eq!(accepts[0]["object"]["id"], follow["id"]);
}

/// A delivery retried after it was stored is answered 202 without being read again, but only
/// when its signature holds: the same activity with a broken signature is still a 401.
#[tokio::test]
async fn t06b_a_stored_activity_resent_with_a_broken_signature_is_refused() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let follow = follow(&eve, &org.id, "1");
    let signed = eve.sign_cavage(&authority(&alpha), "/actors/climate_now/inbox", &follow);
    expect_status(&alpha, &signed, 202).await;
    let fetched = fake.hits();
    expect_status(&alpha, &signed, 202).await;
    assert_eq!(fake.hits(), fetched, "a retried delivery costs no fetch");
    let mut broken = signed.clone();
    let header = broken
        .headers
        .get("signature")
        .and_then(|v| v.to_str().ok())
        .expect("a signature")
        .replace("signature=\"", "signature=\"AAAA");
    broken.headers.insert(
        "signature",
        HeaderValue::from_str(&header).expect("a header"),
    );
    expect_status(&alpha, &broken, 401).await;
    assert_eq!(stored_activities(&alpha, &follow).await, 1);
}

#[tokio::test]
async fn t07_key_owner_must_be_the_actor() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve", "dave"]).await;
    let victim_host = FakeRemote::start(&["victim"]).await;
    let eve = fake.actor("eve");
    let victim = victim_host.actor("victim");

    // The victim's activity on the victim's host, signed by eve's valid key.
    let forged = follow(&victim, &org.id, "1");
    let post = eve.sign_cavage(&authority(&alpha), "/inbox", &forged);
    expect_status(&alpha, &post, 401).await;
    // The same with the activity id on eve's host.
    let mut mixed = forged.clone();
    mixed["id"] = json!(eve.url("follows/as-victim"));
    expect_status(
        &alpha,
        &eve.sign_cavage(&authority(&alpha), "/inbox", &mixed),
        401,
    )
    .await;
    assert_eq!(victim_host.hits(), 0, "the victim was never contacted");
    assert_eq!(fake.hits(), 0, "key host and actor host differ: no fetch");
    assert!(!knows_actor(&alpha, &victim.id).await);

    // Another actor of eve's own host: its document may be fetched, nothing more.
    let dave = fake.actor("dave");
    let as_dave = follow(&dave, &org.id, "2");
    expect_status(
        &alpha,
        &eve.sign_cavage(&authority(&alpha), "/inbox", &as_dave),
        401,
    )
    .await;
    let requests = fake.requests();
    assert!(
        requests.iter().all(|hit| hit.path == "/users/dave"),
        "{requests:?}"
    );

    for activity in [&forged, &mixed, &as_dave] {
        assert_refused_and_untouched(&alpha, activity).await;
    }
    assert!(followers(&alpha, &org).await.is_empty());
}

#[tokio::test]
async fn t08_key_document_owner_must_be_the_actor() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve", "mallory"]).await;
    let eve = fake.actor("eve");
    let mallory = fake.actor("mallory");
    fake.set_key_owner("mallory", &eve.id);

    // Mallory's document says her key belongs to eve.
    let own = follow(&mallory, &org.id, "1");
    expect_status(
        &alpha,
        &mallory.sign_cavage(&authority(&alpha), "/inbox", &own),
        401,
    )
    .await;
    assert!(
        !knows_actor(&alpha, &mallory.id).await,
        "a lying actor is not stored"
    );
    // Mallory signs for eve with the key that claims eve as its owner.
    let as_eve = follow(&eve, &org.id, "2");
    expect_status(
        &alpha,
        &mallory.sign_cavage(&authority(&alpha), "/inbox", &as_eve),
        401,
    )
    .await;

    for activity in [&own, &as_eve] {
        assert_refused_and_untouched(&alpha, activity).await;
    }
    assert!(followers(&alpha, &org).await.is_empty());
    // Eve herself is still believed.
    let real = follow(&eve, &org.id, "3");
    assert_eq!(post(&alpha, &eve, "/inbox", &real).await, 202);
}

#[tokio::test]
async fn t23_rotated_key_is_refetched_once_when_the_cache_may_be_stale() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve"]).await;
    let old = fake.actor("eve");
    assert_eq!(
        post(&alpha, &old, "/inbox", &follow(&old, &org.id, "1")).await,
        202
    );
    assert_eq!(fake.gets_of("/users/eve"), 1, "fetched once to verify");

    let new = fake.rotate_key("eve");
    // Just fetched: a failing key is not a reason to fetch again (rate limit), so a flood of
    // bad signatures cannot make us hammer the sender.
    for n in 0..3 {
        let create = activity(
            &new,
            "Create",
            &format!("early-{n}"),
            &note(&new, "1", "hi"),
        );
        assert_eq!(post(&alpha, &new, "/inbox", &create).await, 401);
    }
    assert_eq!(
        fake.gets_of("/users/eve"),
        1,
        "no refetch inside the window"
    );

    // Once the cached copy is old enough, the failing key causes exactly one refetch.
    backdate_actor_fetch(&alpha, &new.id).await;
    let create = activity(&new, "Create", "late", &note(&new, "1", "hi"));
    assert_eq!(post(&alpha, &new, "/inbox", &create).await, 202);
    assert_eq!(fake.gets_of("/users/eve"), 2, "one refetch after rotation");
    let next = activity(&new, "Create", "later", &note(&new, "2", "hi again"));
    assert_eq!(post(&alpha, &new, "/inbox", &next).await, 202);
    assert_eq!(fake.gets_of("/users/eve"), 2, "the new key is cached");
    // The old key is now refused.
    let stale = activity(&old, "Create", "old-key", &note(&old, "3", "hi"));
    assert_eq!(post(&alpha, &old, "/inbox", &stale).await, 401);
}

/// Makes the instance's copy of `actor` look an hour old, as it would be when a peer rotates
/// its key some time after we last fetched it (the test cannot wait for the clock). Written
/// from another connection, as another process would: the instance sees it once the actor it
/// keeps in memory is older than `FRESH_FOR`.
async fn backdate_actor_fetch(instance: &Instance, actor: &Url) {
    let mut db = sqlx::AnyConnection::connect(instance.db.url.expose())
        .await
        .expect("connect to the instance's database");
    let updated =
        sqlx::query("UPDATE remote_actors SET fetched_at = fetched_at - 3600000 WHERE ap_id = $1")
            .bind(actor.as_str())
            .execute(&mut db)
            .await
            .expect("backdate");
    assert_eq!(updated.rows_affected(), 1);
    db.close().await.ok();
    tokio::time::sleep(solidarity::db::FRESH_FOR).await;
}

#[tokio::test]
async fn rfc9421_signed_follow_is_accepted() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let other = follow(&eve, &org.id, "2");
    let follow = follow(&eve, &org.id, "1");
    let signed = eve.sign_rfc9421(&authority(&alpha), "/actors/climate_now/inbox", &follow);

    let mut tampered = signed.clone();
    tampered.body = other.to_string().into_bytes();
    expect_status(&alpha, &tampered, 401).await;
    let mut elsewhere = signed.clone();
    elsewhere.path = "/inbox".to_owned();
    expect_status(&alpha, &elsewhere, 401).await;

    expect_status(&alpha, &signed, 202).await;
    settle(&[&alpha]).await;
    assert_eq!(followers(&alpha, &org).await, vec![eve.id.to_string()]);
    assert!(
        fake.posted()
            .iter()
            .any(|posted| posted["type"] == "Accept"),
        "eve got her Accept"
    );
}
