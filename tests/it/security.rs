//! Adversarial tests of the inbox (SECURITY.md §4, A–E): a real instance on loopback, a counting
//! fake remote that signs as its actors, and for each attack the status a peer sees, what the
//! instance's store holds afterwards and, where the check must come before any network work,
//! that the fake received no request at all.

use crate::common::fake_remote::{FakeActor, FakeRemote, SignedPost, deliver};
use crate::common::network::{Instance, settle};
use axum::http::{HeaderValue, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use solidarity::db::{DbError, DbUser, FollowState};
use solidarity::domain::{Handle, Password};
use solidarity::service::follows::follow_remote;
use solidarity::service::notes::publish_note;
use solidarity::service::orgs::{NewOrganizationRequest, create_organization};
use solidarity::service::users::{NewUserRequest, create_user};
use sqlx::Connection;
use std::time::{Duration, SystemTime};
use url::Url;

const AS: &str = "https://www.w3.org/ns/activitystreams";
const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";
const HOUR: Duration = Duration::from_secs(3600);

// ---------------------------------------------------------------------------------------------
// The target instance and what it holds
// ---------------------------------------------------------------------------------------------

/// The name peers address the instance by (`alpha.test:PORT`).
fn authority(instance: &Instance) -> String {
    format!("{}:{}", instance.host, instance.port)
}

async fn user(instance: &Instance, name: &str) -> DbUser {
    create_user(
        &instance.state.store,
        NewUserRequest {
            handle: Handle::parse(name).expect("valid"),
            display_name: None,
            password: Password::parse("correct horse battery").expect("valid"),
            is_admin: false,
        },
    )
    .await
    .expect("user")
}

/// The organization `climate_now`, owned by a user `alice`: its id and its actor row.
struct Org {
    id: Url,
    actor_id: i64,
    owner: DbUser,
}

async fn organization(instance: &Instance) -> Org {
    let owner = user(instance, "alice").await;
    let org = create_organization(
        &instance.state.store,
        NewOrganizationRequest {
            handle: Handle::parse("climate_now").expect("valid"),
            name: "Climate Now".to_owned(),
            summary: String::new(),
            owner: owner.handle.clone(),
        },
    )
    .await
    .expect("org");
    Org {
        id: Url::parse(&format!("{}/actors/climate_now", instance.base())).expect("a URL"),
        actor_id: org.actor_id,
        owner,
    }
}

async fn followers(instance: &Instance, org: &Org) -> Vec<String> {
    instance
        .state
        .store
        .follower_ids(org.actor_id)
        .await
        .expect("followers")
}

async fn stored_activities(instance: &Instance, activity: &Value) -> i64 {
    let id = activity["id"].as_str().expect("the activity has an id");
    instance
        .state
        .store
        .inbox_activity_count(id)
        .await
        .expect("count")
}

async fn object_author(instance: &Instance, id: &str) -> Option<String> {
    instance
        .state
        .store
        .remote_object_author(id)
        .await
        .expect("lookup")
}

async fn knows_actor(instance: &Instance, id: &Url) -> bool {
    match instance
        .state
        .store
        .remote_actor_by_ap_id(id.as_str())
        .await
    {
        Ok(_) => true,
        Err(DbError::NotFound) => false,
        Err(other) => panic!("store failure: {other}"),
    }
}

async fn timeline_ids(instance: &Instance, user: &DbUser) -> Vec<String> {
    instance
        .state
        .store
        .timeline(user.actor_id, 50)
        .await
        .expect("timeline")
        .into_iter()
        .map(|entry| entry.ap_id)
        .collect()
}

/// Asserts a refused activity left no trace: not stored, nothing for the worker to process.
async fn assert_refused_and_untouched(instance: &Instance, activity: &Value) {
    assert_eq!(stored_activities(instance, activity).await, 0, "{activity}");
    let processed = instance.inbox().drain().await.expect("inbox drains");
    assert_eq!(processed.claimed, 0, "nothing was queued for processing");
    if let Some(object) = activity["object"]["id"].as_str() {
        assert_eq!(object_author(instance, object).await, None, "{object}");
    }
}

// ---------------------------------------------------------------------------------------------
// Activities as a remote sends them
// ---------------------------------------------------------------------------------------------

fn follow(actor: &FakeActor, object: &Url, n: &str) -> Value {
    json!({
        "@context": AS,
        "id": actor.url(&format!("follows/{n}")),
        "type": "Follow",
        "actor": actor.id,
        "object": object,
    })
}

fn note(author: &FakeActor, n: &str, content: &str) -> Value {
    json!({
        "id": author.url(&format!("notes/{n}")),
        "type": "Note",
        "attributedTo": author.id,
        "content": content,
        "to": [PUBLIC],
    })
}

/// `kind` (Create, Update, Delete, Undo, Accept, Like...) of `object` by `actor`.
fn activity(actor: &FakeActor, kind: &str, n: &str, object: &Value) -> Value {
    json!({
        "@context": AS,
        "id": actor.url(&format!("activities/{}-{n}", kind.to_ascii_lowercase())),
        "type": kind,
        "actor": actor.id,
        "object": object,
        "to": [PUBLIC],
    })
}

/// Signs `body` as `actor` (draft-cavage) for `path` on `instance` and delivers it.
async fn post(instance: &Instance, actor: &FakeActor, path: &str, body: &Value) -> StatusCode {
    let (status, answer) = deliver(
        instance.port,
        &actor.sign_cavage(&authority(instance), path, body),
    )
    .await;
    assert!(
        status.is_success() || status.is_client_error(),
        "never a 5xx: {status} {answer}"
    );
    status
}

/// Asserts the status, showing the instance's reason when it differs.
async fn expect_status(instance: &Instance, post: &SignedPost, expected: u16) {
    let (status, answer) = deliver(instance.port, post).await;
    assert_eq!(status.as_u16(), expected, "{answer}");
}

fn digest(body: &[u8]) -> String {
    format!("SHA-256={}", STANDARD.encode(Sha256::digest(body)))
}

/// A POST whose `Signature` is built by hand over exactly `covered` (names; values are taken
/// from the request), with a valid RSA signature by `actor`.
fn hand_signed(
    actor: &FakeActor,
    instance: &Instance,
    path: &str,
    body: &Value,
    date: &str,
    covered: &[&str],
) -> SignedPost {
    let body = body.to_string().into_bytes();
    let host = authority(instance);
    let digest = digest(&body);
    let target = format!("post {path}");
    let lines: Vec<(&str, &str)> = covered
        .iter()
        .map(|name| {
            let value = match *name {
                "(request-target)" => target.as_str(),
                "host" => host.as_str(),
                "date" => date,
                "digest" => digest.as_str(),
                other => panic!("no value for {other}"),
            };
            (*name, value)
        })
        .collect();
    let mut headers = axum::http::HeaderMap::new();
    let value = |text: &str| HeaderValue::from_str(text).expect("a header value");
    headers.insert(header::CONTENT_TYPE, value("application/activity+json"));
    headers.insert(header::HOST, value(&host));
    headers.insert(header::DATE, value(date));
    headers.insert("digest", value(&digest));
    headers.insert("signature", value(&actor.cavage_signature(&lines)));
    SignedPost {
        path: path.to_owned(),
        headers,
        body,
    }
}

/// A local user follows a fake actor by handle; returns the Follow the fake received.
async fn local_follows(instance: &Instance, user: &DbUser, fake: &FakeRemote, name: &str) -> Value {
    let handle = format!("{name}@{}", fake.actor_id(name).authority());
    follow_remote(
        &instance.state.store,
        &instance.state.federation,
        user,
        &handle,
    )
    .await
    .expect("the follow is sent");
    settle(&[instance]).await;
    let follower = instance.state.federation.urls().actor(&user.handle);
    fake.posted()
        .into_iter()
        .rev()
        .find(|posted| posted["type"] == "Follow" && posted["actor"] == follower.as_str())
        .expect("the Follow reached the fake remote")
}

/// How the local user's follow of a fake actor stands.
async fn following(instance: &Instance, user: &DbUser, remote: &Url) -> Option<FollowState> {
    let Ok(remote) = instance
        .state
        .store
        .remote_actor_by_ap_id(remote.as_str())
        .await
    else {
        return None;
    };
    instance
        .state
        .store
        .following_state(user.actor_id, remote.id)
        .await
        .expect("state")
}

/// A local user follows `name` on the fake, and the fake accepts.
async fn local_follows_accepted(instance: &Instance, user: &DbUser, fake: &FakeRemote, name: &str) {
    let sent = local_follows(instance, user, fake, name).await;
    let remote = fake.actor(name);
    let accept = activity(&remote, "Accept", "setup", &sent);
    assert_eq!(post(instance, &remote, "/inbox", &accept).await, 202);
    settle(&[instance]).await;
    assert_eq!(
        following(instance, user, &remote.id).await,
        Some(FollowState::Accepted)
    );
}

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
/// its key some time after we last fetched it (the test cannot wait for the clock).
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

// ---------------------------------------------------------------------------------------------
// B. Origin and identity
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn t09_objects_outside_the_senders_namespace_are_not_stored() {
    let alpha = Instance::start("alpha.test").await;
    let bob = user(&alpha, "bob").await;
    let fake = FakeRemote::start(&["eve"]).await;
    let victim_host = FakeRemote::start(&["victim"]).await;
    let eve = fake.actor("eve");
    let victim = victim_host.actor("victim");
    local_follows_accepted(&alpha, &bob, &fake, "eve").await;

    let on_our_host = format!("{}/notes/forged", alpha.base());
    let on_victims_host = victim.url("notes/forged").to_string();
    let mut forged = Vec::new();
    for (n, (id, author)) in [
        (&on_our_host, &eve.id),
        (&on_victims_host, &eve.id),
        (&on_victims_host, &victim.id),
    ]
    .into_iter()
    .enumerate()
    {
        let mut object = note(&eve, "x", "forged");
        object["id"] = json!(id);
        object["attributedTo"] = json!(author);
        let create = activity(&eve, "Create", &format!("forged-{n}"), &object);
        // Storing the activity is allowed; applying it is not.
        let status = post(&alpha, &eve, "/inbox", &create).await;
        assert!(status == 202 || status.is_client_error(), "{status}");
        forged.push(create);
    }
    settle(&[&alpha]).await;
    for id in [&on_our_host, &on_victims_host] {
        assert_eq!(object_author(&alpha, id).await, None, "{id} was stored");
    }
    assert!(timeline_ids(&alpha, &bob).await.is_empty());

    // An activity id on another host than its actor is refused outright.
    let mut elsewhere = activity(&eve, "Create", "moved", &note(&eve, "1", "hello"));
    elsewhere["id"] = json!(victim.url("activities/create-1"));
    assert_eq!(post(&alpha, &eve, "/inbox", &elsewhere).await, 403);
    assert_refused_and_untouched(&alpha, &elsewhere).await;
    assert_eq!(victim_host.hits(), 0, "nothing was fetched from the victim");

    // Eve's own note in her own namespace goes through, into bob's timeline.
    let own = note(&eve, "own", "hello");
    let create = activity(&eve, "Create", "own", &own);
    assert_eq!(post(&alpha, &eve, "/inbox", &create).await, 202);
    settle(&[&alpha]).await;
    assert_eq!(
        timeline_ids(&alpha, &bob).await,
        vec![own["id"].as_str().expect("id")]
    );
}

#[tokio::test]
async fn t14_remote_cannot_overwrite_or_delete_a_local_object() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let urls = alpha.state.federation.urls().clone();
    let climate_now = Handle::parse("climate_now").expect("valid");
    let local = publish_note(
        &alpha.state.store,
        &urls,
        &org.owner,
        &climate_now,
        "Strike!",
    )
    .await
    .expect("published");
    let local_id = urls.note(&local.id).to_string();
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");

    for (n, author) in [eve.id.as_str(), org.id.as_str()].into_iter().enumerate() {
        let mut object = note(&eve, "x", "Strike cancelled");
        object["id"] = json!(local_id);
        object["attributedTo"] = json!(author);
        let update = activity(&eve, "Update", &n.to_string(), &object);
        let status = post(&alpha, &eve, "/inbox", &update).await;
        assert!(status == 202 || status.is_client_error(), "{status}");
    }
    let delete = activity(&eve, "Delete", "1", &json!(local_id));
    let status = post(&alpha, &eve, "/inbox", &delete).await;
    assert!(status == 202 || status.is_client_error(), "{status}");
    settle(&[&alpha]).await;

    let after = alpha.state.store.note(&local.id).await.expect("the note");
    assert_eq!(after.content_html, local.content_html);
    assert_eq!(after.deleted_at, None);
    assert_eq!(after.updated_at, None);
    assert_eq!(object_author(&alpha, &local_id).await, None);
}

