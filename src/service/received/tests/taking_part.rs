//! Taking part: Joins and Leaves of our actions and events, Friendica's RSVP answers, and the
//! requests of campaigns elsewhere (Add of one of our items, Invite to co-host).

use super::{ANN, World, from_ann, world};
use crate::service::actions::ActionView;
use crate::service::actions::{ActionInput, create_action};
use crate::service::events::EventView;
use crate::service::events::{EventInput, create_event};
use serde_json::json;

async fn action(world: &World) -> ActionView {
    let input: ActionInput =
        serde_json::from_value(json!({"kind": "petition", "title": "Save the park", "goal": 10}))
            .expect("an action input");
    let org = world.org.handle.clone();
    let action = create_action(&world.app, &world.alice, &org, &input)
        .await
        .expect("the action");
    world.outgoing().await; // its Create went to nobody, but is not what these tests are about
    action
}

async fn event(world: &World) -> EventView {
    let day = (chrono::Utc::now() + chrono::Duration::days(3)).format("%Y-%m-%d");
    let input: EventInput = serde_json::from_value(json!({"title": "Assembly",
        "starts_at": format!("{day}T18:00:00Z"), "ends_at": format!("{day}T20:00:00Z")}))
    .expect("an event input");
    let org = world.org.handle.clone();
    let event = create_event(&world.app, &world.alice, &org, &input)
        .await
        .expect("the event");
    world.outgoing().await;
    event
}

#[tokio::test]
async fn join_of_an_action_counts_once_and_answers_accept_and_leave_withdraws() {
    let world = world().await;
    let action = action(&world).await;
    let action_id = world.urls().action(&action.id).to_string();
    let join = || {
        let mut join = from_ann("Join", "join-1", json!(action_id));
        join["participationMessage"] = json!("Count me in");
        join
    };
    world.receive(join()).await.expect("applied");
    world.receive(join()).await.expect("applied again");
    let list = world.store.participations(&action.id).await.expect("list");
    assert_eq!(list.len(), 1, "once per person");
    assert_eq!(
        (list[0].host.as_str(), list[0].comment.as_str()),
        ("remote.test", "Count me in")
    );
    let out = world.outgoing().await;
    assert!(
        out.iter()
            .any(|(inbox, a)| inbox == &format!("{ANN}/inbox") && a["type"] == "Accept"),
        "{out:?}"
    );

    world
        .receive(from_ann("Leave", "leave-1", json!(action_id)))
        .await
        .expect("applied");
    assert!(
        world
            .store
            .participations(&action.id)
            .await
            .expect("list")
            .is_empty()
    );
}

#[tokio::test]
async fn friendica_answers_to_an_event_are_rsvps() {
    let world = world().await;
    let event = event(&world).await;
    let event_id = world.urls().event(&event.id).to_string();
    let state = || async {
        world
            .store
            .rsvp(&event.id, ANN)
            .await
            .expect("reads")
            .map(|rsvp| rsvp.state)
    };
    world
        .receive(from_ann("TentativeAccept", "maybe-1", json!(event_id)))
        .await
        .expect("applied");
    assert_eq!(state().await.as_deref(), Some("maybe"));
    world
        .receive(from_ann("Accept", "going-1", json!(event_id)))
        .await
        .expect("applied");
    assert_eq!(state().await.as_deref(), Some("going"));
}

#[tokio::test]
async fn a_campaign_elsewhere_asking_for_our_action_is_kept_for_the_organization() {
    let world = world().await;
    let action = action(&world).await;
    let action_id = world.urls().action(&action.id).to_string();
    // Ann plays the campaign: only the campaign itself asks for itself.
    let mut add = from_ann("Add", "add-1", json!(action_id));
    add["target"] = json!(ANN);
    world.receive(add).await.expect("applied");
    let invitations = world.store.campaign_invitations().await.expect("reads");
    assert_eq!(invitations.len(), 1, "{invitations:?}");
    assert_eq!(
        (
            invitations[0].campaign_ap_id.as_str(),
            invitations[0].state.as_str()
        ),
        (ANN, "pending")
    );
    assert!(
        world.outgoing().await.is_empty(),
        "nothing is answered before consent"
    );

    // An Add of something that is not ours is not kept.
    let mut stranger = from_ann("Add", "add-2", json!("https://elsewhere.test/actions/1"));
    stranger["target"] = json!(ANN);
    world.receive(stranger).await.expect("applied");
    assert_eq!(
        world
            .store
            .campaign_invitations()
            .await
            .expect("reads")
            .len(),
        1
    );
}

#[tokio::test]
async fn an_invitation_to_co_host_is_kept_for_the_invited_organization() {
    let world = world().await;
    let mut invite = from_ann("Invite", "invite-1", json!(ANN));
    invite["target"] = json!(world.org_id());
    world.receive(invite).await.expect("applied");
    let invitations = world
        .store
        .cohost_invitations_of(world.org.id)
        .await
        .expect("reads");
    assert_eq!(invitations.len(), 1, "{invitations:?}");
    assert!(world.outgoing().await.is_empty());
}
