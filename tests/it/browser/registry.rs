//! The registry in the browser: a Mastodon user applies on the software co-op's page with their
//! address and confirms by following the registry from their account; once approved they are
//! listed with the organizations a platform co-op reported; that co-op's organization page shows
//! the "member of the network" mark until the registry removes it.

use super::Browser;
use crate::common::coop::post;
use crate::common::fake_remote::FakeRemote;
use crate::common::network::{Instance, settle};
use crate::common::seed;
use serde_json::json;
use solidarity::domain::registry_log::Change;
use solidarity::domain::{Handle, InstanceRole};
use solidarity::service::network;
use solidarity::service::registry::{ChangeRequest, record_as_admin};

#[tokio::test]
async fn a_mastodon_user_applies_on_the_page_and_a_coops_organization_shows_its_mark() {
    let registry = Instance::start_configured("alpha.test", |config| {
        config.role = InstanceRole::Software;
    })
    .await;
    let ada = seed::admin(&registry.state.store, "ada").await;
    let coop = Instance::start("beta.test").await;
    seed::user(&coop.state.store, "rosa").await;
    seed::organization(&coop.state.store, "tenants", "rosa").await;
    let fake = FakeRemote::start(&["maria"]).await;
    let maria = fake.actor("maria");
    let admin = |change: Change, member: String| {
        record_as_admin(
            &registry.state,
            &ada,
            change,
            ChangeRequest {
                member,
                ..ChangeRequest::default()
            },
        )
    };
    let mut browser = Browser::start("registry", 1280).await;

    // Maria applies with her address: the page tells her whom to follow.
    browser
        .visit(&format!("{}/registry/apply", registry.base()), "apply")
        .await;
    browser.fill("registry-address", "   ").await;
    browser.submit("#registry-apply-send", "no-address").await;
    assert!(browser.text("#problem").await.contains("name@server"));
    let address = format!("maria@fake.test:{}", fake.port);
    browser
        .fill("registry-address", &format!("@{address}"))
        .await;
    browser.submit("#registry-apply-send", "applied").await;
    assert_eq!(
        browser.text("#registry-handle").await,
        format!("@network@alpha.test:{}", registry.port)
    );
    assert!(browser.text("main").await.contains(&address));
    assert_eq!(
        registry
            .state
            .store
            .registry_member(maria.id.as_str())
            .await
            .expect("read"),
        None
    );

    // Her Follow of the registry, signed by her server, confirms it.
    let follow = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": maria.url("follows/registry"),
        "type": "Follow",
        "actor": maria.id,
        "object": format!("{}/actors/network", registry.base()),
    });
    post(&registry, &maria, &follow).await;
    settle(&[&registry]).await;
    let applied = registry
        .state
        .store
        .registry_member(maria.id.as_str())
        .await
        .expect("read");
    let applied = applied.expect("her application is in the log");
    assert_eq!(
        (applied.class.as_str(), applied.status.as_str()),
        ("individual", "applied")
    );
    admin(Change::Approved, maria.id.to_string())
        .await
        .expect("approved");

    // A platform co-op joins and reports its organization.
    network::join(&coop.state, &registry.handle("network"))
        .await
        .expect("applies");
    settle(&[&registry, &coop]).await;
    let coop_actor = coop
        .state
        .urls()
        .actor(&Handle::instance_actor())
        .to_string();
    admin(Change::Approved, coop_actor).await.expect("approved");
    settle(&[&registry, &coop]).await;
    let tenants = Handle::parse("tenants").expect("handle");
    let rosa = Handle::parse("rosa").expect("handle");
    let org = network::report(&coop.state, &tenants, Some(&rosa))
        .await
        .expect("reported");
    settle(&[&registry, &coop]).await;

    browser
        .visit(&format!("{}/registry", registry.base()), "directory")
        .await;
    assert_eq!(browser.text("#registry-active").await, "3");
    assert!(
        browser
            .text("#members-individual")
            .await
            .contains(maria.id.as_str())
    );
    assert!(
        browser
            .text("#members-organization")
            .await
            .contains(org.as_str())
    );
    assert!(
        browser
            .text("#members-platform_coop")
            .await
            .contains("beta.test")
    );

    browser
        .visit(&format!("{}/@tenants", coop.base()), "marked")
        .await;
    assert!(
        browser
            .text("#network-member")
            .await
            .contains("Member of the network")
    );
    admin(Change::Removed, org.to_string())
        .await
        .expect("removed");
    settle(&[&registry, &coop]).await;
    browser
        .visit(&format!("{}/@tenants", coop.base()), "unmarked")
        .await;
    assert!(!browser.text("main").await.contains("Member of the network"));
    browser.close().await;
}