// ---------------------------------------------------------------------------------------------
// C. Authorisation by activity type
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn t17_spoofed_accept_changes_no_relationship() {
    let alpha = Instance::start("alpha.test").await;
    let bob = user(&alpha, "bob").await;
    let fake = FakeRemote::start(&["alice", "dave", "eve"]).await;
    let alice = fake.actor("alice");
    let dave = fake.actor("dave");
    let eve = fake.actor("eve");
    let sent = local_follows(&alpha, &bob, &fake, "alice").await;
    assert_eq!(
        following(&alpha, &bob, &alice.id).await,
        Some(FollowState::Pending)
    );
    // Eve is known to the instance (she signed something before) but was never followed.
    assert_eq!(
        post(
            &alpha,
            &eve,
            "/inbox",
            &json!({"@context": AS,
        "id": eve.url("likes/1"), "type": "Like", "actor": eve.id, "object": alice.id})
        )
        .await,
        202
    );

    let bob_id = alpha.state.federation.urls().actor(&bob.handle);
    let never_sent = json!({
        "id": format!("{}/activities/never-sent", alpha.base()),
        "type": "Follow",
        "actor": bob_id,
        "object": eve.id,
    });
    let mut wrong_id = sent.clone();
    wrong_id["id"] = json!(format!("{}/activities/other", alpha.base()));
    let spoofs = [
        // A Follow we never sent, to someone we never followed.
        activity(&eve, "Accept", "1", &never_sent),
        activity(&eve, "Accept", "2", &never_sent["id"]),
        // Dave accepts the Follow we sent to alice.
        activity(&dave, "Accept", "3", &sent),
        activity(&dave, "Accept", "4", &sent["id"]),
        // Alice accepts a Follow with another id than ours.
        activity(&alice, "Accept", "5", &wrong_id),
    ];
    for (spoof, signer) in spoofs.iter().zip([&eve, &eve, &dave, &dave, &alice]) {
        let status = post(&alpha, signer, "/inbox", spoof).await;
        assert!(status == 202 || status.is_client_error(), "{status}");
    }
    settle(&[&alpha]).await;
    assert_eq!(
        following(&alpha, &bob, &alice.id).await,
        Some(FollowState::Pending)
    );
    assert_eq!(following(&alpha, &bob, &eve.id).await, None);
    assert_eq!(following(&alpha, &bob, &dave.id).await, None);

    // Alice's own Accept of our Follow settles it.
    let accept = activity(&alice, "Accept", "real", &sent);
    assert_eq!(post(&alpha, &alice, "/inbox", &accept).await, 202);
    settle(&[&alpha]).await;
    assert_eq!(
        following(&alpha, &bob, &alice.id).await,
        Some(FollowState::Accepted)
    );
    // A Reject from dave afterwards changes nothing.
    let reject = activity(&dave, "Reject", "late", &sent);
    assert_eq!(post(&alpha, &dave, "/inbox", &reject).await, 202);
    settle(&[&alpha]).await;
    assert_eq!(
        following(&alpha, &bob, &alice.id).await,
        Some(FollowState::Accepted)
    );
}

