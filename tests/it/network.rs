//! The network over real HTTP: a software co-op's instance keeping the registry (alpha) and two
//! platform co-ops (beta, gamma). A co-op joins from its instance actor and is approved; it
//! reports its own organizations, never another's; every change reaches the co-ops as a signed
//! `Membership`, which they keep while its proof lasts, and a removal takes the "member of the
//! network" mark away at once. Forgeries (another origin's look-alike, a tampered or an old
//! relayed copy) are refused with nothing kept.

use crate::common::fake_remote::{FakeRemote, deliver};
use crate::common::network::{Instance, settle};
use crate::common::seed;
use serde_json::{Value, json};
use solidarity::db::{DbUser, Recipients};
use solidarity::domain::registry_log::Change;
use solidarity::domain::{Handle, InstanceRole};
use solidarity::federation::integrity;
use solidarity::federation::outbox::offer_membership;
use solidarity::service::network;
use solidarity::service::registry::{ChangeRequest, record_as_admin};
use url::Url;

struct Network {
    registry: Instance,
    beta: Instance,
    gamma: Instance,
    ada: DbUser,
}

async fn network() -> Network {
    let registry = Instance::start_configured("alpha.test", |config| {
        config.role = InstanceRole::Software;
    })
    .await;
    let ada = seed::admin(&registry.state.store, "ada").await;
    let (beta, gamma) = (
        Instance::start("beta.test").await,
        Instance::start("gamma.test").await,
    );
    Network {
        registry,
        beta,
        gamma,
        ada,
    }
}

fn instance_actor(instance: &Instance) -> String {
    instance
        .state
        .urls()
        .actor(&Handle::instance_actor())
        .to_string()
}

fn actor(instance: &Instance, name: &str) -> String {
    let handle = Handle::parse_lookup(name).expect("a handle");
    instance.state.urls().actor(&handle).to_string()
}

impl Network {
    async fn settle(&self) {
        settle(&[&self.registry, &self.beta, &self.gamma]).await;
    }

    async fn admin(&self, change: Change, member: &str) {
        record_as_admin(
            &self.registry.state,
            &self.ada,
            change,
            ChangeRequest {
                member: member.to_owned(),
                reason: format!("{} by the board", change.as_str()),
                ..ChangeRequest::default()
            },
        )
        .await
        .expect("the registry records it");
        self.settle().await;
    }

    /// `coop` joins and the registry approves it.
    async fn join(&self, coop: &Instance) {
        network::join(&coop.state, &self.registry.handle("network"))
            .await
            .expect("the application is sent");
        self.settle().await;
        self.admin(Change::Approved, &instance_actor(coop)).await;
    }

    async fn entries(&self) -> i64 {
        self.registry
            .state
            .store
            .registry_entry_count()
            .await
            .expect("count")
    }
}

/// What `instance` keeps of the registry's word on `member`: (status, version).
async fn kept(instance: &Instance, member: &str) -> Option<(String, i64)> {
    instance
        .state
        .store
        .network_membership(member)
        .await
        .expect("read")
        .map(|kept| (kept.status, kept.version))
}

async fn is_member(instance: &Instance, member: &str) -> bool {
    let member = Url::parse(member).expect("a URL");
    network::is_member(&instance.state, &member)
        .await
        .expect("read")
}

