//! Domain blocks (SECURITY.md T16, T34): how hosts are normalised before they are compared, and
//! that a block holds on every path: inbox POSTs, signed GETs, announced objects, our own
//! deliveries and follows, with the counting fake remote showing that a blocked server hears
//! nothing from us.

use crate::common::TestDb;
use crate::common::fake_remote::{FAKE_HOST, FakeActor, FakeRemote, deliver};
use crate::common::network::{Instance, settle};
use crate::security::{
    AS, PUBLIC, activity, authority, followers, following, local_follows_accepted, note,
    organization, post, stored_activities, timeline_ids, user,
};
use axum::http::{HeaderMap, Method, StatusCode, header};
use serde_json::{Value, json};
use solidarity::db::{NewActivity, Recipients, Store};
use solidarity::domain::{Handle, HostName};
use solidarity::federation::signatures::sign_request_cavage;
use solidarity::service::blocks::{block_domain, unblock_domain};
use solidarity::service::notes::publish_note;
use solidarity::service::tokens::issue_token;
use std::process::Command;
use std::time::SystemTime;
use url::Url;

async fn block(store: &Store, domain: &str) -> solidarity::db::BlockApplied {
    block_domain(store, &HostName::parse(domain).expect("a domain"), "test")
        .await
        .expect("blocked")
}

/// `actor` as it would sign if its server were called `authority` (same key, same path).
fn renamed(actor: &FakeActor, authority: &str) -> FakeActor {
    let id = Url::parse(&format!("http://{authority}/users/{}", actor.name)).expect("a URL");
    let mut key_id = id.clone();
    key_id.set_fragment(Some("main-key"));
    FakeActor {
        id,
        key_id,
        ..actor.clone()
    }
}

#[tokio::test]
async fn t16_every_spelling_of_a_blocked_host_is_blocked() {
    let db = TestDb::new().await;
    let store = db.store().await;
    block(&store, "evil.test").await;
    block(&store, "BÜCHER.test").await;
    for host in [
        "evil.test",
        "EVIL.test.",
        "sub.evil.test",
        "evil.test:443",
        "Deep.Sub.EVIL.TEST.:8443",
        "xn--bcher-kva.test",
        "bücher.test",
        "www.BÜCHER.test.:443",
    ] {
        assert!(store.is_blocked(host).await.expect("lookup"), "{host}");
    }
    // Look-alikes are other domains: compared as A-labels, not by how they render.
    for host in [
        "notevil.test",
        "evil.test.example",
        "еvil.test", // Cyrillic е
        "bucher.test",
        "test",
        "",
        "not a host",
    ] {
        assert!(!store.is_blocked(host).await.expect("lookup"), "{host}");
    }
    let listed: Vec<String> = store
        .domain_blocks()
        .await
        .expect("list")
        .into_iter()
        .map(|b| b.domain.to_string())
        .collect();
    assert_eq!(listed, ["evil.test", "xn--bcher-kva.test"]);
}

#[tokio::test]
async fn t16_signed_posts_from_any_spelling_of_a_blocked_host_get_403_unheard() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["mallory"]).await;
    block(&alpha.state.store, FAKE_HOST).await;
    let mallory = fake.actor("mallory");
    let port = fake.port;
    for (n, form) in [
        format!("{FAKE_HOST}:{port}"),
        format!("FAKE.test.:{port}"),
        format!("sub.{FAKE_HOST}:{port}"),
        format!("{FAKE_HOST}:443"),
    ]
    .iter()
    .enumerate()
    {
        let sender = renamed(&mallory, form);
        let follow = crate::security::follow(&sender, &org.id, &n.to_string());
        let (status, answer) = deliver(
            alpha.port,
            &sender.sign_cavage(&authority(&alpha), "/inbox", &follow),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{form}: {answer}");
        assert!(answer.contains("fake.test is blocked"), "{answer}");
        assert_eq!(stored_activities(&alpha, &follow).await, 0, "{form}");
    }
    assert_eq!(fake.hits(), 0, "no request to the blocked host");
    assert!(followers(&alpha, &org).await.is_empty());
}

