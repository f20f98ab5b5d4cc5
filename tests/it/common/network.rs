//! Several instances in one process, each on its own loopback port and database, named
//! `NAME.test:PORT` and resolved to 127.0.0.1 by the instances' own egress resolver, talking
//! real HTTP with signatures. Workers are drained explicitly instead of sleeping.

use super::TestDb;
use solidarity::config::Config;
use solidarity::domain::Domain;
use solidarity::federation::delivery::{DeliveryLimits, DeliveryReport, DeliveryWorker};
use solidarity::federation::egress::{ClientSettings, StaticLookup};
use solidarity::service::actors::ensure_instance_actor;
use solidarity::service::received::InboxProcessor;
use solidarity::state::AppState;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Host names the test instances may use.
pub const HOSTS: [&str; 5] = [
    "alpha.test",
    "beta.test",
    "gamma.test",
    "fake.test",
    "localhost",
];

/// One running instance.
pub struct Instance {
    pub state: AppState,
    pub port: u16,
    pub host: String,
    pub db: TestDb,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

fn client_settings() -> ClientSettings {
    let lookup = HOSTS.iter().fold(StaticLookup::new(), |lookup, host| {
        lookup.with(host, &[IpAddr::V4(Ipv4Addr::LOCALHOST)])
    });
    ClientSettings {
        lookup: Arc::new(lookup),
        ..ClientSettings::default()
    }
}

fn config(host: &str, port: u16, db: &TestDb) -> Config {
    let mut config = Config::defaults();
    config.domain = Domain::parse(&format!("{host}:{port}")).expect("a valid test domain");
    config.database_url = db.url.clone();
    config.federation.allow_plain_http = true;
    config.federation.allow_private_addresses = false;
    config.federation.allowed_private_hosts = HOSTS.iter().map(|h| (*h).to_owned()).collect();
    config.instance.name = format!("Instance {host}");
    config
}

impl Instance {
    /// Starts `host` on a fresh database and a free port.
    pub async fn start(host: &str) -> Self {
        Self::start_configured(host, |_| {}).await
    }

    /// The same with a configuration change (for example `require_signed_fetch`).
    pub async fn start_configured(host: &str, tweak: impl FnOnce(&mut Config)) -> Self {
        let db = TestDb::new().await;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a port");
        let port = listener.local_addr().expect("address").port();
        let mut config = config(host, port, &db);
        tweak(&mut config);
        Self::start_on(config, db, listener, port).await
    }

    async fn start_on(config: Config, db: TestDb, listener: TcpListener, port: u16) -> Self {
        let host = config.domain.host().to_owned();
        let store = db.store().await;
        ensure_instance_actor(&store).await.expect("instance actor");
        let state = AppState::with_client_settings(config, store, client_settings());
        let (stop, stopped) = oneshot::channel::<()>();
        let server_state = state.clone();
        let server = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            solidarity::serve(listener, server_state, shutdown)
                .await
                .expect("serve");
        });
        Self {
            state,
            port,
            host,
            db,
            stop: Some(stop),
            server: Some(server),
        }
    }

    /// Stops serving (the port refuses connections) but keeps the database.
    pub async fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.expect("server task ends");
        }
    }

    /// A fresh process on the same database and port, as after a crash or restart: nothing in
    /// memory survives, only what the database holds.
    pub async fn restart(mut self) -> Self {
        self.stop().await;
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("rebind the port");
        let db = std::mem::replace(&mut self.db, TestDb::placeholder());
        let config = (*self.state.config).clone();
        Self::start_on(config, db, listener, self.port).await
    }

    /// `http://host:port`.
    pub fn base(&self) -> String {
        format!("http://{}:{}", self.host, self.port)
    }

    /// `name@host:port`, the handle a Mastodon user would type.
    pub fn handle(&self, name: &str) -> String {
        format!("{name}@{}:{}", self.host, self.port)
    }

    /// A signed GET from this instance, as its instance actor; panics when refused.
    pub async fn federation_fetch(&self, url: &url::Url) -> serde_json::Value {
        self.state
            .federation
            .fetch_signed(&self.state.store, url)
            .await
            .expect("the signed fetch is answered")
            .json
    }

    pub fn delivery(&self) -> DeliveryWorker {
        DeliveryWorker::new(&self.state, DeliveryLimits::in_flight(8))
    }

    pub fn inbox(&self) -> InboxProcessor {
        InboxProcessor::new(&self.state)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Drains every instance's inbox and delivery queue until a whole pass moves nothing.
pub async fn settle(instances: &[&Instance]) -> DeliveryReport {
    let mut total = DeliveryReport::default();
    for _ in 0..20 {
        let mut moved = 0;
        for instance in instances {
            moved += instance
                .inbox()
                .drain()
                .await
                .expect("inbox drains")
                .claimed;
            let report = instance.delivery().drain().await.expect("deliveries drain");
            moved += report.claimed;
            total.claimed += report.claimed;
            total.delivered += report.delivered;
            total.retrying += report.retrying;
            total.failed += report.failed;
        }
        if moved == 0 {
            return total;
        }
    }
    panic!("the instances did not settle");
}
