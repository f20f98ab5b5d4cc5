//! `solidarity admin delete-user` and `delete-org`: the actor is deleted as a campaign's is:
//! its followers receive `Delete`, it answers 410, its handle stays taken, its tokens stop.

use crate::admin::{admin, json_of, me};
use crate::common::coop::{AS, api, host, post, received};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::{Instance, settle};
use crate::common::process::{fails, succeeds};
use crate::common::seed;
use reqwest::Method;
use serde_json::json;
use std::process::Command;

/// `admin ARGS` as the in-process instance `alpha` (its database and public domain).
fn admin_of(alpha: &Instance, dir: &tempfile::TempDir, args: &[&str]) -> Command {
    let mut command = admin(&alpha.db, dir, args);
    command
        .env(
            "SOLIDARITY_DOMAIN",
            format!("{}:{}", alpha.host, alpha.port),
        )
        .env("SOLIDARITY_FEDERATION__ALLOW_PLAIN_HTTP", "true");
    command
}

/// The status `path` on `alpha` answers to an ActivityPub GET.
async fn status_of(alpha: &Instance, path: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("http://127.0.0.1:{}{path}", alpha.port))
        .header("accept", "application/activity+json")
        .send()
        .await
        .expect("answers")
        .status()
        .as_u16()
}

#[tokio::test]
async fn deleted_users_and_organizations_tell_their_followers_and_answer_gone() {
    let (alpha, alice) = host("alpha.test").await;
    seed::user(&alpha.state.store, "bob").await;
    let bob = seed::token(&alpha.state.store, "bob").await;
    let dir = tempfile::tempdir().expect("dir");
    let fake = FakeRemote::start(&["masto"]).await;
    let masto = fake.actor("masto");
    for (n, followed) in ["bob", "climate_now"].iter().enumerate() {
        let follow = json!({"@context": AS, "id": masto.url(&format!("follows/{n}")),
            "type": "Follow", "actor": masto.id,
            "object": format!("{}/actors/{followed}", alpha.base())});
        post(&alpha, &masto, &follow).await;
    }
    settle(&[&alpha]).await;
    assert_eq!(received(&fake, "Accept").len(), 2);

    let unconfirmed = fails(&mut admin_of(&alpha, &dir, &["delete-user", "bob"]));
    assert!(unconfirmed.contains("--yes"), "{unconfirmed}");
    let only_owner = fails(&mut admin_of(
        &alpha,
        &dir,
        &["delete-user", "alice", "--yes"],
    ));
    assert!(
        only_owner.contains("'alice' is the only owner of 'climate_now'"),
        "{only_owner}"
    );

    // Bob signs one of the organization's actions: his signature goes with his account.
    let (status, action) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&alice),
        Some(json!({"kind": "petition", "title": "Save the park"})),
    )
    .await;
    assert_eq!(status, 201, "{action}");
    let action_path = format!("/api/v1/actions/{}", action["id"].as_str().expect("id"));
    let (status, signed) = api(
        &alpha,
        Method::POST,
        &format!("{action_path}/participations"),
        Some(&bob),
        Some(json!({"comment": "Count me in", "consent_to_contact": true})),
    )
    .await;
    assert_eq!((status, &signed["progress"]), (201, &json!(1)), "{signed}");

    succeeds(&mut admin_of(
        &alpha,
        &dir,
        &["delete-user", "bob", "--yes"],
    ));
    let (_, shown) = api(&alpha, Method::GET, &action_path, None, None).await;
    assert_eq!(
        shown["progress"], 0,
        "the deleted person's signature is erased"
    );
    settle(&[&alpha]).await;
    let deletes = received(&fake, "Delete");
    let bob_id = format!("{}/actors/bob", alpha.base());
    assert_eq!(deletes.len(), 1, "{deletes:?}");
    assert_eq!(
        (deletes[0]["actor"].as_str(), deletes[0]["object"].as_str()),
        (Some(bob_id.as_str()), Some(bob_id.as_str()))
    );
    assert_eq!(status_of(&alpha, "/actors/bob").await, 410);
    assert_eq!(me(&alpha.state, &bob).await, 401, "its tokens are revoked");
    let taken = fails(&mut admin_of(&alpha, &dir, &["token", "bob"]));
    assert!(taken.contains("no user named 'bob'"), "{taken}");
    let users = json_of(&succeeds(&mut admin_of(&alpha, &dir, &["users", "--json"])));
    assert_eq!(users[1]["handle"], "bob");
    assert_eq!(users[1]["deleted"], true);

    // An organization that hosts a campaign is refused until the campaign is deleted.
    let (status, body) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "end_evictions", "title": "End evictions"})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let hosting = fails(&mut admin_of(
        &alpha,
        &dir,
        &["delete-org", "climate_now", "--yes"],
    ));
    assert!(
        hosting.contains("still hosts the campaigns 'end_evictions'"),
        "{hosting}"
    );
    assert_eq!(status_of(&alpha, "/actors/climate_now").await, 200);
    let (status, _) = api(
        &alpha,
        Method::DELETE,
        "/api/v1/campaigns/end_evictions",
        Some(&alice),
        None,
    )
    .await;
    assert_eq!(status, 204);
    // So is one that still publishes an action people sign, until its members delete it.
    let publishing = fails(&mut admin_of(
        &alpha,
        &dir,
        &["delete-org", "climate_now", "--yes"],
    ));
    assert!(
        publishing.contains("still publishes 0 event(s) and 1 action(s)"),
        "{publishing}"
    );
    let (status, _) = api(
        &alpha,
        Method::DELETE,
        &format!(
            "/api/v1/orgs/climate_now/actions/{}",
            action["id"].as_str().expect("id")
        ),
        Some(&alice),
        None,
    )
    .await;
    assert_eq!(status, 204);

    succeeds(&mut admin_of(
        &alpha,
        &dir,
        &["delete-org", "climate_now", "--yes"],
    ));
    settle(&[&alpha]).await;
    let org_id = format!("{}/actors/climate_now", alpha.base());
    assert!(
        received(&fake, "Delete")
            .iter()
            .any(|d| d["actor"] == org_id.as_str() && d["object"] == org_id.as_str()),
        "the organization's follower received its Delete"
    );
    assert_eq!(status_of(&alpha, "/actors/climate_now").await, 410);
    let orgs = json_of(&succeeds(&mut admin_of(&alpha, &dir, &["orgs", "--json"])));
    assert_eq!(orgs[0]["deleted"], true);
    // Its handle stays taken.
    let mut again = admin_of(
        &alpha,
        &dir,
        &[
            "create-org",
            "climate_now",
            "--name",
            "X",
            "--owner",
            "alice",
        ],
    );
    assert!(fails(&mut again).contains("already taken"));
    // alice is now the owner of nothing, so she may go.
    succeeds(&mut admin_of(
        &alpha,
        &dir,
        &["delete-user", "alice", "--yes"],
    ));
}
