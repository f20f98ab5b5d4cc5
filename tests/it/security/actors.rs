//! Remote actors updating and deleting themselves (SECURITY.md T23 second part, F8): an actor
//! updates only itself, and only by being fetched again from its origin under the origin rules;
//! a Delete of an actor counts only once its id answers 410 (or 404).

use super::{
    AS, activity, follow, followers, local_follows_accepted, note, organization, post,
    timeline_ids, user,
};
use crate::common::fake_remote::{FakeActor, FakeRemote};
use crate::common::network::Instance;
use serde_json::{Value, json};
use solidarity::db::{ACTOR_DELETED_DELIVERY_ERROR, DbRemoteActor, FollowState};
use solidarity::service::follows::follow_remote;
use sqlx::Connection;
use url::Url;

/// The instance's copy of `actor`.
async fn stored(instance: &Instance, actor: &FakeActor) -> DbRemoteActor {
    instance
        .state
        .store
        .remote_actor_by_ap_id(actor.id.as_str())
        .await
        .expect("the actor is stored")
}

/// Posts `body` as `actor` (accepted for processing) and runs the inbox.
async fn deliver_and_process(instance: &Instance, actor: &FakeActor, body: &Value) {
    assert_eq!(post(instance, actor, "/inbox", body).await, 202, "{body}");
    instance.inbox().drain().await.expect("inbox drains");
}

/// The recorded errors of failed deliveries (the store has no accessor for them).
async fn failed_delivery_errors(instance: &Instance) -> Vec<String> {
    let mut db = sqlx::AnyConnection::connect(instance.db.url.expose())
        .await
        .expect("connect to the instance's database");
    let errors = sqlx::query_scalar(
        "SELECT COALESCE(last_error, '') FROM deliveries WHERE state = 'failed' ORDER BY id",
    )
    .fetch_all(&mut db)
    .await
    .expect("failed deliveries");
    db.close().await.ok();
    errors
}

/// An actor document for `actor` as a sender might embed it, with `inbox` and `name` chosen.
fn actor_document(actor: &FakeActor, name: &str, inbox: &str) -> Value {
    json!({
        "@context": AS,
        "id": actor.id,
        "type": "Person",
        "preferredUsername": actor.name,
        "name": name,
        "inbox": inbox,
        "publicKey": {
            "id": actor.key_id,
            "owner": actor.id,
            "publicKeyPem": actor.key.public_pem(),
        },
    })
}

/// `alice` follows the organization, so the instance knows her; returns her stored copy.
async fn known_alice(instance: &Instance, org_id: &Url, alice: &FakeActor) -> DbRemoteActor {
    deliver_and_process(instance, alice, &follow(alice, org_id, "known")).await;
    stored(instance, alice).await
}

#[tokio::test]
async fn t23_update_of_another_actor_is_ignored() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["alice", "eve"]).await;
    let (alice, eve) = (fake.actor("alice"), fake.actor("eve"));
    let before = known_alice(&alpha, &org.id, &alice).await;
    let fetches = fake.gets_of("/users/alice");

    // Eve sends an Update of Alice with an embedded document.
    let forged = actor_document(&alice, "Pwned", "http://evil.test/inbox");
    deliver_and_process(&alpha, &eve, &activity(&eve, "Update", "1", &forged)).await;
    assert_eq!(stored(&alpha, &alice).await, before, "Alice is unchanged");
    assert_eq!(fake.gets_of("/users/alice"), fetches, "not even refetched");

    // And one by reference: fetched like any referenced object, but an actor is not content.
    let by_id = json!(alice.id);
    deliver_and_process(&alpha, &eve, &activity(&eve, "Update", "2", &by_id)).await;
    assert_eq!(stored(&alpha, &alice).await, before, "Alice is unchanged");
}

#[tokio::test]
async fn t23_own_update_moving_inbox_or_key_owner_elsewhere_is_refused() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["alice", "eve"]).await;
    let (alice, eve) = (fake.actor("alice"), fake.actor("eve"));
    let before = known_alice(&alpha, &org.id, &alice).await;

    // Alice's origin now serves her with an inbox on another host; the embedded copy says so too.
    let elsewhere = Url::parse("http://evil.test/inbox").expect("a URL");
    fake.set_inbox("alice", &elsewhere);
    fake.set_display_name("alice", "Moved");
    let moved = actor_document(&alice, "Moved", elsewhere.as_str());
    let fetches = fake.gets_of("/users/alice");
    deliver_and_process(&alpha, &alice, &activity(&alice, "Update", "1", &moved)).await;
    assert_eq!(
        fake.gets_of("/users/alice"),
        fetches + 1,
        "the actor is fetched again, not taken from the activity"
    );
    assert_eq!(stored(&alpha, &alice).await, before, "inbox not moved");

    // Then her key claims another owner.
    fake.set_inbox("alice", &alice.url("inbox"));
    fake.set_key_owner("alice", &eve.id);
    let by_id = json!(alice.id);
    deliver_and_process(&alpha, &alice, &activity(&alice, "Update", "2", &by_id)).await;
    assert_eq!(stored(&alpha, &alice).await, before, "key owner not moved");
}

