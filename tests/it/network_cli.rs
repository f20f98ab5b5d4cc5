//! A platform co-op joins the network with the commands the README shows, run by the binary:
//! two `serve` processes on loopback (the software co-op's, `role = "software"`, and the
//! platform co-op's), each with its own database, and the admin commands between them.

use crate::common::TestDb;
use crate::common::process::{Sender, until};
use serde_json::Value;

const PASSWORD: &str = "correct horse battery\n";

/// A `serve` process, stopped when the test ends, failed or not.
struct Serving(std::process::Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What `admin ARGS --json` prints, parsed.
fn json(instance: &Sender, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&instance.admin(&args, "")).expect("JSON")
}

/// The status `listing` (members as JSON) gives `member`.
fn status_of(listing: &Value, member: &str) -> Option<String> {
    listing
        .as_array()?
        .iter()
        .find(|row| row["member"] == member)
        .and_then(|row| row["status"].as_str().map(str::to_owned))
}

#[tokio::test]
async fn a_platform_coop_joins_the_network_with_the_readmes_commands() {
    let (registry_db, coop_db) = (TestDb::new().await, TestDb::new().await);
    let mut registry = Sender::new(&registry_db);
    registry
        .env
        .push(("SOLIDARITY_ROLE", "software".to_owned()));
    let coop = Sender::new(&coop_db);
    registry.admin(
        &["create-user", "ada", "--admin", "--password-stdin"],
        PASSWORD,
    );
    coop.admin(&["create-user", "rosa", "--password-stdin"], PASSWORD);
    coop.admin(
        &[
            "create-org",
            "tenants_union",
            "--name",
            "Tenants' Union",
            "--owner",
            "rosa",
        ],
        "",
    );
    let _registry_serve = Serving(registry.serve());
    let _coop_serve = Serving(coop.serve());
    let coop_actor = format!("http://localhost:{}/actors/instance", coop.port);
    let org = format!("http://localhost:{}/actors/tenants_union", coop.port);

    let applied = coop.admin(
        &["network", "join", &format!("localhost:{}", registry.port)],
        "",
    );
    assert!(applied.starts_with("applied to "), "{applied}");
    until("the registry records the application", || async {
        status_of(&json(&registry, &["registry", "members"]), &coop_actor).as_deref()
            == Some("applied")
    })
    .await;
    registry.admin(
        &[
            "registry",
            "approve",
            &coop_actor,
            "--by",
            "ada",
            "--reason",
            "voted by the board",
        ],
        "",
    );
    until(
        "the co-op holds the registry's word that it is a member",
        || async {
            status_of(&json(&coop, &["network", "status"]), &coop_actor).as_deref()
                == Some("active")
        },
    )
    .await;
    let reported = coop.admin(
        &[
            "network",
            "report",
            "tenants_union",
            "--representative",
            "rosa",
        ],
        "",
    );
    assert!(reported.contains(&org), "{reported}");
    until("the organization is a member", || async {
        status_of(&json(&coop, &["network", "status"]), &org).as_deref() == Some("active")
    })
    .await;
    let members = json(&registry, &["registry", "members"]);
    let row = members
        .as_array()
        .and_then(|rows| rows.iter().find(|row| row["member"] == org.as_str()))
        .expect("listed");
    assert_eq!(row["class"], "organization");
    assert_eq!(row["serving"], coop_actor.as_str());
    let page = reqwest::get(coop.url("/@tenants_union"))
        .await
        .expect("answers")
        .text()
        .await
        .expect("a page");
    assert!(
        page.contains("Member of the network"),
        "the mark is on its page"
    );
    let verified = registry.admin(&["registry", "verify"], "");
    // Applied and approved, for the co-op and for its organization.
    assert!(verified.starts_with("4 entries chain"), "{verified}");
}
