//! The durable delivery queue on both backends: fan-out rows, leases, retries, concurrent
//! claimers and instance health.

use crate::common::TestDb;
use crate::common::seed;
use solidarity::db::{
    DeliveryOutcome, FollowState, NewFollower, NewRemoteActor, Recipients, Store,
    UNREACHABLE_AFTER_FAILURES,
};
use std::collections::HashSet;

const MINUTE: i64 = 60_000;

fn remote(host: &str, name: &str, shared: bool) -> NewRemoteActor {
    NewRemoteActor {
        ap_id: format!("https://{host}/users/{name}"),
        host: host.to_owned(),
        kind: "Person".to_owned(),
        preferred_username: name.to_owned(),
        name: name.to_owned(),
        summary: String::new(),
        url: None,
        inbox: format!("https://{host}/users/{name}/inbox"),
        shared_inbox: shared.then(|| format!("https://{host}/inbox")),
        followers_url: None,
        public_key_id: format!("https://{host}/users/{name}#main-key"),
        public_key_pem: "unused here".to_owned(),
    }
}

/// An organization followed by three people on two instances (two share an inbox).
async fn organization_with_followers(store: &Store) -> i64 {
    seed::user(store, "alice").await;
    let org = seed::organization(store, "climate_now", "alice").await;
    for (host, name, shared) in [
        ("a.test", "ann", true),
        ("a.test", "abe", true),
        ("b.test", "bo", false),
    ] {
        let actor = store
            .upsert_remote_actor(&remote(host, name, shared))
            .await
            .expect("stored");
        store
            .add_follower(
                &NewFollower {
                    local_actor_id: org.actor_id,
                    remote_actor_id: actor.id,
                    follow_ap_id: &format!("{}#follow", actor.ap_id),
                    state: FollowState::Accepted,
                },
                None,
            )
            .await
            .expect("follower");
    }
    org.actor_id
}

async fn publish(store: &Store, actor_id: i64, n: usize) -> String {
    let id = format!("activity-{n}");
    seed::activity(
        store,
        actor_id,
        &id,
        "Create",
        &Recipients::FollowersOf(actor_id),
    )
    .await;
    id
}

#[tokio::test]
async fn one_row_per_shared_inbox_and_leases_protect_claimed_rows() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let actor = organization_with_followers(&store).await;
    publish(&store, actor, 1).await;
    let now = solidarity_now();

    let claimed = store
        .claim_deliveries(now, now + MINUTE, 100, 0)
        .await
        .expect("claim");
    let inboxes: HashSet<_> = claimed.iter().map(|d| d.inbox.as_str()).collect();
    assert_eq!(
        inboxes,
        HashSet::from(["https://a.test/inbox", "https://b.test/users/bo/inbox"])
    );

    let again = store
        .claim_deliveries(now, now + MINUTE, 100, 0)
        .await
        .expect("claim");
    assert!(again.is_empty(), "leased rows are not handed out twice");

    // The worker died (a restart): once the lease lapses, the same rows come back, none lost.
    let later = now + MINUTE + 1;
    let reclaimed = store
        .claim_deliveries(later, later + MINUTE, 100, 0)
        .await
        .expect("claim");
    assert_eq!(reclaimed.len(), 2);
}

#[tokio::test]
async fn outcomes_decide_what_is_claimed_again() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let actor = organization_with_followers(&store).await;
    publish(&store, actor, 1).await;
    let now = solidarity_now();
    let claimed = store
        .claim_deliveries(now, now + MINUTE, 100, 0)
        .await
        .expect("claim");
    let (a, b) = (&claimed[0], &claimed[1]);
    store
        .finish_delivery(a.id, &DeliveryOutcome::Delivered)
        .await
        .expect("done");
    let retry_at = now + 5 * MINUTE;
    store
        .finish_delivery(
            b.id,
            &DeliveryOutcome::Retry {
                next_attempt_at: retry_at,
                error: "503".to_owned(),
            },
        )
        .await
        .expect("retry");

    assert!(
        store
            .claim_deliveries(now + 1, now + MINUTE, 100, 0)
            .await
            .expect("claim")
            .is_empty()
    );
    let due = store
        .claim_deliveries(retry_at, retry_at + MINUTE, 100, 0)
        .await
        .expect("claim");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].id, b.id);
    assert_eq!(due[0].attempts, 1, "the failed attempt was counted");

    store
        .finish_delivery(
            b.id,
            &DeliveryOutcome::Failed {
                error: "410".to_owned(),
            },
        )
        .await
        .expect("failed");
    let far = retry_at + 100 * MINUTE;
    assert!(
        store
            .claim_deliveries(far, far + MINUTE, 100, 0)
            .await
            .expect("claim")
            .is_empty()
    );
    let stats = store.queue_stats().await.expect("stats");
    assert_eq!(stats.len(), 1);
    assert_eq!((stats[0].pending, stats[0].failed), (0, 1));
}

