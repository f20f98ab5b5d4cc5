//! Adversarial tests of the inbox (SECURITY.md §4, A–E): a real instance on loopback, a counting
//! fake remote that signs as its actors, and for each attack the status a peer sees, what the
//! instance's store holds afterwards and, where the check must come before any network work,
//! that the fake received no request at all.

use crate::common::fake_remote::{FakeActor, FakeRemote, SignedPost, deliver};
use crate::common::network::{Instance, settle};
use crate::common::seed;
use axum::http::{HeaderValue, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use solidarity::db::{DbError, DbUser, FollowState};
use solidarity::service::follows::follow_remote;
use std::time::Duration;
use url::Url;

mod actors;
mod authorization;
mod fanout;
mod input;
mod signatures;
mod signatures_keyid;
mod signed_get;

pub(super) const AS: &str = "https://www.w3.org/ns/activitystreams";
pub(super) const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";
pub(super) const HOUR: Duration = Duration::from_secs(3600);

// ---------------------------------------------------------------------------------------------
// The target instance and what it holds
// ---------------------------------------------------------------------------------------------

/// The name peers address the instance by (`alpha.test:PORT`).
pub(super) fn authority(instance: &Instance) -> String {
    format!("{}:{}", instance.host, instance.port)
}

pub(super) async fn user(instance: &Instance, name: &str) -> DbUser {
    seed::user(&instance.state.store, name).await
}

/// The organization `climate_now`, owned by a user `alice`: its id and its actor row.
pub(super) struct Org {
    pub(super) id: Url,
    pub(super) actor_id: i64,
    pub(super) owner: DbUser,
}

pub(super) async fn organization(instance: &Instance) -> Org {
    let owner = user(instance, "alice").await;
    let org = seed::organization(&instance.state.store, "climate_now", "alice").await;
    Org {
        id: Url::parse(&format!("{}/actors/climate_now", instance.base())).expect("a URL"),
        actor_id: org.actor_id,
        owner,
    }
}

pub(super) async fn followers(instance: &Instance, org: &Org) -> Vec<String> {
    instance
        .state
        .store
        .follower_ids(org.actor_id)
        .await
        .expect("followers")
}

pub(super) async fn stored_activities(instance: &Instance, activity: &Value) -> i64 {
    let id = activity["id"].as_str().expect("the activity has an id");
    instance
        .state
        .store
        .inbox_activity_count(id)
        .await
        .expect("count")
}

pub(super) async fn object_author(instance: &Instance, id: &str) -> Option<String> {
    instance
        .state
        .store
        .remote_object_author(id)
        .await
        .expect("lookup")
}

pub(super) async fn knows_actor(instance: &Instance, id: &Url) -> bool {
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

pub(super) async fn timeline_ids(instance: &Instance, user: &DbUser) -> Vec<String> {
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
pub(super) async fn assert_refused_and_untouched(instance: &Instance, activity: &Value) {
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

pub(super) fn follow(actor: &FakeActor, object: &Url, n: &str) -> Value {
    json!({
        "@context": AS,
        "id": actor.url(&format!("follows/{n}")),
        "type": "Follow",
        "actor": actor.id,
        "object": object,
    })
}

pub(super) fn note(author: &FakeActor, n: &str, content: &str) -> Value {
    json!({
        "id": author.url(&format!("notes/{n}")),
        "type": "Note",
        "attributedTo": author.id,
        "content": content,
        "to": [PUBLIC],
    })
}

/// `kind` (Create, Update, Delete, Undo, Accept, Like...) of `object` by `actor`.
pub(super) fn activity(actor: &FakeActor, kind: &str, n: &str, object: &Value) -> Value {
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
pub(super) async fn post(
    instance: &Instance,
    actor: &FakeActor,
    path: &str,
    body: &Value,
) -> StatusCode {
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
pub(super) async fn expect_status(instance: &Instance, post: &SignedPost, expected: u16) {
    let (status, answer) = deliver(instance.port, post).await;
    assert_eq!(status.as_u16(), expected, "{answer}");
}

pub(super) fn digest(body: &[u8]) -> String {
    format!("SHA-256={}", STANDARD.encode(Sha256::digest(body)))
}

/// A POST whose `Signature` is built by hand over exactly `covered` (names; values are taken
/// from the request), with a valid RSA signature by `actor`.
pub(super) fn hand_signed(
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
pub(super) async fn local_follows(
    instance: &Instance,
    user: &DbUser,
    fake: &FakeRemote,
    name: &str,
) -> Value {
    let handle = format!("{name}@{}", fake.actor_id(name).authority());
    follow_remote(&instance.state, user, &handle)
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
pub(super) async fn following(
    instance: &Instance,
    user: &DbUser,
    remote: &Url,
) -> Option<FollowState> {
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
pub(super) async fn local_follows_accepted(
    instance: &Instance,
    user: &DbUser,
    fake: &FakeRemote,
    name: &str,
) {
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
