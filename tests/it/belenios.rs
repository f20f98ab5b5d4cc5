//! A vote exported for Belenios: `admin registry export-belenios` writes the voter list and the
//! election template of a proposal, and Debian's belenios-tool sets an election up from them
//! (credentials for every member on the roll with its weight, the question by kind, a ranking as
//! a non-homomorphic question).

use crate::common::TestDb;
use crate::common::process::Sender;
use std::path::Path;
use std::process::Command;

const PASSWORD: &str = "correct horse battery\n";

/// Runs belenios-tool in `dir`; panics with what it said when it fails.
fn belenios(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("belenios-tool")
        .args(args)
        .current_dir(dir)
        .env("BELENIOS_USE_URANDOM", "1")
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run belenios-tool ({e}); install Debian's belenios-tool package")
        });
    assert!(
        output.status.success(),
        "belenios-tool {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn belenios_sets_up_an_election_from_the_exported_vote() {
    let db = TestDb::new().await;
    let mut registry = Sender::new(&db);
    registry
        .env
        .push(("SOLIDARITY_ROLE", "software".to_owned()));
    registry.admin(
        &["create-user", "ada", "--admin", "--password-stdin"],
        PASSWORD,
    );
    let members = [
        ("https://m.example/users/maria", "individual"),
        ("https://a.coop/actors/instance", "platform_coop"),
    ];
    for (member, class) in members {
        registry.admin(
            &["registry", "apply", member, "--class", class, "--by", "ada"],
            "",
        );
        registry.admin(&["registry", "approve", member, "--by", "ada"], "");
    }
    let defined = registry.admin(
        &[
            "registry",
            "define-class",
            "individual",
            "--weight",
            "2",
            "--by",
            "ada",
        ],
        "",
    );
    assert!(defined.contains("weighs 2"), "{defined}");
    let closes = (chrono::Utc::now() + chrono::Duration::days(7)).to_rfc3339();
    for kind in ["ranked", "multiple"] {
        registry.admin(
            &[
                "registry",
                "propose",
                "--title",
                "Elect the delegate",
                "--kind",
                kind,
                "--option",
                "Amina",
                "--option",
                "Joseph",
                "--option",
                "Lin",
                "--rule",
                "plurality",
                "--closes",
                &closes,
                "--secret",
                "--by",
                "ada",
            ],
            "",
        );
    }
    let listed: serde_json::Value =
        serde_json::from_str(&registry.admin(&["registry", "proposals", "--json"], ""))
            .expect("JSON");
    let ids: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 2);
    for id in ids {
        let out = tempfile::tempdir().expect("dir");
        let dir = out.path().to_str().expect("a path");
        let said = registry.admin(&["registry", "export-belenios", id, "--dir", dir], "");
        assert!(said.starts_with("2 voters"), "{said}");
        let voters = std::fs::read_to_string(out.path().join("voters.txt")).expect("voters");
        assert!(voters.contains("https://m.example/users/maria,https://m.example/users/maria,2\n"));
        let uuid = belenios(out.path(), &["setup", "generate-token"]);
        let uuid = uuid.trim();
        let group = "RFC-3526-2048";
        belenios(
            out.path(),
            &[
                "setup",
                "generate-credentials",
                "--uuid",
                uuid,
                "--group",
                group,
                "--file",
                "voters.txt",
            ],
        );
        belenios(
            out.path(),
            &["setup", "generate-trustee-key", "--group", group],
        );
        let mut keys = String::new();
        let mut credentials = None;
        for entry in std::fs::read_dir(out.path()).expect("listed") {
            let path = entry.expect("entry").path();
            match path.extension().and_then(|e| e.to_str()) {
                Some("pubkey") => keys.push_str(&std::fs::read_to_string(&path).expect("key")),
                Some("pubcreds") => credentials = Some(path),
                _ => {}
            }
        }
        std::fs::write(out.path().join("public_keys.jsons"), keys).expect("keys");
        let credentials = credentials.expect("public credentials");
        let public: Vec<String> =
            serde_json::from_str(&std::fs::read_to_string(&credentials).expect("read"))
                .expect("JSON");
        assert_eq!(public.len(), 2, "one credential per member on the roll");
        let mut weights: Vec<&str> = public.iter().filter_map(|c| c.split(',').nth(1)).collect();
        weights.sort_unstable();
        assert_eq!(weights, ["1", "2"], "each member's weight: {public:?}");
        std::fs::rename(&credentials, out.path().join("public_creds.json")).expect("moved");
        belenios(out.path(), &["setup", "make-trustees"]);
        belenios(
            out.path(),
            &[
                "setup",
                "make-election",
                "--uuid",
                uuid,
                "--group",
                group,
                "--template",
                "template.json",
            ],
        );
        let election: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join("election.json")).expect("election"),
        )
        .expect("JSON");
        assert_eq!(election["name"], "Elect the delegate");
        assert!(
            election["description"]
                .as_str()
                .is_some_and(|d| d.contains("Roll SHA-256"))
        );
        belenios(out.path(), &["archive", "init"]);
    }
}