#[tokio::test]
async fn concurrent_claimers_never_share_a_row() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let actor = organization_with_followers(&store).await;
    for n in 0..50 {
        publish(&store, actor, n).await;
    }
    let now = solidarity_now();
    let mut claimers = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        claimers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch = store
                    .claim_deliveries(now, now + MINUTE, 7, 0)
                    .await
                    .expect("claim");
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(batch.into_iter().map(|d| d.id));
            }
        }));
    }
    let mut seen = HashSet::new();
    let mut total = 0;
    for claimer in claimers {
        for id in claimer.await.expect("claimer finished") {
            total += 1;
            assert!(seen.insert(id), "delivery {id} was claimed twice");
        }
    }
    assert_eq!(
        total, 100,
        "50 activities to 2 inboxes, each claimed exactly once"
    );
}

#[tokio::test]
async fn an_unreachable_instance_gets_probes_and_revives_on_contact() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let actor = organization_with_followers(&store).await;
    publish(&store, actor, 1).await;
    // Heard from lately (kept in memory): the failures below still count, and the next sign
    // of life is written again.
    store.record_instance_alive("b.test").await.expect("alive");
    for n in 1..UNREACHABLE_AFTER_FAILURES {
        assert!(
            !store
                .record_instance_failure("b.test")
                .await
                .expect("recorded"),
            "failure {n}"
        );
    }
    assert!(
        store
            .record_instance_failure("b.test")
            .await
            .expect("recorded")
    );
    assert!(
        store
            .instance_unreachable_since("b.test")
            .await
            .expect("read")
            .is_some()
    );

    let now = solidarity_now();
    let hour = 60 * MINUTE;
    let claimed = store
        .claim_deliveries(now, now + MINUTE, 100, hour)
        .await
        .expect("claim");
    assert_eq!(
        claimed.len(),
        1,
        "b.test failed just now, so only a.test is tried"
    );
    assert_eq!(claimed[0].host, "a.test");
    let stats = store.queue_stats().await.expect("stats");
    assert!(
        stats
            .iter()
            .any(|s| s.host == "b.test" && s.unreachable_since.is_some())
    );

    // b.test contacts us: reachable again, its backlog due at once.
    store.record_instance_alive("b.test").await.expect("alive");
    assert_eq!(
        store
            .instance_unreachable_since("b.test")
            .await
            .expect("read"),
        None
    );
    let claimed = store
        .claim_deliveries(now + 1, now + MINUTE, 100, hour)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].host, "b.test");
}

fn solidarity_now() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_millis(),
    )
    .expect("fits")
}

#[tokio::test]
async fn the_commit_that_queues_deliveries_wakes_the_worker_and_other_writes_do_not() {
    use std::time::Duration;
    use tokio::time::timeout;
    let db = TestDb::new().await;
    let store = db.store().await;
    let actor = organization_with_followers(&store).await;
    // Users, organizations and followers are written without queuing anything: no wake-up.
    let quiet = Duration::from_millis(200);
    assert!(
        timeout(quiet, store.deliveries_queued()).await.is_err(),
        "no delivery was queued, so the worker is not woken"
    );
    publish(&store, actor, 1).await;
    // No caller woke anyone: the commit that queued the rows did.
    timeout(Duration::from_secs(10), store.deliveries_queued())
        .await
        .expect("the worker is woken once the rows are committed");
    assert!(
        timeout(quiet, store.deliveries_queued()).await.is_err(),
        "one wake-up per commit, not a standing signal"
    );
}