#[tokio::test]
async fn t34_inbox_refuses_blocked_actors_and_blocked_keys_without_egress() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let evil = FakeRemote::start(&["mallory"]).await;
    let good = FakeRemote::start_as("gamma.test", &["gina"]).await;
    block(&alpha.state.store, "fake.test").await;

    // A plain delivery signed by an actor of the blocked domain, to both inboxes.
    let mallory = evil.actor("mallory");
    let follow = crate::security::follow(&mallory, &org.id, "1");
    assert_eq!(post(&alpha, &mallory, "/inbox", &follow).await, 403);
    assert_eq!(
        post(&alpha, &mallory, "/actors/climate_now/inbox", &follow).await,
        403
    );
    // A blocked actor with a key on a good host, and a good actor with a key on the blocked one.
    let gina = good.actor("gina");
    let blocked_actor = FakeActor {
        key_id: gina.key_id.clone(),
        key: gina.key.clone(),
        ..mallory.clone()
    };
    let follow_2 = crate::security::follow(&blocked_actor, &org.id, "2");
    assert_eq!(post(&alpha, &blocked_actor, "/inbox", &follow_2).await, 403);
    let blocked_key = FakeActor {
        key_id: mallory.key_id.clone(),
        key: mallory.key.clone(),
        ..gina.clone()
    };
    let follow_3 = crate::security::follow(&blocked_key, &org.id, "3");
    assert_eq!(post(&alpha, &blocked_key, "/inbox", &follow_3).await, 403);

    for activity in [&follow, &follow_2, &follow_3] {
        assert_eq!(stored_activities(&alpha, activity).await, 0);
    }
    assert_eq!(alpha.inbox().drain().await.expect("drains").claimed, 0);
    assert_eq!(evil.hits(), 0, "no egress to the blocked domain");
    assert_eq!(good.hits(), 0, "refused before any key fetch");
    assert!(followers(&alpha, &org).await.is_empty());
}

#[tokio::test]
async fn t34_an_announced_object_on_a_blocked_domain_is_not_fetched() {
    let alpha = Instance::start("alpha.test").await;
    let reader = user(&alpha, "reader").await;
    let evil = FakeRemote::start(&["mallory"]).await;
    let good = FakeRemote::start_as("gamma.test", &["gina"]).await;
    local_follows_accepted(&alpha, &reader, &good, "gina").await;
    block(&alpha.state.store, "fake.test").await;
    let gina = good.actor("gina");
    let mallory = evil.actor("mallory");

    let evil_note = note(&mallory, "1", "<p>spam</p>");
    let by_id = json!({
        "@context": AS,
        "id": gina.url("activities/announce-1"),
        "type": "Announce",
        "actor": gina.id,
        "object": evil_note["id"],
        "to": [PUBLIC],
    });
    let embedded = activity(&gina, "Announce", "2", &evil_note);
    // A control from the good domain: its own note, embedded, is shown.
    let good_note = note(&gina, "3", "<p>hello</p>");
    let control = activity(&gina, "Announce", "3", &good_note);
    for announce in [&by_id, &embedded, &control] {
        assert_eq!(post(&alpha, &gina, "/inbox", announce).await, 202);
    }
    let report = alpha.inbox().drain().await.expect("drains");
    assert_eq!(
        (report.processed, report.failed),
        (3, 0),
        "done with, not left to retry"
    );

    assert_eq!(evil.hits(), 0, "the blocked object was not fetched");
    let timeline = timeline_ids(&alpha, &reader).await;
    assert_eq!(timeline, [good_note["id"].as_str().expect("an id")]);
}

