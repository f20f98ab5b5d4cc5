//! `solidarity bench inbox`, run small by the binary: every signed activity its peers send is
//! accepted and applied, the same ones again are accepted as duplicates, and the report holds
//! the figures (how fast is the bench's business, never a test's).

use crate::common::TestDb;
use solidarity::config::Backend;
use std::process::Command;

#[tokio::test]
async fn the_inbox_bench_floods_a_fresh_instance_and_reports_every_activity_taken() {
    let db = TestDb::new().await;
    let out = tempfile::tempdir().expect("dir");
    let report = out.path().join("report.json");
    let mut command = Command::new(env!("CARGO_BIN_EXE_solidarity"));
    command.args([
        "bench",
        "inbox",
        "--activities",
        "300",
        "--actors",
        "30",
        "--hosts",
        "5",
        "--concurrency",
        "8",
        "--report",
        report.to_str().expect("a path"),
    ]);
    if TestDb::expected_backend() == Backend::Postgres {
        command.args(["--postgres", db.url.expose()]);
    }
    let output = command.output().expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("of one core's verify rate"), "{stdout}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("the report")).expect("JSON");
    let inbox = &report["inbox"];
    for pass in ["new", "duplicates"] {
        assert_eq!(inbox[pass]["accepted"], 300, "{pass}: {inbox}");
        assert_eq!(inbox[pass]["refused"], 0, "{pass}: {inbox}");
    }
    assert_eq!(inbox["set_aside"], 0, "every activity applied: {inbox}");
    assert!(report["crypto"]["verify_per_second"].as_f64() > Some(0.0));
    let database = if TestDb::expected_backend() == Backend::Postgres {
        "postgresql"
    } else {
        "sqlite"
    };
    assert_eq!(inbox["database"], database);
}
