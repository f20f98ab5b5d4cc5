//! Test harness: a fresh database per test (SQLite file, or a new PostgreSQL database when
//! `TEST_POSTGRES_URL` is set), dropped when the test ends, and instances built on it.

#![allow(dead_code)] // each test module uses a different part of the harness

pub mod coop;
pub mod fake_remote;
pub mod network;
pub mod process;
pub mod seed;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use solidarity::app;
use solidarity::config::{Backend, Config, DatabaseUrl};
use solidarity::db::Store;
use solidarity::state::AppState;
use sqlx::{Connection, Executor, PgConnection};
use tower::ServiceExt;

/// The variable that switches the store-backed tests to PostgreSQL.
pub const POSTGRES_ENV: &str = "TEST_POSTGRES_URL";

/// A database that exists for one test only.
pub struct TestDb {
    pub url: DatabaseUrl,
    /// Keeps the SQLite directory alive; `None` on PostgreSQL.
    _dir: Option<tempfile::TempDir>,
    /// Administrative URL and database name to drop on PostgreSQL.
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// A new, empty database on the backend this run was asked to use.
    pub async fn new() -> Self {
        match std::env::var(POSTGRES_ENV) {
            Ok(admin_url) if !admin_url.is_empty() => Self::postgres(admin_url).await,
            _ => Self::sqlite(),
        }
    }

    /// An empty stand-in left behind when a database moves to a restarted instance.
    pub fn placeholder() -> Self {
        Self {
            url: DatabaseUrl::parse("sqlite:unused.db").expect("valid URL"),
            _dir: None,
            postgres: None,
        }
    }

    /// The backend this run was asked to use.
    pub fn expected_backend() -> Backend {
        match std::env::var(POSTGRES_ENV) {
            Ok(url) if !url.is_empty() => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("data").join("solidarity.db");
        let url = DatabaseUrl::parse(&format!("sqlite:{}", path.display())).expect("valid URL");
        Self {
            url,
            _dir: Some(dir),
            postgres: None,
        }
    }

    async fn postgres(admin_url: String) -> Self {
        let name = format!("sol_t_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(&admin_url).await.unwrap_or_else(|e| {
            panic!("{POSTGRES_ENV} is set but PostgreSQL does not answer: {e}")
        });
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create the test database");
        admin.close().await.ok();
        let mut url = url::Url::parse(&admin_url).expect("TEST_POSTGRES_URL is a URL");
        url.set_path(&name);
        Self {
            url: DatabaseUrl::parse(url.as_str()).expect("valid URL"),
            _dir: None,
            postgres: Some((admin_url, name)),
        }
    }

    /// A migrated store on this database.
    pub async fn store(&self) -> Store {
        let store = Store::connect(&self.url)
            .await
            .expect("connect to the test database");
        store.migrate().await.expect("migrate the test database");
        store
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside any runtime we could block on, so use a thread with its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for cleanup");
            runtime.block_on(async move {
                let mut admin = PgConnection::connect(&admin_url).await?;
                admin
                    .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await?;
                admin.close().await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("warning: could not drop a test database: {dropped:?}");
        }
    }
}

/// The default configuration pointed at `db`.
/// Every file under `dir` (recursively) whose name ends in `.EXT`, sorted.
pub fn files_with_extension(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|found| found == ext) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

pub fn config_for(db: &TestDb) -> Config {
    let mut config = Config::defaults();
    config.database_url = db.url.clone();
    config
}

/// An instance on a fresh database, for `oneshot` requests.
pub async fn instance(db: &TestDb) -> AppState {
    AppState::new(config_for(db), db.store().await)
}

/// What an instance answered to one request.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub location: Option<String>,
    pub body: String,
}

/// Sends one request to the instance through `oneshot`.
pub async fn send(state: &AppState, request: Request<Body>) -> Answer {
    let response = app(state.clone())
        .oneshot(request)
        .await
        .expect("infallible router");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Answer {
        status,
        content_type,
        location,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A plain GET.
pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .body(Body::empty())
        .expect("valid request")
}

/// A GET with an `Accept` header.
pub fn get_accepting(uri: &str, accept: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::ACCEPT, accept)
        .body(Body::empty())
        .expect("valid request")
}
