//! A report a Mastodon-like server sends about one of our members reaches the administrators:
//! delivered signed to the inbox, listed by `admin reports` with only our ids, resolved by
//! `admin resolve-report`.

use crate::admin::{admin, json_of};
use crate::common::coop::{AS, host, post};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::settle;
use crate::common::process::{fails, succeeds};
use serde_json::json;

#[tokio::test]
async fn a_report_from_another_server_reaches_the_administrators() {
    let (instance, _token) = host("alpha.test").await;
    let fake = FakeRemote::start(&["moderator"]).await;
    let moderator = fake.actor("moderator");
    let alice = format!("{}/actors/alice", instance.base());
    let flag = json!({
        "@context": AS,
        "id": moderator.url("flags/1"),
        "type": "Flag",
        "actor": moderator.id,
        "content": "Please take a look at this user and their posts",
        "object": [alice, fake.actor_id("someone_else")],
        "to": alice,
    });
    post(&instance, &moderator, &flag).await;
    settle(&[&instance]).await;

    let dir = tempfile::tempdir().expect("a directory");
    let listed = json_of(&succeeds(&mut admin(
        &instance.db,
        &dir,
        &["reports", "--json"],
    )));
    let [report] = listed.as_array().expect("a list").as_slice() else {
        panic!("one report: {listed}");
    };
    assert_eq!(report["objects"], json!([alice]), "only our ids are kept");
    assert_eq!(
        report["comment"],
        "Please take a look at this user and their posts"
    );
    assert_eq!(report["reporter"], moderator.id.as_str());
    let table = succeeds(&mut admin(&instance.db, &dir, &["reports"]));
    assert!(
        table.contains("fake.test") && table.contains("/actors/alice"),
        "{table}"
    );

    let id = report["id"].to_string();
    succeeds(&mut admin(&instance.db, &dir, &["resolve-report", &id]));
    let left = succeeds(&mut admin(&instance.db, &dir, &["reports"]));
    assert_eq!(left.trim(), "no open report");
    fails(&mut admin(&instance.db, &dir, &["resolve-report", &id]));
}