#[tokio::test]
async fn a_platform_coop_joins_reports_its_organizations_and_honours_a_removal_at_once() {
    let net = network().await;
    let beta_store = &net.beta.state.store;
    seed::user(beta_store, "rosa").await;
    seed::organization(beta_store, "tenants", "rosa").await;
    let coop = instance_actor(&net.beta);

    // The application is an entry the co-op is told of; it is no member yet.
    network::join(&net.beta.state, &net.registry.handle("network"))
        .await
        .expect("the application is sent");
    net.settle().await;
    let applied = net
        .registry
        .state
        .store
        .registry_member(&coop)
        .await
        .expect("read");
    let applied = applied.expect("the registry recorded the application");
    assert_eq!(
        (applied.class.as_str(), applied.status.as_str()),
        ("platform_coop", "applied")
    );
    assert_eq!(
        kept(&net.beta, &coop).await.map(|k| k.0).as_deref(),
        Some("applied")
    );
    assert!(!is_member(&net.beta, &coop).await);

    // Approved: the co-op holds a signed word that it is a member, valid at most 30 minutes.
    net.admin(Change::Approved, &coop).await;
    assert!(is_member(&net.beta, &coop).await);
    let word = beta_store
        .network_membership(&coop)
        .await
        .expect("read")
        .expect("kept");
    let now = net.beta.state.now();
    assert!(word.expires_at > now && word.expires_at <= now + 30 * 60_000 + 1000);
    let document: Value = serde_json::from_str(&word.document).expect("JSON");
    assert_eq!(document["proof"]["cryptosuite"], "eddsa-jcs-2022");

    // It reports its organization with the person who votes for it: approved at once.
    let rosa = Handle::parse("rosa").expect("handle");
    let org = network::report(
        &net.beta.state,
        &Handle::parse("tenants").expect("h"),
        Some(&rosa),
    )
    .await
    .expect("reported");
    net.settle().await;
    let member = net
        .registry
        .state
        .store
        .registry_member(org.as_str())
        .await
        .expect("read");
    let member = member.expect("the organization is in the registry");
    assert_eq!(member.status.as_str(), "active");
    assert_eq!(member.serving.as_deref(), Some(coop.as_str()));
    assert_eq!(
        member.representative.as_deref(),
        Some(actor(&net.beta, "rosa").as_str())
    );
    assert!(
        is_member(&net.beta, org.as_str()).await,
        "the serving co-op shows the mark"
    );

    // Gamma joins; from then on it hears of every change too.
    net.join(&net.gamma).await;
    assert!(is_member(&net.gamma, &instance_actor(&net.gamma)).await);
    net.admin(Change::Suspended, org.as_str()).await;
    net.admin(Change::Restored, org.as_str()).await;
    assert!(is_member(&net.gamma, org.as_str()).await);
    let before_removal = gamma_document(&net, org.as_str()).await;

    // Removed: both co-ops take the mark away on the signed notice, before any expiry.
    net.admin(Change::Removed, org.as_str()).await;
    for coop in [&net.beta, &net.gamma] {
        assert_eq!(
            kept(coop, org.as_str()).await.map(|k| k.0).as_deref(),
            Some("removed")
        );
        assert!(!is_member(coop, org.as_str()).await);
    }

    // An old, validly signed record replayed afterwards changes nothing.
    let fake = FakeRemote::start(&["relay"]).await;
    let version = kept(&net.gamma, org.as_str()).await.expect("kept").1;
    let refused = relay(&fake, &net.gamma, before_removal.clone()).await;
    assert!(
        refused.is_some_and(|why| why.contains("newer")),
        "refused as older"
    );
    assert_eq!(
        kept(&net.gamma, org.as_str()).await,
        Some(("removed".to_owned(), version))
    );

    // Reporting it again does not undo the administrators' removal: it only applies again.
    network::report(
        &net.beta.state,
        &Handle::parse("tenants").expect("h"),
        Some(&rosa),
    )
    .await
    .expect("reported again");
    net.settle().await;
    let again = net
        .registry
        .state
        .store
        .registry_member(org.as_str())
        .await
        .expect("read");
    assert_eq!(again.expect("known").status.as_str(), "applied");
    assert!(!is_member(&net.beta, org.as_str()).await);

    // A tampered copy of the current word is refused too.
    let mut tampered = gamma_document(&net, org.as_str()).await;
    tampered["status"] = json!("active");
    let refused = relay(&fake, &net.gamma, tampered).await;
    assert!(
        refused
            .as_deref()
            .is_some_and(|why| why.contains("signature does not match")),
        "{refused:?}"
    );
    assert!(!is_member(&net.gamma, org.as_str()).await);
}

