//! Reports (`Flag`) from other servers: kept once when they name our accounts or posts, with
//! only our ids and the comment as plain text; dropped when they name nothing of ours.

use super::{ANN, AS, world};
use crate::service::reports;
use serde_json::json;

fn flag(n: &str, objects: serde_json::Value) -> serde_json::Value {
    json!({"@context": AS, "id": format!("https://remote.test/flags/{n}"), "type": "Flag",
           "actor": ANN, "object": objects, "content": "<p>Spam <b>everywhere</b></p>"})
}

#[tokio::test]
async fn a_report_about_our_member_is_kept_once_with_only_our_ids() {
    let world = world().await;
    let alice = world.urls().actor(&world.alice.handle).to_string();
    let report = flag("1", json!([alice, "https://remote.test/notes/elsewhere"]));
    let effect = world.receive(report.clone()).await.expect("applied");
    assert_eq!(effect, "Kept(1)");
    assert_eq!(world.receive(report).await.expect("applied"), "Again");
    let open = reports::open_reports(&world.app).await.expect("reads");
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].objects, vec![alice]);
    assert_eq!(open[0].comment, "Spam everywhere");
    assert_eq!(open[0].reporter, ANN);
    assert!(
        world.outgoing().await.is_empty(),
        "a report is not answered"
    );

    reports::resolve_report(&world.app, open[0].id)
        .await
        .expect("resolves");
    assert!(
        reports::open_reports(&world.app)
            .await
            .expect("reads")
            .is_empty()
    );
    let again = reports::resolve_report(&world.app, open[0].id).await;
    assert!(again.is_err(), "a resolved report is not open any more");
}

#[tokio::test]
async fn a_report_naming_nothing_of_ours_is_dropped() {
    let world = world().await;
    let effect = world
        .receive(flag("2", json!("https://remote.test/users/bob")))
        .await
        .expect("applied");
    assert_eq!(effect, "NotAboutUs");
    assert!(
        reports::open_reports(&world.app)
            .await
            .expect("reads")
            .is_empty()
    );
}