#[tokio::test]
async fn t34_signed_gets_from_a_blocked_domain_get_403() {
    for require_signed_fetch in [false, true] {
        let alpha = Instance::start_configured("alpha.test", |config| {
            config.federation.require_signed_fetch = require_signed_fetch;
        })
        .await;
        organization(&alpha).await;
        let fake = FakeRemote::start(&["mallory"]).await;
        let good = FakeRemote::start_as("gamma.test", &["gina"]).await;
        block(&alpha.state.store, "fake.test").await;
        let url = Url::parse(&format!("{}/actors/climate_now", alpha.base())).expect("a URL");

        let get = |signer: Option<FakeActor>| {
            let url = url.clone();
            async move {
                let mut headers = HeaderMap::new();
                headers.insert(
                    header::ACCEPT,
                    "application/activity+json".parse().expect("a value"),
                );
                if let Some(signer) = signer {
                    sign_request_cavage(
                        &Method::GET,
                        &url,
                        &mut headers,
                        None,
                        &signer.key_id,
                        &signer.key,
                        SystemTime::now(),
                    )
                    .expect("signed");
                }
                reqwest::Client::builder()
                    .no_proxy()
                    .build()
                    .expect("a client")
                    .get(format!("http://127.0.0.1:{}{}", alpha.port, url.path()))
                    .headers(headers)
                    .send()
                    .await
                    .expect("answered")
                    .status()
            }
        };
        assert_eq!(
            get(Some(fake.actor("mallory"))).await,
            StatusCode::FORBIDDEN,
            "require_signed_fetch = {require_signed_fetch}"
        );
        assert_eq!(get(Some(good.actor("gina"))).await, StatusCode::OK);
        let unsigned = get(None).await;
        let expected = if require_signed_fetch {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::OK
        };
        assert_eq!(unsigned, expected);
        assert_eq!(fake.hits(), 0, "the blocked signer's key was not fetched");
    }
}

#[tokio::test]
async fn t34_blocking_removes_followers_and_stops_our_deliveries() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let reader = user(&alpha, "reader").await;
    let fake = FakeRemote::start(&["bob", "carol"]).await;
    let bob = fake.actor("bob");
    let follow = crate::security::follow(&bob, &org.id, "1");
    assert_eq!(post(&alpha, &bob, "/inbox", &follow).await, 202);
    local_follows_accepted(&alpha, &reader, &fake, "carol").await;
    settle(&[&alpha]).await;
    assert_eq!(followers(&alpha, &org).await, [bob.id.to_string()]);

    // A note queued for bob, not yet sent, when the block comes.
    publish_note(
        &alpha.state,
        &org.owner,
        &Handle::parse("climate_now").expect("valid"),
        "Strike on Friday",
    )
    .await
    .expect("published");
    let applied = block(&alpha.state.store, "FAKE.test.").await;
    assert!(applied.newly_blocked);
    assert_eq!(applied.followers_removed.len(), 1);
    assert_eq!(applied.followers_removed[0].remote_actor, bob.id.as_str());
    assert_eq!(applied.followers_removed[0].local_handle, "climate_now");
    assert_eq!(applied.following_removed.len(), 1);
    assert_eq!(applied.following_removed[0].local_handle, "reader");
    assert_eq!(applied.deliveries_failed, 1);
    assert!(followers(&alpha, &org).await.is_empty());
    assert_eq!(
        following(&alpha, &reader, &fake.actor_id("carol")).await,
        None
    );

    // A row for the blocked domain that gets queued anyway is failed, not sent.
    let hits = fake.hits();
    let id = uuid::Uuid::new_v4().to_string();
    let ap_id = format!("{}/activities/{id}", alpha.base());
    alpha
        .state
        .store
        .enqueue_activity(
            &NewActivity {
                id: &id,
                ap_id: &ap_id,
                local_actor_id: org.actor_id,
                kind: "Update",
                object_ap_id: None,
                public: true,
                json: &json!({"id": ap_id, "type": "Update"}).to_string(),
            },
            &Recipients::Inbox {
                inbox: format!("{}/inbox", fake.base()),
                host: format!("{FAKE_HOST}:{}", fake.port),
            },
        )
        .await
        .expect("queued");
    let report = alpha.delivery().drain().await.expect("drains");
    assert_eq!((report.delivered, report.failed), (0, 1));
    assert_eq!(fake.hits(), hits, "no delivery was attempted");
    let stats = alpha.state.store.queue_stats().await.expect("stats");
    assert_eq!(stats.len(), 1);
    assert_eq!((stats[0].pending, stats[0].failed), (0, 2));
    assert_eq!(
        alpha
            .state
            .store
            .instance_unreachable_since(&stats[0].host)
            .await
            .expect("health"),
        None,
        "a block is not a failure of the remote"
    );
}

