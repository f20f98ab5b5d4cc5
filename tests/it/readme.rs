//! The README's quick start, run as written: a doc test of README.md, not a copy of it.
//!
//! At test time the test reads `README.md`, takes every fenced ` ```sh ` block of its
//! `## Quick start` section (up to the next `##` heading), in order, and runs them concatenated in
//! one `bash -euo pipefail` process (with only `PATH` inherited: it needs bash, curl, jq and GNU
//! date) against a fresh `solidarity serve` of the binary under test, with its own temporary
//! directory and database (PostgreSQL when `TEST_POSTGRES_URL` is set) on a free port. Any command
//! that exits non-zero fails the test, with the script and its trace. Then the test reads the API
//! for what a reader would notice: the event is still listed (not over), starts after now and has
//! one person going; the action counts one participant; the campaign holds the event and the
//! action as accepted items, adds up their counts and shows one update. A past fixed date in the
//! README fails the run: the event's RSVP, or the action's signature, answers 409.
//!
//! Conventions the README keeps for this test:
//! - A block that cannot run against one fresh instance (it needs a second server) is marked by
//!   an HTML comment on the line before its fence, `<!-- not run: REASON -->`; GitHub does not
//!   render it, so the prose around such a block says so too. Marked blocks are skipped anywhere.
//! - Inside the quick start every fenced block is `sh` or marked: any other block fails the test
//!   rather than going silently unrun.
//!
//! The README's commands assume `cargo run --release -- serve` in another terminal and address
//! `http://localhost:8080`. The test maps both, visibly, in a bash prelude (printed on failure)
//! without rewriting any command: the test starts `serve` itself; a shell function `cargo` turns
//! `cargo run --release [-q] -- ARGS` into the binary under test with ARGS (in this instance's
//! `SOLIDARITY_*` environment) and refuses anything else, `serve` included; and in the extracted
//! text the authority `localhost:8080`, and nothing else, is replaced by `localhost:PORT`, the
//! instance's domain and port.

use crate::common::TestDb;
use crate::common::process::Sender;
use serde_json::Value;
use std::process::{Child, Stdio};
use std::time::Duration;

/// The heading of the section whose `sh` blocks are run.
const SECTION: &str = "## Quick start";
/// The comment that, on the line before a fence, keeps a block from being run.
const NOT_RUN: &str = "<!-- not run:";
/// The authority the README's commands address, replaced by the test instance's.
const README_AUTHORITY: &str = "localhost:8080";
/// The organization the quick start creates.
const ORG: &str = "climate_now";
/// How long the whole quick start may take.
const SCRIPT_DEADLINE: Duration = Duration::from_secs(180);

/// A fenced block to run, with the README line of its fence.
#[derive(Debug, PartialEq)]
struct Block {
    line: usize,
    text: String,
}

/// The quick start's `sh` blocks in order, minus those marked not run; an error names the line
/// of a quick-start block that is neither, or a missing section.
fn quick_start_blocks(markdown: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut in_section = false;
    let mut found = false;
    let mut previous = "";
    // The fence of the block being read, and whether it is kept.
    let mut open: Option<(usize, bool, Vec<&str>)> = None;
    for (index, line) in markdown.lines().enumerate() {
        let number = index + 1;
        if let Some((start, keep, body)) = open.as_mut() {
            if line.trim_start().starts_with("```") {
                if *keep {
                    blocks.push(Block {
                        line: *start,
                        text: body.join("\n"),
                    });
                }
                open = None;
            } else {
                body.push(line);
            }
            continue;
        }
        if line.starts_with("## ") {
            in_section = line.trim_end() == SECTION;
            found |= in_section;
        } else if let Some(info) = line.trim_start().strip_prefix("```") {
            let marked = previous.trim_start().starts_with(NOT_RUN);
            let keep = in_section && !marked;
            if keep && info.trim() != "sh" {
                return Err(format!(
                    "README.md line {number}: a quick-start block must be `sh` or marked \
                     `{NOT_RUN} ... -->` on the line before, not ```{info}"
                ));
            }
            open = Some((number, keep, Vec::new()));
        }
        if !line.trim().is_empty() {
            previous = line;
        }
    }
    if let Some((start, _, _)) = open {
        return Err(format!("README.md line {start}: the block is never closed"));
    }
    if !found {
        return Err(format!("README.md has no `{SECTION}` section"));
    }
    Ok(blocks)
}

