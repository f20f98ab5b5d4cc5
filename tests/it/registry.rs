//! The network's membership registry on the software co-op's instance: an append-only log
//! chained by hashes that anyone can fetch, check and replay to the member list of any moment;
//! changes that do not follow a member's status are refused with nothing stored; the database
//! itself refuses to change or delete an entry; platform co-ops keep no registry.

use crate::admin::admin;
use crate::common::network::Instance;
use crate::common::process::succeeds;
use crate::common::seed;
use serde_json::{Map, Value};
use solidarity::domain::InstanceRole;
use solidarity::domain::registry_log::{Change, Entry, GENESIS, replay};
use solidarity::service::ServiceError;
use solidarity::service::registry::{ChangeRequest, members_at, record_as_admin};

const COOP_A: &str = "https://coop-a.example/actors/instance";
const TENANTS: &str = "https://coop-a.example/actors/tenants_union";

async fn software_coop() -> Instance {
    Instance::start_configured("registry.test", |config| {
        config.role = InstanceRole::Software;
    })
    .await
}

async fn get(instance: &Instance, path: &str) -> (u16, Value) {
    let response = reqwest::get(format!("http://127.0.0.1:{}{path}", instance.port))
        .await
        .expect("answers");
    let status = response.status().as_u16();
    let body = response.text().await.expect("a body");
    (
        status,
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

/// The entry a published document carries, with its hash recomputed by the reader: the
/// document without `id`, `type`, `published` and `hash`, keys sorted, no whitespace.
fn checked_entry(document: &Value) -> Entry {
    let mut fields: Map<String, Value> = document.as_object().expect("an object").clone();
    for extra in ["id", "type", "published", "hash"] {
        fields.remove(extra);
    }
    let sorted: std::collections::BTreeMap<String, Value> = fields.into_iter().collect();
    let canonical = serde_json::to_string(&sorted).expect("serializes");
    let digest = sha2::Digest::finalize(sha2::Digest::chain_update(
        <sha2::Sha256 as sha2::Digest>::new(),
        canonical.as_bytes(),
    ));
    let hash: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        document["hash"],
        hash.as_str(),
        "the published hash is the reader's"
    );
    serde_json::from_value(Value::Object(sorted.into_iter().collect())).expect("an entry")
}

#[tokio::test]
async fn anyone_replays_the_published_log_to_the_members_of_any_moment() {
    let registry = software_coop().await;
    let ada = seed::admin(&registry.state.store, "ada").await;
    let state = &registry.state;
    let record = |change: Change, member: &str, class: Option<&str>, serving: Option<&str>| {
        record_as_admin(
            state,
            &ada,
            change,
            ChangeRequest {
                member: member.to_owned(),
                class: class.map(str::to_owned),
                serving: serving.map(str::to_owned),
                reason: format!("{} by the board", change.as_str()),
                ..ChangeRequest::default()
            },
        )
    };
    record(Change::Applied, COOP_A, Some("platform_coop"), None)
        .await
        .expect("applies");
    record(Change::Approved, COOP_A, None, None)
        .await
        .expect("approved");
    record(Change::Applied, TENANTS, Some("organization"), Some(COOP_A))
        .await
        .expect("applies");
    let approved = record(Change::Approved, TENANTS, None, None)
        .await
        .expect("approved");
    // Later than the approval, so that the moment between them is one the log can tell.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    record(Change::Removed, TENANTS, None, None)
        .await
        .expect("removed");

    // A change the member's status does not allow is refused, and nothing is stored.
    let refused = record(Change::Restored, TENANTS, None, None).await;
    assert!(
        matches!(refused, Err(ServiceError::Conflict(_))),
        "{refused:?}"
    );
    let unknown_class = record(
        Change::Applied,
        "https://coop-b.example/actors/x",
        Some("alien"),
        None,
    )
    .await;
    assert!(matches!(
        unknown_class,
        Err(ServiceError::Invalid { field: "class", .. })
    ));

    let (status, collection) = get(&registry, "/registry/log").await;
    assert_eq!(status, 200, "{collection}");
    assert_eq!(collection["type"], "OrderedCollection");
    assert_eq!(
        collection["totalItems"], 5,
        "the refused changes left no entry"
    );
    let (_, page) = get(&registry, "/registry/log?page=1").await;
    let published: Vec<Entry> = page["orderedItems"]
        .as_array()
        .expect("entries")
        .iter()
        .map(checked_entry)
        .collect();
    assert_eq!(published[0].previous, GENESIS);
    assert_eq!(published[4].change, Change::Removed);
    assert_eq!(published[4].reason, "removed by the board");
    assert!(
        published[0].author.ends_with("/actors/ada"),
        "{}",
        published[0].author
    );
    // Numbers from the address never overflow: past the end is empty, below 1 is missing.
    let (status, far) = get(&registry, &format!("/registry/log?page={}", i64::MAX)).await;
    assert_eq!(status, 200, "{far}");
    assert_eq!(far["orderedItems"], serde_json::json!([]));
    for seq in ["0", "-9223372036854775808", "9223372036854775807"] {
        let (status, _) = get(&registry, &format!("/registry/log/{seq}")).await;
        assert_eq!(status, 404, "entry {seq}");
    }
    let (status, third) = get(&registry, "/registry/log/3").await;
    assert_eq!(status, 200);
    assert_eq!(checked_entry(&third), published[2]);

    // The members at the moment of the approval, replayed by the reader from the published log,
    // are those the registry says for that moment; and so for now.
    let then = approved.at;
    let replayed = replay(&published, Some(then)).expect("the published log chains");
    assert_eq!(replayed[TENANTS].status.as_str(), "active");
    assert_eq!(replayed[TENANTS].serving.as_deref(), Some(COOP_A));
    let at = chrono::DateTime::from_timestamp_millis(then)
        .expect("a time")
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let (status, members) = get(
        &registry,
        &format!("/registry/members?at={}", at.replace('+', "%2B")),
    )
    .await;
    assert_eq!(status, 200, "{members}");
    let statuses: Vec<(String, String)> = members["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| {
            (
                m["member"].as_str().expect("id").to_owned(),
                m["status"].as_str().expect("status").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            (COOP_A.to_owned(), "active".to_owned()),
            (TENANTS.to_owned(), "active".to_owned())
        ]
    );
    let service_then = members_at(state, Some(then)).await.expect("members");
    assert_eq!(service_then, replayed.into_values().collect::<Vec<_>>());
    let now = replay(&published, None).expect("chains");
    assert_eq!(
        members_at(state, None).await.expect("members"),
        now.into_values().collect::<Vec<_>>()
    );

    // The totals count active members only: the removed organization is not among them.
    let (status, totals) = get(&registry, "/registry/totals").await;
    assert_eq!(status, 200, "{totals}");
    assert_eq!(totals["active"], 1, "{totals}");
    assert_eq!(totals["by_class"]["platform_coop"], 1);
    assert!(totals["by_class"]["organization"].is_null(), "{totals}");
    let growth = totals["growth"].as_array().expect("months");
    assert_eq!(growth.last().expect("a month")[1], 1, "{totals}");

    // NodeInfo names the registry, so that peers find it from the domain alone.
    let (_, nodeinfo) = get(&registry, "/nodeinfo/2.1").await;
    assert_eq!(
        nodeinfo["metadata"]["registry"],
        format!("{}/registry/log", registry.base())
    );
    assert_eq!(
        nodeinfo["metadata"]["registryActor"],
        format!("{}/actors/network", registry.base())
    );
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_an_entry() {
    let registry = software_coop().await;
    let ada = seed::admin(&registry.state.store, "ada").await;
    record_as_admin(
        &registry.state,
        &ada,
        Change::Applied,
        ChangeRequest {
            member: COOP_A.to_owned(),
            class: Some("platform_coop".to_owned()),
            ..ChangeRequest::default()
        },
    )
    .await
    .expect("applies");
    let pool = sqlx::AnyPool::connect(registry.db.url.expose())
        .await
        .expect("connects");
    let update = sqlx::query("UPDATE registry_log SET reason = 'rewritten'")
        .execute(&pool)
        .await;
    assert!(update.is_err(), "an entry was changed");
    let delete = sqlx::query("DELETE FROM registry_log").execute(&pool).await;
    assert!(delete.is_err(), "an entry was deleted");
    pool.close().await;
    let verified = solidarity::service::registry::verify(&registry.state)
        .await
        .expect("the log still verifies");
    assert_eq!(verified.entries, 1);
}

#[tokio::test]
async fn a_platform_coop_keeps_no_registry() {
    let platform = Instance::start("platform.test").await;
    let (status, body) = get(&platform, "/registry/log").await;
    assert_eq!(status, 404, "{body}");
    let (_, nodeinfo) = get(&platform, "/nodeinfo/2.1").await;
    assert!(nodeinfo["metadata"]["registry"].is_null());
    assert!(nodeinfo["metadata"]["registryActor"].is_null());
}

#[tokio::test]
async fn administrators_keep_the_registry_from_the_command_line() {
    let db = crate::common::TestDb::new().await;
    let dir = tempfile::tempdir().expect("a directory");
    crate::admin::create_user(&db, &dir, "ada", &["--admin"]);
    let registry = |args: &[&str]| {
        let mut command = admin(&db, &dir, &["registry"]);
        command.args(args).env("SOLIDARITY_ROLE", "software");
        command
    };
    let applied = succeeds(&mut registry(&[
        "apply",
        COOP_A,
        "--class",
        "platform_coop",
        "--by",
        "ada",
        "--reason",
        "founding member",
    ]));
    assert!(applied.starts_with("entry 1: "), "{applied}");
    succeeds(&mut registry(&["approve", COOP_A, "--by", "ada"]));
    let members = succeeds(&mut registry(&["members", "--json"]));
    let members: Value = serde_json::from_str(&members).expect("JSON");
    assert_eq!(members[0]["member"], COOP_A);
    assert_eq!(members[0]["status"], "active");
    let verified = succeeds(&mut registry(&["verify"]));
    assert!(verified.starts_with("2 entries chain"), "{verified}");
    let output = registry(&["suspend", COOP_A, "--by", "nobody_here"])
        .output()
        .expect("runs");
    assert!(!output.status.success(), "an unknown author is refused");
    let output = admin(&db, &dir, &["registry", "members"])
        .output()
        .expect("runs");
    assert!(
        !output.status.success()
            && String::from_utf8_lossy(&output.stderr).contains("platform co-op"),
        "a platform co-op's instance says it keeps no registry: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