#[tokio::test]
async fn t23_own_update_refetches_name_and_rotated_key() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["alice"]).await;
    let old = fake.actor("alice");
    let before = known_alice(&alpha, &org.id, &old).await;

    fake.set_display_name("alice", "Alice Liddell");
    let new = fake.rotate_key("alice");
    // Signed with the key we hold; the embedded copy is not what gets stored.
    let embedded = actor_document(&old, "Embedded, not trusted", old.url("inbox").as_str());
    deliver_and_process(&alpha, &old, &activity(&old, "Update", "1", &embedded)).await;

    let after = stored(&alpha, &old).await;
    assert_eq!(after.name, "Alice Liddell");
    assert_eq!(after.public_key_pem, new.key.public_pem());
    assert_eq!(after.inbox, before.inbox);
    assert!(after.fetched_at >= before.fetched_at);
    // The new key is believed at once, without another fetch.
    let fetches = fake.gets_of("/users/alice");
    let create = activity(&new, "Create", "1", &note(&new, "1", "hello"));
    assert_eq!(post(&alpha, &new, "/inbox", &create).await, 202);
    assert_eq!(fake.gets_of("/users/alice"), fetches);
}

#[tokio::test]
async fn f8_actor_delete_counts_only_once_its_origin_answers_gone() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["alice", "eve"]).await;
    let (alice, eve) = (fake.actor("alice"), fake.actor("eve"));
    let store = &alpha.state.store;

    // Alice follows the organization, Bob follows Alice and sees her note, and Carol's Follow
    // of Alice is still waiting in the delivery queue.
    known_alice(&alpha, &org.id, &alice).await;
    assert_eq!(followers(&alpha, &org).await, vec![alice.id.to_string()]);
    let bob = user(&alpha, "bob").await;
    local_follows_accepted(&alpha, &bob, &fake, "alice").await;
    let hello = note(&alice, "1", "hello");
    deliver_and_process(&alpha, &alice, &activity(&alice, "Create", "1", &hello)).await;
    let note_id = hello["id"].as_str().expect("an id").to_owned();
    assert_eq!(timeline_ids(&alpha, &bob).await, vec![note_id.clone()]);
    let carol = user(&alpha, "carol").await;
    let handle = format!("alice@{}", alice.id.authority());
    follow_remote(&alpha.state, &carol, &handle)
        .await
        .expect("the follow is queued");
    let alice_row = stored(&alpha, &alice).await;
    let pending_to_alice = || async {
        let stats = store.queue_stats().await.expect("stats");
        let host = stats
            .into_iter()
            .find(|stats| stats.host == alice_row.host)
            .expect("deliveries to the fake");
        (host.pending, host.failed)
    };
    assert_eq!(pending_to_alice().await, (1, 0));

    let unchanged = || async {
        assert_eq!(followers(&alpha, &org).await, vec![alice.id.to_string()]);
        assert_eq!(
            store
                .following_state(bob.actor_id, alice_row.id)
                .await
                .expect("state"),
            Some(FollowState::Accepted)
        );
        assert_eq!(timeline_ids(&alpha, &bob).await, vec![note_id.clone()]);
        assert_eq!(pending_to_alice().await, (1, 0));
        assert_eq!(stored(&alpha, &alice).await.deleted_at, None);
    };

    // Eve deletes Alice: only an actor deletes itself.
    let alice_id = json!(alice.id);
    deliver_and_process(&alpha, &eve, &activity(&eve, "Delete", "1", &alice_id)).await;
    unchanged().await;
    // Alice's key deletes Alice while her account still resolves: a stolen key is not enough.
    deliver_and_process(&alpha, &alice, &activity(&alice, "Delete", "1", &alice_id)).await;
    unchanged().await;

    // The account is really gone now.
    fake.set_gone("alice");
    deliver_and_process(&alpha, &alice, &activity(&alice, "Delete", "2", &alice_id)).await;
    assert!(
        followers(&alpha, &org).await.is_empty(),
        "her follow is gone"
    );
    for local in [&bob, &carol] {
        assert_eq!(
            store
                .following_state(local.actor_id, alice_row.id)
                .await
                .expect("state"),
            None,
            "{}'s follow of her is gone",
            local.handle
        );
    }
    assert!(
        timeline_ids(&alpha, &bob).await.is_empty(),
        "her note is gone"
    );
    assert_eq!(
        pending_to_alice().await,
        (0, 1),
        "Carol's Follow is not sent"
    );
    let stats = store.queue_stats().await.expect("stats");
    assert!(stats.iter().all(|host| host.pending == 0));
    assert_eq!(
        failed_delivery_errors(&alpha).await,
        vec![ACTOR_DELETED_DELIVERY_ERROR.to_owned()]
    );
    assert!(stored(&alpha, &alice).await.deleted_at.is_some());

    // Whoever still holds her key cannot bring her relationships back.
    let again = follow(&alice, &org.id, "after-deletion");
    deliver_and_process(&alpha, &alice, &again).await;
    assert!(followers(&alpha, &org).await.is_empty());
}

#[tokio::test]
async fn an_actor_without_preferred_username_is_verified_and_shown_by_its_address() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["anon"]).await;
    fake.set_without_username("anon");
    let anon = fake.actor("anon");

    // Its signed Follow is verified like any other (it used to be refused as "not an actor").
    let stored_anon = known_alice(&alpha, &org.id, &anon).await;
    assert_eq!(followers(&alpha, &org).await, vec![anon.id.to_string()]);
    assert_eq!(stored_anon.preferred_username, "");
    let address = format!("{}/users/anon", anon.id.authority());
    assert_eq!(stored_anon.display_name(), address);
    assert_eq!(stored_anon.mention(), anon.id.to_string());

    // With a name, the name is what people see.
    fake.set_display_name("anon", "Neighbourhood assembly");
    let embedded = actor_document(&anon, "Not trusted", anon.url("inbox").as_str());
    deliver_and_process(&alpha, &anon, &activity(&anon, "Update", "1", &embedded)).await;
    let renamed = stored(&alpha, &anon).await;
    assert_eq!(renamed.display_name(), "Neighbourhood assembly");
}