/// Single-quotes `text` for bash.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The prelude that maps the README's conventions onto `instance`.
fn prelude(instance: &Sender) -> String {
    format!(
        r#"# Prelude of tests/it/readme.rs: the README's conventions mapped onto this test's instance.
export SOLIDARITY_DATABASE_URL={database_url}
export SOLIDARITY_DOMAIN=localhost:{port}
export SOLIDARITY_LISTEN=127.0.0.1:{port}
# `cargo run --release [-q] -- ARGS` runs the binary under test with ARGS; nothing else is mapped.
# Its own steps are not traced; the command it runs is.
cargo() {{
    {{ set +x; }} 2>/dev/null
    if [[ "${{1-}}" != run ]]; then echo "readme test: only 'cargo run' is mapped, not: cargo $*" >&2; return 1; fi
    while [[ $# -gt 0 && "$1" != -- ]]; do shift; done
    if [[ $# -eq 0 ]]; then echo "readme test: 'cargo run' without '--'" >&2; return 1; fi
    shift
    if [[ "${{1-}}" == serve ]]; then echo "readme test: the test serves the instance itself" >&2; return 1; fi
    set -x
    {binary} "$@"
}}
set -x
"#,
        database_url = quoted(&instance.database_url),
        port = instance.port,
        binary = quoted(env!("CARGO_BIN_EXE_solidarity")),
    )
}

/// The prelude and the blocks, each after a traced `: README.md line N`, with the README's
/// authority replaced by the instance's.
fn script(instance: &Sender, blocks: &[Block]) -> String {
    let mut script = prelude(instance);
    for block in blocks {
        script.push_str(&format!("\n: README.md line {}\n", block.line));
        script.push_str(
            &block
                .text
                .replace(README_AUTHORITY, &format!("localhost:{}", instance.port)),
        );
        script.push('\n');
    }
    script
}

/// Kills the served instance when the test ends, passed or not.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn get(instance: &Sender, path: &str) -> Value {
    let response = reqwest::get(instance.url(path)).await.expect("answers");
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.expect("JSON")
}

/// The one element of a list answered by `path`.
async fn only(instance: &Sender, path: &str) -> Value {
    let list = get(instance, path).await;
    let items = list.as_array().expect("a list");
    assert_eq!(items.len(), 1, "GET {path}: {list:#}");
    items[0].clone()
}

#[tokio::test]
async fn the_readme_quick_start_runs_as_written_against_a_fresh_instance() {
    let readme_path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(readme_path).expect("README.md is readable");
    let blocks = quick_start_blocks(&readme).unwrap_or_else(|e| panic!("{e}"));
    assert!(!blocks.is_empty(), "the quick start has no sh block");

    let db = TestDb::new().await;
    let instance = Sender::new(&db);
    let _serving = Serving(instance.serve());
    let script = script(&instance, &blocks);
    let mut bash = tokio::process::Command::new("bash");
    bash.args(["-euo", "pipefail", "-c", &script])
        .current_dir(instance.dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let output = tokio::time::timeout(
        SCRIPT_DEADLINE,
        bash.spawn().expect("bash starts").wait_with_output(),
    )
    .await
    .unwrap_or_else(|_| panic!("the quick start took over {SCRIPT_DEADLINE:?}:\n{script}"))
    .expect("bash ends");
    assert!(
        output.status.success(),
        "the README's quick start failed ({}).\n--- script ---\n{script}\n--- stdout ---\n{}\n\
         --- stderr (traced; the last `: README.md line N` names the block) ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );

    // The event is upcoming (the list holds events not over yet), starts later than now, and
    // has the quick start's RSVP.
    let event = only(&instance, &format!("/api/v1/orgs/{ORG}/events")).await;
    let starts_at =
        chrono::DateTime::parse_from_rfc3339(event["starts_at"].as_str().expect("text"))
            .expect("RFC 3339");
    assert!(starts_at > chrono::Utc::now(), "{event:#}");
    assert_eq!(event["going"], 1, "{event:#}");
    // The action counts its one signature.
    let action = only(&instance, &format!("/api/v1/orgs/{ORG}/actions")).await;
    assert_eq!(action["progress"], 1, "{action:#}");
    // The campaign holds both, accepted, adds up their counts, and shows its update.
    let campaign = only(&instance, &format!("/api/v1/orgs/{ORG}/campaigns")).await;
    let mut items: Vec<(String, String, String)> = campaign["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| {
            let text = |key: &str| item[key].as_str().unwrap_or_default().to_owned();
            (text("kind"), text("object"), text("state"))
        })
        .collect();
    items.sort();
    let ap_id = |value: &Value| value["ap_id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        items,
        vec![
            ("action".into(), ap_id(&action), "accepted".into()),
            ("event".into(), ap_id(&event), "accepted".into()),
        ],
        "{campaign:#}"
    );
    assert_eq!(campaign["participations"], 1, "{campaign:#}");
    assert_eq!(campaign["going"], 1, "{campaign:#}");
    assert_eq!(
        campaign["updates"].as_array().map(Vec::len),
        Some(1),
        "{campaign:#}"
    );
}

#[test]
fn only_the_quick_starts_unmarked_sh_blocks_are_run() {
    let markdown = "\
# Title

```sh
cargo run -- serve
```

## Quick start

```sh
echo one
```

<!-- not run: needs a second server -->
```sh
curl https://sibling.coop/
```

```sh
# ## not a heading
echo two
```

## Elsewhere

```sh
echo three
```
";
    let blocks = quick_start_blocks(markdown).expect("blocks");
    assert_eq!(
        blocks,
        vec![
            Block {
                line: 9,
                text: "echo one".into()
            },
            Block {
                line: 18,
                text: "# ## not a heading\necho two".into()
            },
        ]
    );

    let unmarked_toml = "## Quick start\n\n```toml\ndomain = \"x\"\n```\n";
    let refused = quick_start_blocks(unmarked_toml).expect_err("refused");
    assert!(refused.contains("line 3"), "{refused}");
    let marked_toml = "## Quick start\n\n<!-- not run: a file -->\n```toml\nx = 1\n```\n";
    assert_eq!(quick_start_blocks(marked_toml), Ok(Vec::new()));
    assert!(quick_start_blocks("# Nothing\n").is_err());
}