#[tokio::test]
async fn t18_undo_follow_by_anyone_but_the_follower_is_ignored() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["alice", "bob"]).await;
    let other_host = FakeRemote::start(&["eve"]).await;
    let alice = fake.actor("alice");
    let bob = fake.actor("bob");
    let eve = other_host.actor("eve");
    let alices_follow = follow(&alice, &org.id, "1");
    assert_eq!(post(&alpha, &alice, "/inbox", &alices_follow).await, 202);
    settle(&[&alpha]).await;
    assert_eq!(followers(&alpha, &org).await, vec![alice.id.to_string()]);

    for (signer, n) in [(&bob, "bob"), (&eve, "eve")] {
        let undo = activity(signer, "Undo", n, &alices_follow);
        let status = post(&alpha, signer, "/inbox", &undo).await;
        assert!(status == 202 || status.is_client_error(), "{status}");
    }
    settle(&[&alpha]).await;
    assert_eq!(followers(&alpha, &org).await, vec![alice.id.to_string()]);

    let undo = activity(&alice, "Undo", "alice", &alices_follow);
    assert_eq!(post(&alpha, &alice, "/inbox", &undo).await, 202);
    settle(&[&alpha]).await;
    assert!(
        followers(&alpha, &org).await.is_empty(),
        "alice's own Undo works"
    );
}