#[tokio::test]
async fn deleting_a_person_fails_their_pending_posts_but_still_sends_their_withdrawals() {
    let db = TestDb::new().await;
    let store = db.store().await;
    seed::user(&store, "alice").await;
    let bob = seed::user(&store, "bob").await;
    let host = store
        .upsert_remote_actor(&remote("a.test", "ann", false))
        .await
        .expect("stored");
    for (id, kind) in [
        ("bob-create", "Create"),
        ("bob-leave", "Leave"),
        ("bob-undo", "Undo"),
    ] {
        seed::activity(&store, bob.actor_id, id, kind, &Recipients::inbox_of(&host)).await;
    }
    let app =
        solidarity::state::AppState::new(solidarity::config::Config::defaults(), store.clone());
    solidarity::service::users::delete_user(&app, &bob.handle)
        .await
        .expect("deleted");
    let now = solidarity_now();
    let due: HashSet<String> = store
        .claim_deliveries(now + 1, now + MINUTE, 100, 0)
        .await
        .expect("claims")
        .into_iter()
        .map(|d| d.activity_id)
        .collect();
    assert!(
        due.contains("bob-leave") && due.contains("bob-undo"),
        "{due:?}"
    );
    assert!(
        !due.contains("bob-create"),
        "a post of a deleted person is not sent: {due:?}"
    );
}

#[tokio::test]
async fn a_batch_of_outcomes_records_instance_health_and_claims_skip_busy_hosts() {
    use solidarity::db::InstanceHealth;
    let db = TestDb::new().await;
    let store = db.store().await;
    let actor = organization_with_followers(&store).await;
    publish(&store, actor, 1).await;
    let now = solidarity_now();
    let claimed = store
        .claim_deliveries_avoiding(now, now + MINUTE, 100, 0, &["a.test".to_owned()])
        .await
        .expect("claim");
    let hosts: Vec<&str> = claimed.iter().map(|d| d.host.as_str()).collect();
    assert_eq!(
        hosts,
        ["b.test"],
        "a.test is busy, so its row is left alone"
    );

    // Five failures of b.test arrive in one batch: unreachable at once; its row waits.
    let retry = DeliveryOutcome::Retry {
        next_attempt_at: now + 10 * MINUTE,
        error: "b.test answered 503".to_owned(),
    };
    let failing = InstanceHealth {
        alive: Vec::new(),
        failing: vec![("b.test".to_owned(), UNREACHABLE_AFTER_FAILURES)],
    };
    store
        .finish_deliveries(&[(claimed[0].id, retry)], &failing)
        .await
        .expect("recorded");
    assert!(
        store
            .instance_unreachable_since("b.test")
            .await
            .expect("read")
            .is_some()
    );
    let due = store
        .claim_deliveries(now + 1, now + MINUTE, 100, 0)
        .await
        .expect("claim");
    assert_eq!(
        due.iter().map(|d| d.host.as_str()).collect::<Vec<_>>(),
        ["a.test"]
    );

    // One answer from b.test, recorded with a.test's delivery: reachable, its row due now.
    let alive = InstanceHealth {
        alive: vec!["b.test".to_owned(), "a.test".to_owned()],
        failing: Vec::new(),
    };
    store
        .finish_deliveries(&[(due[0].id, DeliveryOutcome::Delivered)], &alive)
        .await
        .expect("recorded");
    assert_eq!(
        store
            .instance_unreachable_since("b.test")
            .await
            .expect("read"),
        None
    );
    let later = solidarity_now() + 1;
    let due = store
        .claim_deliveries(later, later + MINUTE, 100, 0)
        .await
        .expect("claim");
    assert_eq!(
        due.iter().map(|d| d.host.as_str()).collect::<Vec<_>>(),
        ["b.test"]
    );
    let stats = store.queue_stats().await.expect("stats");
    assert!(
        stats.iter().all(|s| s.host != "a.test" || s.pending == 0),
        "a.test's is done: {stats:?}"
    );
}
