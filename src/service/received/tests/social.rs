//! Follows, their answers and undoing them; notes created, updated, deleted and announced; and
//! types we knowingly ignore.

use super::{ANN, PUBLIC, World, from_ann, note, world};
use crate::db::{FollowState, Recipients};
use crate::federation::outbox;
use serde_json::json;
use url::Url;

async fn followed_by_ann(world: &World) -> serde_json::Value {
    let follow = json!({"@context": super::AS, "id": format!("{ANN}/follows/1"), "type": "Follow",
                        "actor": ANN, "object": world.org_id()});
    world.receive(follow.clone()).await.expect("applied");
    follow
}

#[tokio::test]
async fn follow_records_the_follower_and_answers_accept() {
    let world = world().await;
    let follow = followed_by_ann(&world).await;
    let followers = world
        .store
        .follower_ids(world.org.actor_id)
        .await
        .expect("followers");
    assert_eq!(followers, vec![ANN.to_owned()]);
    let out = world.outgoing().await;
    assert_eq!(out.len(), 1, "{out:?}");
    let (inbox, accept) = &out[0];
    assert_eq!(inbox, &format!("{ANN}/inbox"));
    assert_eq!(accept["type"], "Accept");
    assert_eq!(accept["object"]["id"], follow["id"]);
}

#[tokio::test]
async fn undo_of_a_follow_removes_the_follower() {
    let world = world().await;
    let follow = followed_by_ann(&world).await;
    world.outgoing().await;
    let before = world
        .store
        .follower_ids(world.org.actor_id)
        .await
        .expect("followers");
    assert_eq!(before.len(), 1);
    world
        .receive(from_ann("Undo", "undo-1", follow))
        .await
        .expect("applied");
    let followers = world
        .store
        .follower_ids(world.org.actor_id)
        .await
        .expect("followers");
    assert!(followers.is_empty(), "{followers:?}");
}

#[tokio::test]
async fn accept_of_our_follow_settles_it_and_a_stranger_follow_id_changes_nothing() {
    let world = world().await;
    let target = Url::parse(ANN).expect("a URL");
    let follow = outbox::follow(world.urls(), &world.alice.handle, &target);
    let reply = follow.reply(world.alice.actor_id, Recipients::inbox_of(&world.sender));
    world
        .store
        .add_following(world.alice.actor_id, world.sender.id, &reply)
        .await
        .expect("following");
    let state = || {
        world
            .store
            .following_state(world.alice.actor_id, world.sender.id)
    };
    // An Accept of a Follow we never sent is a no-op.
    world
        .receive(from_ann(
            "Accept",
            "accept-0",
            json!("https://remote.test/follows/forged"),
        ))
        .await
        .expect("applied");
    assert_eq!(state().await.expect("state"), Some(FollowState::Pending));
    world
        .receive(from_ann("Accept", "accept-1", json!(follow.ap_id)))
        .await
        .expect("applied");
    assert_eq!(state().await.expect("state"), Some(FollowState::Accepted));
}

#[tokio::test]
async fn create_update_and_delete_of_a_note_change_the_stored_copy() {
    let world = world().await;
    let first = note("1", "<p>First <script>x()</script></p>");
    let id = first["id"].as_str().expect("id").to_owned();
    world
        .receive(from_ann("Create", "create-1", first.clone()))
        .await
        .expect("applied");
    let stored = world.store.remote_object(&id).await.expect("reads");
    let stored = stored.expect("the note is stored");
    assert!(stored.content_html.contains("First") && !stored.content_html.contains("script"));

    let mut edited = first;
    edited["content"] = json!("<p>Edited</p>");
    edited["updated"] = json!("2026-12-02T10:00:00Z");
    world
        .receive(from_ann("Update", "update-1", edited))
        .await
        .expect("applied");
    let stored = world
        .store
        .remote_object(&id)
        .await
        .expect("reads")
        .expect("stored");
    assert!(
        stored.content_html.contains("Edited"),
        "{}",
        stored.content_html
    );

    world
        .receive(from_ann("Delete", "delete-1", json!(id)))
        .await
        .expect("applied");
    assert!(world.store.remote_object_deleted(&id).await.expect("reads"));
}