/// The signed document gamma keeps about `member`.
async fn gamma_document(net: &Network, member: &str) -> Value {
    let word = net
        .gamma
        .state
        .store
        .network_membership(member)
        .await
        .expect("read");
    serde_json::from_str(&word.expect("kept").document).expect("JSON")
}

/// The fake's `relay` actor delivers an `Update` of `document` to `to`, which processes it;
/// why it was set aside, if it was.
async fn relay(fake: &FakeRemote, to: &Instance, document: Value) -> Option<String> {
    let relay = fake.actor("relay");
    let update = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{}/activities/{}", fake.base(), uuid::Uuid::new_v4()),
        "type": "Update",
        "actor": relay.id,
        "object": document,
    });
    let authority = format!("{}:{}", to.host, to.port);
    let (status, answer) =
        deliver(to.port, &relay.sign_cavage(&authority, "/inbox", &update)).await;
    assert!(status.is_success(), "{status}: {answer}");
    to.inbox().drain().await.expect("the inbox drains");
    set_aside(to, update["id"].as_str().expect("id")).await
}

/// Why `instance` set the received activity `id` aside (`None`: it was applied).
async fn set_aside(instance: &Instance, id: &str) -> Option<String> {
    let state = instance
        .state
        .store
        .inbox_activity_state(id)
        .await
        .expect("read");
    let (state, _, error) = state.expect("the activity was stored");
    (state == "dead").then(|| error.unwrap_or_default())
}

#[tokio::test]
async fn a_coop_cannot_report_another_coops_organization_nor_a_look_alike_registry_vouch() {
    let net = network().await;
    seed::user(&net.beta.state.store, "rosa").await;
    seed::organization(&net.beta.state.store, "tenants", "rosa").await;
    net.join(&net.beta).await;
    net.join(&net.gamma).await;
    let entries = net.entries().await;

    // Gamma, an active co-op, offers beta's organization: refused, nothing recorded.
    let tenants = Url::parse(&actor(&net.beta, "tenants")).expect("URL");
    let registry_actor = Url::parse(&actor(&net.registry, "network")).expect("URL");
    let gamma = &net.gamma.state;
    let offer = offer_membership(gamma.urls(), &registry_actor, &tenants, None);
    let instance = gamma
        .store
        .local_actor(&Handle::instance_actor())
        .await
        .expect("instance actor");
    let remote = gamma
        .federation
        .actor(&gamma.store, &registry_actor)
        .await
        .expect("the registry's actor");
    let reply = offer.reply(instance.id, Recipients::inbox_of(&remote));
    gamma
        .store
        .enqueue_activity(&reply.activity, &reply.recipients)
        .await
        .expect("queued");
    net.settle().await;
    let refused = set_aside(&net.registry, reply.activity.ap_id).await;
    assert!(
        refused
            .as_deref()
            .is_some_and(|why| why.contains("reports only its own actors")),
        "{refused:?}"
    );
    assert_eq!(
        net.entries().await,
        entries,
        "no entry for another co-op's organization"
    );
    assert_eq!(
        net.registry
            .state
            .store
            .registry_member(tenants.as_str())
            .await
            .expect("read"),
        None
    );

    // Another server signs a look-alike membership with a key of its own: gamma keeps nothing.
    let fake = FakeRemote::start(&["network", "relay"]).await;
    let pkcs8 = integrity::generate_pkcs8().expect("key");
    let pair = integrity::key_pair(&pkcs8).expect("pair");
    let fake_registry = fake.actor_id("network");
    let look_alike = json!({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/data-integrity/v2"],
        "id": format!("{}/registry/memberships?member={}", fake.base(), tenants),
        "type": "Membership",
        "attributedTo": fake_registry,
        "member": tenants,
        "class": "organization",
        "status": "active",
        "version": 99,
    });
    let key_id = format!("{fake_registry}#ed25519-key");
    let created = solidarity::federation::notes::rfc3339(net.gamma.state.now());
    let options = integrity::ProofOptions {
        key_id: &key_id,
        created: &created,
        expires: None,
    };
    let signed = integrity::sign(&look_alike, &pair, &options).expect("signed");
    let refused = relay(&fake, &net.gamma, signed).await;
    assert!(
        refused
            .as_deref()
            .is_some_and(|why| why.contains("not by the key")),
        "{refused:?}"
    );
    assert_eq!(kept(&net.gamma, tenants.as_str()).await, None);
    assert!(!is_member(&net.gamma, tenants.as_str()).await);
}