#[tokio::test]
async fn t34_following_on_a_blocked_domain_is_refused_before_webfinger() {
    let alpha = Instance::start("alpha.test").await;
    let reader = user(&alpha, "reader").await;
    let fake = FakeRemote::start(&["carol"]).await;
    block(&alpha.state.store, "fake.test").await;
    let token = issue_token(&alpha.state.store, &reader.handle)
        .await
        .expect("a token")
        .secret;
    let handle = format!("carol@{FAKE_HOST}:{}", fake.port);
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client")
        .post(format!("http://127.0.0.1:{}/api/v1/follows", alpha.port))
        .header(header::HOST, authority(&alpha))
        .bearer_auth(token)
        .json(&json!({ "handle": handle }))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body: Value = response.json().await.expect("JSON");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("blocked")),
        "{body}"
    );
    assert_eq!(fake.hits(), 0, "no WebFinger request");
}

#[tokio::test]
async fn t34_unblocking_lets_a_new_follow_through() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["bob"]).await;
    let bob = fake.actor("bob");
    block(&alpha.state.store, "fake.test").await;
    let refused = crate::security::follow(&bob, &org.id, "1");
    assert_eq!(post(&alpha, &bob, "/inbox", &refused).await, 403);

    let domain = HostName::parse("fake.test").expect("a domain");
    unblock_domain(&alpha.state.store, &domain)
        .await
        .expect("unblocked");
    assert!(unblock_domain(&alpha.state.store, &domain).await.is_err());
    let again = crate::security::follow(&bob, &org.id, "2");
    assert_eq!(post(&alpha, &bob, "/inbox", &again).await, 202);
    settle(&[&alpha]).await;
    assert_eq!(followers(&alpha, &org).await, [bob.id.to_string()]);
    assert!(
        fake.posted().iter().any(|p| p["type"] == "Accept"),
        "the Accept was delivered"
    );
}

/// The binary with a clean environment on `db`.
fn admin(db: &TestDb, dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_solidarity"))
        .current_dir(dir)
        .env_clear()
        .env("SOLIDARITY_DATABASE_URL", db.url.expose())
        .arg("admin")
        .args(args)
        .output()
        .expect("solidarity runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn admin_block_commands_block_list_and_unblock() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["bob"]).await;
    let bob = fake.actor("bob");
    let follow = crate::security::follow(&bob, &org.id, "1");
    assert_eq!(post(&alpha, &bob, "/inbox", &follow).await, 202);
    settle(&[&alpha]).await;
    let dir = tempfile::tempdir().expect("dir");

    for help in [
        &["block", "--help"][..],
        &["unblock", "--help"],
        &["blocks", "--help"],
    ] {
        let (ok, stdout, _) = admin(&alpha.db, dir.path(), help);
        assert!(ok && stdout.contains("Usage:"), "{help:?}");
    }
    let (ok, stdout, stderr) = admin(
        &alpha.db,
        dir.path(),
        &["block", "Fake.Test.", "--reason", "spam waves"],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("blocked fake.test"), "{stdout}");
    assert!(
        stdout.contains(&format!("removed follower {} of climate_now", bob.id)),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 followers and 0 follows removed"),
        "{stdout}"
    );
    assert!(followers(&alpha, &org).await.is_empty());

    let (ok, stdout, _) = admin(&alpha.db, dir.path(), &["blocks"]);
    assert!(
        ok && stdout.contains("fake.test") && stdout.contains("spam waves"),
        "{stdout}"
    );
    let (ok, _, stderr) = admin(&alpha.db, dir.path(), &["block", "https://fake.test/"]);
    assert!(!ok && stderr.contains("domain"), "{stderr}");
    let (ok, stdout, stderr) = admin(&alpha.db, dir.path(), &["unblock", "fake.test"]);
    assert!(ok && stdout.contains("unblocked fake.test"), "{stderr}");
    let (ok, _, stderr) = admin(&alpha.db, dir.path(), &["unblock", "fake.test"]);
    assert!(!ok && stderr.contains("not blocked"), "{stderr}");
    let (ok, stdout, _) = admin(&alpha.db, dir.path(), &["blocks"]);
    assert!(ok && stdout.contains("no domain is blocked"), "{stdout}");
}
