//! The rules of an organization's people: owners appoint anyone, admins only members, nobody
//! else anyone; invitations wait for the person's answer; an organization keeps an owner.

use crate::common::{TestDb, instance, seed};
use solidarity::domain::{Handle, OrgRole};
use solidarity::service::ServiceError;
use solidarity::service::orgs::members;

#[tokio::test]
async fn roles_are_given_only_by_those_above_them_and_an_owner_always_stays() {
    let db = TestDb::new().await;
    let app = instance(&db).await;
    let store = &app.store;
    let alice = seed::user(store, "alice").await;
    seed::organization(store, "climate_now", "alice").await;
    let rosa = seed::user(store, "rosa").await;
    let bob = seed::user(store, "bob").await;
    let org = Handle::parse("climate_now").expect("a handle");

    members::invite(&app, &alice, &org, "rosa", OrgRole::Admin)
        .await
        .expect("invites");
    assert!(
        members::members(&app, &rosa, &org).await.is_err(),
        "an invitation is not membership"
    );
    let waiting = members::invitations(&app, &rosa).await.expect("reads");
    assert_eq!(waiting.len(), 1);
    members::answer_invitation(&app, &rosa, &org, true)
        .await
        .expect("accepts");
    assert!(
        members::invitations(&app, &rosa)
            .await
            .expect("reads")
            .is_empty()
    );
    assert_eq!(
        members::members(&app, &rosa, &org)
            .await
            .expect("a member")
            .viewer,
        OrgRole::Admin
    );

    // An admin invites members, but appoints nobody above member.
    let refused = members::invite(&app, &rosa, &org, "bob", OrgRole::Owner).await;
    assert!(
        matches!(refused, Err(ServiceError::Forbidden(_))),
        "{refused:?}"
    );
    members::invite(&app, &rosa, &org, "bob", OrgRole::Member)
        .await
        .expect("invites");
    members::answer_invitation(&app, &bob, &org, true)
        .await
        .expect("accepts");
    let again = members::invite(&app, &alice, &org, "bob", OrgRole::Member).await;
    assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");
    // A member changes nobody; an admin may not touch an owner.
    let by_member = members::remove(&app, &bob, &org, "rosa").await;
    assert!(
        matches!(by_member, Err(ServiceError::Forbidden(_))),
        "{by_member:?}"
    );
    let on_owner = members::set_role(&app, &rosa, &org, "alice", OrgRole::Member).await;
    assert!(
        matches!(on_owner, Err(ServiceError::Forbidden(_))),
        "{on_owner:?}"
    );

    // The last owner can neither step down nor leave; after naming another owner, they can.
    let alone = members::set_role(&app, &alice, &org, "alice", OrgRole::Admin).await;
    assert!(matches!(alone, Err(ServiceError::Conflict(_))), "{alone:?}");
    let leaving = members::remove(&app, &alice, &org, "alice").await;
    assert!(
        matches!(leaving, Err(ServiceError::Conflict(_))),
        "{leaving:?}"
    );
    members::set_role(&app, &alice, &org, "rosa", OrgRole::Owner)
        .await
        .expect("promotes");
    members::remove(&app, &alice, &org, "alice")
        .await
        .expect("leaves");
    let left = members::members(&app, &rosa, &org)
        .await
        .expect("reads")
        .members;
    let handles: Vec<_> = left.iter().map(|m| (m.handle.as_str(), m.role)).collect();
    assert_eq!(
        handles,
        vec![("rosa", OrgRole::Owner), ("bob", OrgRole::Member)]
    );

    // A declined invitation is gone.
    let carol = seed::user(store, "carol").await;
    members::invite(&app, &rosa, &org, "carol", OrgRole::Member)
        .await
        .expect("invites");
    members::answer_invitation(&app, &carol, &org, false)
        .await
        .expect("declines");
    assert!(members::members(&app, &carol, &org).await.is_err());
    let twice = members::answer_invitation(&app, &carol, &org, true).await;
    assert!(matches!(twice, Err(ServiceError::NotFound(_))), "{twice:?}");
}