#[tokio::test]
async fn without_the_notice_the_coop_learns_a_removal_when_it_asks_again_before_expiry() {
    let net = network().await;
    net.join(&net.beta).await;
    let coop = instance_actor(&net.beta);
    assert!(is_member(&net.beta, &coop).await);
    // The removal's notice never arrives (beta is down while the registry gives up on it)...
    record_as_admin(
        &net.registry.state,
        &net.ada,
        Change::Removed,
        ChangeRequest {
            member: coop.clone(),
            reason: "dues unpaid".to_owned(),
            ..ChangeRequest::default()
        },
    )
    .await
    .expect("removed");
    assert!(is_member(&net.beta, &coop).await, "not told yet");
    // ...but the refresh ahead of expiry asks the registry, whose answer is signed.
    let refreshed = network::refresh_expiring(&net.beta.state, 31 * 60_000)
        .await
        .expect("refreshed");
    assert_eq!(refreshed, 1);
    assert_eq!(
        kept(&net.beta, &coop).await.map(|k| k.0).as_deref(),
        Some("removed")
    );
    assert!(!is_member(&net.beta, &coop).await);
    // The registry serves the same word to anyone, signed by the key its actor publishes.
    let registry_actor = Url::parse(&actor(&net.registry, "network")).expect("URL");
    let document = net.beta.federation_fetch(&registry_actor).await;
    assert_eq!(document["type"], "Group");
    let key = &document["assertionMethod"][0];
    assert_eq!(key["type"], "Multikey");
    let instance = net
        .registry
        .federation_fetch(&Url::parse(&instance_actor(&net.registry)).expect("URL"))
        .await;
    assert_eq!(
        instance["registry"],
        registry_actor.as_str(),
        "the instance actor names it"
    );
}

#[tokio::test]
async fn a_coop_copies_the_log_and_answers_for_a_past_date_as_the_registry_does() {
    let net = network().await;
    net.join(&net.beta).await;
    let coop = instance_actor(&net.beta);
    let registry = &net.registry.state;
    let before_suspension = registry.now();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    net.admin(Change::Suspended, &coop).await;
    let copied = network::replicate(&net.beta.state).await.expect("copied");
    assert_eq!(copied.copied, 3, "applied, approved, suspended");
    assert_eq!(copied.entries, net.entries().await);
    let again = network::replicate(&net.beta.state).await.expect("copied");
    assert_eq!(again.copied, 0, "nothing new");
    assert_eq!(again.last_hash, copied.last_hash);
    net.admin(Change::Restored, &coop).await;
    assert_eq!(
        network::replicate(&net.beta.state)
            .await
            .expect("copied")
            .copied,
        1
    );
    for at in [Some(before_suspension), None] {
        let ours = network::members_at(&net.beta.state, at)
            .await
            .expect("replayed");
        let theirs = solidarity::service::registry::members_at(registry, at)
            .await
            .expect("the registry's");
        assert_eq!(ours, theirs, "at {at:?}");
    }
    let then = network::members_at(&net.beta.state, Some(before_suspension))
        .await
        .expect("replayed");
    assert_eq!(then[0].status.as_str(), "active");
}
