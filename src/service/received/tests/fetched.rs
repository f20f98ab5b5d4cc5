//! Received activities whose object is fetched from its origin: actor updates and deletions,
//! notes created by reference, boosts of another server's note, and what a fetch's answer
//! decides (final or retried). The origins are canned (`federation::canned`): no network.

use super::super::ProcessError;
use super::{ANN, AS, PUBLIC, World, from_ann, note, world};
use crate::db::{FollowState, Recipients};
use crate::federation::outbox;
use serde_json::{Value, json};
use url::Url;

/// Ann's actor document as her server serves it, with display name `name`.
fn ann_actor(name: &str) -> Value {
    json!({"@context": AS, "id": ANN, "type": "Person", "preferredUsername": "ann", "name": name,
           "inbox": format!("{ANN}/inbox"), "endpoints": {"sharedInbox": "https://remote.test/inbox"},
           "publicKey": {"id": format!("{ANN}#main-key"), "owner": ANN,
                         "publicKeyPem": "not used: nothing is verified here"}})
}

async fn ann_follows_the_org(world: &World) {
    let follow = json!({"@context": AS, "id": format!("{ANN}/follows/1"), "type": "Follow",
                        "actor": ANN, "object": world.org_id()});
    world.receive(follow).await.expect("applied");
}

async fn stored_name(world: &World) -> String {
    let ann = world.store.remote_actor_by_ap_id(ANN).await;
    ann.expect("ann is stored").name
}

fn canned(world: &World) -> &crate::federation::canned::CannedOrigins {
    world.app.federation.canned()
}

#[tokio::test]
async fn update_of_the_senders_actor_takes_the_actor_from_its_origin_not_the_activity() {
    let world = world().await;
    canned(&world).serve(ANN, ann_actor("Ann from her server"));
    world
        .receive(from_ann(
            "Update",
            "update-me",
            ann_actor("Forged in the activity"),
        ))
        .await
        .expect("applied");
    assert_eq!(stored_name(&world).await, "Ann from her server");
    assert_eq!(canned(&world).asked(), vec![ANN.to_owned()]);
}

#[tokio::test]
async fn an_actor_cannot_update_another_actor() {
    let world = world().await;
    let mut bob = ann_actor("Bob");
    bob["id"] = json!("https://remote.test/users/bob");
    let effect = world
        .receive(from_ann("Update", "update-bob", bob))
        .await
        .expect("applied");
    assert!(effect.contains("only itself"), "{effect}");
    assert_eq!(stored_name(&world).await, "Ann");
    assert!(canned(&world).asked().is_empty());
}

#[tokio::test]
async fn delete_of_the_sender_is_honoured_only_once_its_origin_says_it_is_gone() {
    let world = world().await;
    ann_follows_the_org(&world).await;
    let followers = || world.store.follower_ids(world.org.actor_id);
    canned(&world).serve(ANN, ann_actor("Ann"));
    let effect = world
        .receive(from_ann("Delete", "delete-me-1", json!(ANN)))
        .await
        .expect("applied");
    assert!(effect.contains("still resolves"), "{effect}");
    assert_eq!(followers().await.expect("followers"), vec![ANN.to_owned()]);

    canned(&world).fail(ANN, 410);
    world
        .receive(from_ann("Delete", "delete-me-2", json!(ANN)))
        .await
        .expect("applied");
    assert!(followers().await.expect("followers").is_empty());
}

#[tokio::test]
async fn create_by_reference_stores_the_note_its_origin_serves() {
    let world = world().await;
    let served = note("by-ref", "<p>From the origin</p>");
    let id = served["id"].as_str().expect("id").to_owned();
    canned(&world).serve(&id, served);
    world
        .receive(from_ann("Create", "create-ref", json!(id)))
        .await
        .expect("applied");
    let stored = world.store.remote_object(&id).await.expect("reads");
    assert!(
        stored
            .expect("stored")
            .content_html
            .contains("From the origin")
    );
}

#[tokio::test]
async fn a_gone_or_misnamed_object_is_final_and_a_failing_origin_is_retried() {
    let world = world().await;
    let gone = "https://remote.test/notes/gone";
    canned(&world).fail(gone, 404);
    let busy = "https://remote.test/notes/busy";
    canned(&world).fail(busy, 503);
    let misnamed = "https://remote.test/notes/misnamed";
    canned(&world).serve(misnamed, note("someone-else", "<p>x</p>"));
    for (n, id, final_) in [("1", gone, true), ("2", busy, false), ("3", misnamed, true)] {
        let outcome = world.receive(from_ann("Create", n, json!(id))).await;
        match (final_, &outcome) {
            (true, Err(ProcessError::Permanent(_))) | (false, Err(ProcessError::Retry(_))) => {}
            _ => panic!("{id}: expected final = {final_}, got {outcome:?}"),
        }
        assert!(
            world
                .store
                .remote_object(id)
                .await
                .expect("reads")
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_boost_of_another_servers_note_is_taken_from_that_server() {
    let world = world().await;
    let id = "https://elsewhere.test/notes/9";
    let original = json!({"id": id, "type": "Note", "attributedTo": "https://elsewhere.test/users/bo",
                          "content": "<p>Original words</p>", "to": [PUBLIC]});
    canned(&world).serve(id, original.clone());
    let mut forged = original;
    forged["content"] = json!("<p>Words put in Bo's mouth</p>");
    world
        .receive(from_ann("Announce", "boost-9", forged))
        .await
        .expect("applied");
    let stored = world.store.remote_object(id).await.expect("reads");
    let stored = stored.expect("stored");
    assert!(
        stored.content_html.contains("Original words"),
        "{}",
        stored.content_html
    );
    assert_eq!(canned(&world).asked(), vec![id.to_owned()]);
}

#[tokio::test]
async fn reject_of_our_follow_marks_it_rejected() {
    let world = world().await;
    let target = Url::parse(ANN).expect("a URL");
    let follow = outbox::follow(world.urls(), &world.alice.handle, &target);
    let reply = follow.reply(world.alice.actor_id, Recipients::inbox_of(&world.sender));
    world
        .store
        .add_following(world.alice.actor_id, world.sender.id, &reply)
        .await
        .expect("following");
    world
        .receive(from_ann("Reject", "reject-1", json!(follow.ap_id)))
        .await
        .expect("applied");
    let state = world
        .store
        .following_state(world.alice.actor_id, world.sender.id)
        .await
        .expect("state");
    assert_eq!(state, Some(FollowState::Rejected));
}