#[tokio::test]
async fn a_replayed_update_a_stranger_s_update_and_a_create_after_delete_change_nothing() {
    let world = world().await;
    let mut first = note("2", "<p>First</p>");
    first["updated"] = json!("2026-12-02T10:00:00Z");
    let id = first["id"].as_str().expect("id").to_owned();
    world
        .receive(from_ann("Create", "create-2", first.clone()))
        .await
        .expect("applied");
    let content = || async {
        let stored = world.store.remote_object(&id).await.expect("reads");
        stored.map(|object| object.content_html)
    };

    let mut replay = first.clone();
    replay["content"] = json!("<p>Replayed</p>");
    let effect = world
        .receive(from_ann("Update", "update-2", replay))
        .await
        .expect("applied");
    assert!(effect.contains("not newer"), "{effect}");

    // Ben, on the same server, claims Ann's note as his and edits it.
    let mut ben = world.sender.clone();
    ben.ap_id = "https://remote.test/users/ben".to_owned();
    let mut taken = first.clone();
    taken["attributedTo"] = json!(ben.ap_id);
    taken["content"] = json!("<p>Ben's now</p>");
    taken["updated"] = json!("2026-12-03T10:00:00Z");
    let update = json!({"@context": super::AS, "id": "https://remote.test/users/ben/u/1",
                        "type": "Update", "actor": ben.ap_id, "object": taken, "to": [PUBLIC]});
    let effect = world.receive_from(&ben, update).await.expect("applied");
    assert!(effect.contains("only the author"), "{effect}");
    assert!(content().await.expect("stored").contains("First"));

    world
        .receive(from_ann("Delete", "delete-2", json!(id)))
        .await
        .expect("applied");
    let effect = world
        .receive(from_ann("Create", "create-2-again", first))
        .await
        .expect("applied");
    assert!(effect.contains("deleted"), "{effect}");
    assert!(world.store.remote_object_deleted(&id).await.expect("reads"));
}

#[tokio::test]
async fn announce_of_a_note_on_the_announcers_origin_is_stored_without_a_fetch() {
    let world = world().await;
    let boosted = note("7", "<p>Boost me</p>");
    let id = boosted["id"].as_str().expect("id").to_owned();
    world
        .receive(from_ann("Announce", "announce-1", boosted))
        .await
        .expect("applied without asking remote.test anything");
    assert!(
        world
            .store
            .remote_object(&id)
            .await
            .expect("reads")
            .is_some()
    );
    assert!(world.outgoing().await.is_empty());
    let asked = world.app.federation.canned().asked();
    assert!(asked.is_empty(), "nothing was fetched: {asked:?}");
}

#[tokio::test]
async fn a_type_we_do_not_handle_is_ignored_and_answers_nothing() {
    let world = world().await;
    let like = json!({"@context": super::AS, "id": format!("{ANN}/likes/1"), "type": "Like",
                      "actor": ANN, "object": world.org_id(), "to": [PUBLIC]});
    let effect = world.receive(like).await.expect("applied");
    assert_eq!(effect, "ignored Like");
    assert!(world.outgoing().await.is_empty());
}

#[tokio::test]
async fn a_create_of_something_that_is_no_object_is_final_and_stores_nothing() {
    let world = world().await;
    let outcome = world
        .receive(from_ann(
            "Create",
            "create-odd",
            json!({"type": "Note", "content": "no id"}),
        ))
        .await;
    match outcome {
        Err(super::super::ProcessError::Permanent(reason)) => {
            assert!(reason.contains("unreadable object"), "{reason}");
        }
        other => panic!("expected a final refusal, got {other:?}"),
    }
    assert!(world.outgoing().await.is_empty());
}