#[tokio::test]
async fn t19_only_the_author_deletes_and_deleted_objects_stay_deleted() {
    let alpha = Instance::start("alpha.test").await;
    let bob = user(&alpha, "bob").await;
    let fake = FakeRemote::start(&["carol", "dave"]).await;
    let other_host = FakeRemote::start(&["eve"]).await;
    let carol = fake.actor("carol");
    let dave = fake.actor("dave");
    let eve = other_host.actor("eve");
    local_follows_accepted(&alpha, &bob, &fake, "carol").await;

    let object = note(&carol, "1", "Meeting on Monday");
    let id = object["id"].as_str().expect("id").to_owned();
    let create = activity(&carol, "Create", "1", &object);
    assert_eq!(post(&alpha, &carol, "/inbox", &create).await, 202);
    settle(&[&alpha]).await;
    assert_eq!(timeline_ids(&alpha, &bob).await, vec![id.clone()]);

    for signer in [&dave, &eve] {
        for (n, target) in [json!(id), object.clone()].iter().enumerate() {
            let delete = activity(signer, "Delete", &n.to_string(), target);
            let status = post(&alpha, signer, "/inbox", &delete).await;
            assert!(status == 202 || status.is_client_error(), "{status}");
        }
    }
    settle(&[&alpha]).await;
    assert_eq!(timeline_ids(&alpha, &bob).await, vec![id.clone()]);
    assert!(
        !alpha
            .state
            .store
            .remote_object_deleted(&id)
            .await
            .expect("state")
    );

    let delete = activity(&carol, "Delete", "1", &json!(id));
    assert_eq!(post(&alpha, &carol, "/inbox", &delete).await, 202);
    settle(&[&alpha]).await;
    assert!(timeline_ids(&alpha, &bob).await.is_empty());
    assert!(
        alpha
            .state
            .store
            .remote_object_deleted(&id)
            .await
            .expect("state")
    );

    // The exact Create again, a new Create of the same id, and an Update: all stay deleted.
    assert_eq!(post(&alpha, &carol, "/inbox", &create).await, 202);
    let again = activity(&carol, "Create", "2", &object);
    assert_eq!(post(&alpha, &carol, "/inbox", &again).await, 202);
    let update = activity(&carol, "Update", "1", &object);
    assert_eq!(post(&alpha, &carol, "/inbox", &update).await, 202);
    settle(&[&alpha]).await;
    assert!(timeline_ids(&alpha, &bob).await.is_empty());
    assert!(
        alpha
            .state
            .store
            .remote_object_deleted(&id)
            .await
            .expect("state")
    );
}

// ---------------------------------------------------------------------------------------------
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
