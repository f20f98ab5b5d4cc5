//! Origin, identity and authorisation by activity type (SECURITY.md §4 B and C).

use super::{
    AS, activity, assert_refused_and_untouched, follow, followers, following, local_follows,
    local_follows_accepted, note, object_author, organization, post, timeline_ids, user,
};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::{Instance, settle};
use serde_json::json;
use solidarity::db::FollowState;
use solidarity::domain::Handle;
use solidarity::service::notes::publish_note;

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
    let local = publish_note(&alpha.state, &org.owner, &climate_now, "Strike!")
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

#[tokio::test]
async fn t21_announced_objects_are_fetched_from_their_origin() {
    let alpha = Instance::start("alpha.test").await;
    let beta = Instance::start("beta.test").await;
    let beta_org = organization(&beta).await;
    let real = publish_note(
        &beta.state,
        &beta_org.owner,
        &Handle::parse("climate_now").expect("valid"),
        "The real text",
    )
    .await
    .expect("published");
    let real_id = beta.state.federation.urls().note(&real.id).to_string();

    let fake = FakeRemote::start(&["eve"]).await;
    let bob = user(&alpha, "bob").await;
    local_follows_accepted(&alpha, &bob, &fake, "eve").await;
    let eve = fake.actor("eve");

    // Eve announces beta's note, embedding a forged copy of it.
    let forged = json!({
        "id": real_id,
        "type": "Note",
        "attributedTo": beta_org.id,
        "content": "<p>Forged words put in beta's mouth</p>",
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
    });
    let announce = activity(&eve, "Announce", "1", &forged);
    assert_eq!(post(&alpha, &eve, "/inbox", &announce).await, 202);
    settle(&[&alpha]).await;
    let entries = alpha
        .state
        .store
        .timeline(bob.actor_id, 10)
        .await
        .expect("timeline");
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].ap_id, real_id);
    assert_eq!(
        entries[0].content_html, "<p>The real text</p>",
        "the copy from beta, not eve's"
    );
    assert_eq!(entries[0].announced_by.as_deref(), Some(eve.id.as_str()));

    // An announced object that its origin does not serve is not shown at all.
    let missing = json!({
        "id": format!("{}/notes/00000000-0000-0000-0000-000000000000", beta.base()),
        "type": "Note",
        "attributedTo": beta_org.id,
        "content": "<p>Never published</p>",
    });
    let announce = activity(&eve, "Announce", "2", &missing);
    assert_eq!(post(&alpha, &eve, "/inbox", &announce).await, 202);
    settle(&[&alpha]).await;
    let entries = alpha
        .state
        .store
        .timeline(bob.actor_id, 10)
        .await
        .expect("timeline");
    assert_eq!(
        entries.len(),
        1,
        "nothing from the unfetchable announce: {entries:?}"
    );
    let pool = sqlx::AnyPool::connect(alpha.db.url.expose())
        .await
        .expect("connect");
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM inbox_activities WHERE state = 'pending'")
            .fetch_one(&pool)
            .await
            .expect("count");
    assert_eq!(pending, 0, "a 404 is final: nothing is left to retry");
}

#[tokio::test]
async fn t20_an_older_update_does_not_overwrite_a_newer_one() {
    let alpha = Instance::start("alpha.test").await;
    let fake = FakeRemote::start(&["carol"]).await;
    let bob = user(&alpha, "bob").await;
    local_follows_accepted(&alpha, &bob, &fake, "carol").await;
    let carol = fake.actor("carol");
    let mut original = note(&carol, "1", "<p>First</p>");
    original["published"] = json!("2026-11-28T10:00:00Z");
    assert_eq!(
        post(
            &alpha,
            &carol,
            "/inbox",
            &activity(&carol, "Create", "1", &original)
        )
        .await,
        202
    );
    let mut newer = original.clone();
    newer["content"] = json!("<p>Newest</p>");
    newer["updated"] = json!("2026-11-28T12:00:00Z");
    assert_eq!(
        post(
            &alpha,
            &carol,
            "/inbox",
            &activity(&carol, "Update", "2", &newer)
        )
        .await,
        202
    );
    let mut older = original.clone();
    older["content"] = json!("<p>Stale</p>");
    older["updated"] = json!("2026-11-28T11:00:00Z");
    assert_eq!(
        post(
            &alpha,
            &carol,
            "/inbox",
            &activity(&carol, "Update", "3", &older)
        )
        .await,
        202
    );
    settle(&[&alpha]).await;
    let entries = alpha
        .state
        .store
        .timeline(bob.actor_id, 10)
        .await
        .expect("timeline");
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].content_html, "<p>Newest</p>",
        "the late, older Update lost"
    );
}
