//! Browser tests: real headless Chromium, driven through WebDriver (chromedriver), against
//! instances started by the test on loopback. Every page a test visits is checked with axe-core
//! (no serious or critical accessibility violation) and for sideways scrolling, and saved as a
//! screenshot under `target/browser-screenshots/TEST/`, which `.ci/run` lists at the end.

mod accounts;
mod admin;
mod authoring;
mod campaigns;
mod cohosting;
mod harness;
mod members;
mod organizations;
mod registry;
mod registry_admin;
mod remote_follow;
mod remote_taking_part;
mod restricted;
mod taking_part;
mod votes;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// A headless Chromium with its own chromedriver, ended when dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    shots: PathBuf,
    taken: usize,
    /// `close` ended the session and reaped the driver: nothing left for `drop`.
    closed: bool,
}

/// The Chromium and chromedriver the tests use (Debian's packages by default).
fn program(variable: &str, default: &str) -> String {
    std::env::var(variable).unwrap_or_else(|_| default.to_owned())
}

/// axe-core's script, installed with npm from `tests/axe/package-lock.json` on first use.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/axe");
        let script = dir.join("node_modules/axe-core/axe.min.js");
        if !script.exists() {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--silent"])
                .current_dir(&dir)
                .status()
                .unwrap_or_else(|e| panic!("npm is needed to install axe-core ({e})"));
            assert!(status.success(), "npm ci in {} failed", dir.display());
        }
        std::fs::read_to_string(&script).expect("axe-core's script")
    })
}

/// Runs axe-core on the page; its serious and critical violations, one line each.
const AXE_RUN: &str = "const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
  .catch(e => done(['axe failed: ' + e]));";

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

impl Browser {
    /// Starts a browser `width` pixels wide whose screenshots go to a folder named `test`.
    pub async fn start(test: &str, width: u32) -> Self {
        Self::start_in(test, width, "en-GB").await
    }

    /// The same for a person whose browser asks for pages in `language` first.
    pub async fn start_in(test: &str, width: u32, language: &str) -> Self {
        let port = free_port();
        let driver_path = program("CHROMEDRIVER", "/usr/bin/chromedriver");
        // In a process group of its own, so that a test that panics takes Chromium down too.
        let driver = Command::new(&driver_path)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_path} ({e}); install chromium and chromium-driver")
            });
        let mut capabilities = json!({
            "goog:chromeOptions": {
                "binary": program("CHROMIUM", "/usr/bin/chromium"),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--no-first-run",
                         // The test instances are NAME.test, served on loopback.
                         "--host-resolver-rules=MAP *.test 127.0.0.1",
                         format!("--window-size={width},900"),
                         format!("--lang={language}")],
                "prefs": {"intl.accept_languages": language}
            }
        });
        // Desktop Chromium keeps windows at least 500 pixels wide; narrower is a phone's screen.
        if width < 500 {
            capabilities["goog:chromeOptions"]["mobileEmulation"] = json!({
                "deviceMetrics": {"width": width, "height": 800, "pixelRatio": 2, "touch": true}
            });
        }
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities.as_object().expect("an object").clone());
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..100 {
            match builder.connect(&url).await {
                Ok(client) => {
                    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                        .join("target/browser-screenshots")
                        .join(test);
                    let _ = std::fs::remove_dir_all(&shots);
                    std::fs::create_dir_all(&shots).expect("the screenshot folder");
                    return Self {
                        client,
                        driver,
                        shots,
                        taken: 0,
                        closed: false,
                    };
                }
                Err(error) => last_error = Some(error),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not start a browser: {last_error:?}");
    }

    /// Opens `url` and saves a screenshot named after `step`.
    pub async fn visit(&mut self, url: &str, step: &str) {
        self.client.goto(url).await.expect("the page loads");
        self.shot(step).await;
    }

    /// Saves a screenshot of the page as it is now, after checking that nothing on it is wider
    /// than the screen (no sideways scrolling, at any width).
    pub async fn shot(&mut self, step: &str) {
        let overflow = self.overflow().await;
        assert!(
            overflow <= 0,
            "{step}: the page is {overflow} pixels wider than the screen"
        );
        let violations = self.accessibility_violations().await;
        assert!(violations.is_empty(), "{step}: {violations:#?}");
        self.taken += 1;
        let png = self.client.screenshot().await.expect("a screenshot");
        let path = self.shots.join(format!("{:02}-{step}.png", self.taken));
        std::fs::write(&path, png).expect("the screenshot is saved");
    }

    /// How many pixels the page is wider than the screen (0 or less: no sideways scrolling).
    pub async fn overflow(&self) -> i64 {
        let script =
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth";
        let pixels = self.client.execute(script, vec![]).await.expect("measures");
        pixels.as_i64().expect("a number of pixels")
    }

    /// axe-core's serious and critical violations on the page, one line each.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        self.client
            .execute(axe_source(), vec![])
            .await
            .expect("axe-core loads");
        let found = self
            .client
            .execute_async(AXE_RUN, vec![])
            .await
            .expect("axe-core runs");
        serde_json::from_value(found).expect("a list of violations")
    }

    /// Signs in on the instance at `base` as `handle` with the seeded test password, asking to
    /// land on `next`; the form is saved as `STEP-sign-in`, the page after it as `step`.
    pub async fn sign_in(&mut self, base: &str, handle: &str, next: &str, step: &str) {
        self.visit(
            &format!("{base}/login?next={next}"),
            &format!("{step}-sign-in"),
        )
        .await;
        self.fill("handle", handle).await;
        self.fill("password", crate::common::seed::PASSWORD).await;
        self.submit("form[action='/login'] button", step).await;
    }

    /// Types `text` into the field with id `id`, replacing what it held.
    pub async fn fill(&self, id: &str, text: &str) {
        let field = self.by_id(id).await;
        field.clear().await.expect("clears");
        field.send_keys(text).await.expect("types");
    }

    /// Clicks the button or link `css`, then waits for the next page and screenshots it.
    pub async fn submit(&mut self, css: &str, step: &str) {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css} on the page: {e}"));
        // Mark the page, so that the next one is told apart from it.
        self.client
            .execute("window.solidarityStale = true", vec![])
            .await
            .expect("runs");
        element.click().await.expect("clicks");
        for _ in 0..200 {
            let stale = self
                .client
                .execute("return window.solidarityStale === true", vec![])
                .await;
            if matches!(stale, Ok(serde_json::Value::Bool(false))) {
                self.shot(step).await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("clicking {css} did not lead to another page");
    }

    pub async fn by_id(&self, id: &str) -> fantoccini::elements::Element {
        self.client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("no #{id} on the page: {e}"))
    }

    /// The visible text of the element `css`.
    pub async fn text(&self, css: &str) -> String {
        let element = self.client.find(Locator::Css(css)).await;
        let element = element.unwrap_or_else(|e| panic!("no {css} on the page: {e}"));
        element.text().await.expect("its text")
    }

    /// The path of the page shown now.
    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("a URL")
            .path()
            .to_owned()
    }

    /// Ends the browser session and its driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        self.closed = true;
    }
}

impl Drop for Browser {
    /// After a panic (no `close`): ends chromedriver and the browsers it started, whose process
    /// group is the driver's.
    fn drop(&mut self) {
        if self.closed {
            return;
        }
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
