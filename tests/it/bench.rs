//! `solidarity bench inbox`, run small by the binary: every signed activity its peers send is
//! accepted and applied, the same ones again are accepted as duplicates, and the report holds
//! the figures (how fast is the bench's business, never a test's).

use crate::common::TestDb;
use solidarity::config::Backend;
use std::process::Command;

#[tokio::test]
async fn the_inbox_bench_floods_a_fresh_instance_and_reports_every_activity_taken() {
    let db = TestDb::new().await;
    let (stdout, report) = bench(
        &db,
        &[
            "inbox",
            "--activities",
            "300",
            "--actors",
            "30",
            "--hosts",
            "5",
            "--concurrency",
            "8",
        ],
    );
    assert!(stdout.contains("of one core's verify rate"), "{stdout}");
    let inbox = &report["inbox"];
    for pass in ["new", "duplicates"] {
        assert_eq!(inbox[pass]["accepted"], 300, "{pass}: {inbox}");
        assert_eq!(inbox[pass]["refused"], 0, "{pass}: {inbox}");
    }
    assert_eq!(inbox["set_aside"], 0, "every activity applied: {inbox}");
    // A quarter as many again, paced at half the rate: all taken.
    assert_eq!(inbox["half_load"]["accepted"], 75, "{inbox}");
    assert!(stdout.contains("half load"), "{stdout}");
    assert!(report["crypto"]["verify_per_second"].as_f64() > Some(0.0));
    // Read from the instance's threads in /proc: a reader that finds nothing reports 0.
    assert!(
        inbox["switches_per_activity"].as_f64() > Some(0.0),
        "{inbox}"
    );
    assert!(stdout.contains("thread switches per activity"), "{stdout}");
    let database = if TestDb::expected_backend() == Backend::Postgres {
        "postgresql"
    } else {
        "sqlite"
    };
    assert_eq!(inbox["database"], database);
}

/// Runs `solidarity bench ARGS` on the test database's backend, its report and chart in a
/// temporary directory; returns stdout and the report.
fn bench(db: &TestDb, args: &[&str]) -> (String, serde_json::Value) {
    let out = tempfile::tempdir().expect("dir");
    let report = out.path().join("report.json");
    let mut command = Command::new(env!("CARGO_BIN_EXE_solidarity"));
    command
        .arg("bench")
        .args(args)
        .args(["--report", report.to_str().expect("a path")]);
    if TestDb::expected_backend() == Backend::Postgres {
        command.args(["--postgres", db.url.expose()]);
    }
    let output = command.output().expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("the report")).expect("JSON");
    (stdout, report)
}

#[tokio::test]
async fn the_fanout_bench_reaches_every_live_instance_even_across_a_kill() {
    let db = TestDb::new().await;
    let (stdout, report) = bench(
        &db,
        &[
            "fanout",
            "--instances",
            "60",
            "--dead",
            "0.2",
            "--min-latency-ms",
            "5",
            "--max-latency-ms",
            "30",
        ],
    );
    assert!(stdout.contains("x one signature"), "{stdout}");
    let fanout = &report["fanout"];
    assert_eq!(fanout["instances"], 60);
    assert_eq!(fanout["live"], 48, "a fifth are down: {fanout}");
    assert_eq!(fanout["queued_rows"], 60, "one row per instance: {fanout}");
    assert_eq!(
        fanout["refused_signatures"], 0,
        "every signature verified: {fanout}"
    );
    assert_eq!(
        fanout["kill"]["lost"], 0,
        "nothing lost to the kill: {fanout}"
    );
    assert!(
        fanout["cpu_ms_per_delivery"].as_f64() > Some(0.0),
        "{fanout}"
    );
}

/// Dead instances that accept the connection and never answer hold a delivery each until the
/// sender's timeout (10 s); the live ones are served meanwhile, and each hung delivery is
/// counted as tried only once it timed out.
#[tokio::test]
async fn the_fanout_bench_serves_the_live_instances_while_the_dead_ones_hang() {
    let db = TestDb::new().await;
    let (stdout, report) = bench(
        &db,
        &[
            "fanout",
            "--instances",
            "40",
            "--dead",
            "0.25",
            "--dead-mode",
            "hang",
            "--min-latency-ms",
            "5",
            "--max-latency-ms",
            "30",
        ],
    );
    assert!(stdout.contains("hanging"), "{stdout}");
    let fanout = &report["fanout"];
    assert_eq!(fanout["dead_mode"], "hang", "{fanout}");
    assert_eq!(fanout["live"], 30, "{fanout}");
    let live = fanout["live_delivered_seconds"]
        .as_f64()
        .unwrap_or(f64::MAX);
    let all = fanout["all_tried_seconds"].as_f64().unwrap_or(0.0);
    assert!(
        live < all,
        "the live instances did not wait for the hung ones: {fanout}"
    );
    assert!(
        all >= 9.5,
        "a hung delivery ends at the 10 s timeout, not before: {fanout}"
    );
    assert_eq!(fanout["kill"]["lost"], 0, "{fanout}");
}

#[tokio::test]
async fn the_reads_bench_compares_each_read_with_the_same_bytes_served_statically() {
    let db = TestDb::new().await;
    let (stdout, report) = bench(&db, &["reads", "--requests", "100"]);
    assert!(stdout.contains("of the baseline"), "{stdout}");
    let reads = report["reads"]["reads"].as_array().expect("reads");
    let names: Vec<&str> = reads.iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(names, ["actor", "webfinger", "outbox", "event page"]);
    for read in reads {
        assert!(read["bytes"].as_u64() > Some(100), "a real answer: {read}");
        assert!(read["ratio"].as_f64() > Some(0.0), "{read}");
    }
}
