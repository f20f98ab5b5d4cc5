//! The receiving side of a fan-out: one server per live remote instance, each on its own
//! loopback address (127.1.x.y; all of 127.0.0.0/8 is loopback on Linux), that checks every
//! request's signature against the sender's key, answers after a latency drawn between the
//! bounds given, and counts what it received. Dead instances (127.128.x.y) either refuse every
//! connection (nobody listens: the usual way a server is down) or hang (they accept it and never
//! answer, like a server whose proxy is up and whose application is stuck: each delivery there
//! holds a slot until the sender's timeout).

use crate::federation::keys::PublicKey;
use crate::federation::signatures::{
    OurOrigin, RequestToVerify, parse_signature, verify_signature,
};
use anyhow::Context;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::routing::post;
use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};
use tokio::net::TcpListener;

/// How the dead instances of a fan-out are dead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadMode {
    /// Connections are refused at once.
    Refuse,
    /// Connections are accepted and never answered.
    Hang,
}

impl DeadMode {
    /// What the dead instances do, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Refuse => "refusing connections",
            Self::Hang => "hanging (accepting connections, never answering)",
        }
    }
}

/// Accepts connections on `listener` and keeps them open, unanswered, until aborted.
async fn hang(listener: TcpListener) {
    let mut held = Vec::new();
    while let Ok((socket, _)) = listener.accept().await {
        held.push(socket);
    }
}

/// The address of remote instance `n`: 127.1.0.0 onwards when live, 127.128.0.0 onwards when
/// dead.
fn address(n: usize, live: bool) -> Ipv4Addr {
    let n = u32::try_from(n).unwrap_or(u32::MAX) & 0x007f_ffff;
    let base: u32 = if live { 0x7f01_0000 } else { 0x7f80_0000 };
    Ipv4Addr::from_bits(base + n)
}

/// One remote instance: its `host[:port]` and shared inbox URL.
#[derive(Clone, Debug)]
pub struct RemoteInstance {
    pub host: String,
    pub inbox: String,
    pub live: bool,
}

impl RemoteInstance {
    fn new(host: String, live: bool) -> Self {
        Self {
            inbox: format!("http://{host}/inbox"),
            host,
            live,
        }
    }
}

/// What the live instances received.
#[derive(Debug, Default)]
pub struct Received {
    /// (instance, activity id) → times received.
    counts: Mutex<HashMap<(usize, String), usize>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    refused: AtomicUsize,
}

impl Received {
    /// How many live instances received the activity about `object` at least once, and how
    /// many requests carried it in all (the difference: duplicates).
    pub fn of(&self, object: &str) -> (usize, usize) {
        let counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts
            .iter()
            .filter(|((_, id), _)| id == object)
            .fold((0, 0), |(hosts, all), (_, n)| (hosts + 1, all + n))
    }

    /// The most requests that were being answered at once.
    pub fn most_in_flight(&self) -> usize {
        self.most_in_flight.load(Ordering::Relaxed)
    }

    /// Requests whose signature did not verify.
    pub fn refused(&self) -> usize {
        self.refused.load(Ordering::Relaxed)
    }
}

#[derive(Clone)]
struct Inbox {
    index: usize,
    authority: String,
    key: Arc<PublicKey>,
    delay: Duration,
    received: Arc<Received>,
}

async fn receive(
    State(inbox): State<Inbox>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> impl IntoResponse {
    let now_in_flight = inbox.received.in_flight.fetch_add(1, Ordering::Relaxed) + 1;
    inbox
        .received
        .most_in_flight
        .fetch_max(now_in_flight, Ordering::Relaxed);
    let request = RequestToVerify {
        method: &http::Method::POST,
        path_and_query: uri.path_and_query().map_or("/", |p| p.as_str()),
        headers: &headers,
        body: Some(&body),
    };
    let origin = OurOrigin::new("http", &inbox.authority);
    let verified = parse_signature(&request, &origin, SystemTime::now())
        .and_then(|parsed| verify_signature(&parsed, &inbox.key))
        .is_ok();
    let id = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| {
            // The object's id: what the sender's API told it was published.
            let id = v["object"]["id"].as_str().or_else(|| v["id"].as_str());
            id.map(str::to_owned)
        });
    tokio::time::sleep(inbox.delay).await;
    inbox.received.in_flight.fetch_sub(1, Ordering::Relaxed);
    let status = match (verified, id) {
        (true, Some(id)) => {
            let mut counts = inbox
                .received
                .counts
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            *counts.entry((inbox.index, id)).or_insert(0) += 1;
            StatusCode::ACCEPTED
        }
        _ => {
            inbox.received.refused.fetch_add(1, Ordering::Relaxed);
            StatusCode::UNAUTHORIZED
        }
    };
    // Each instance gets one request per activity: keeping the connection would only hold a
    // file descriptor on both sides.
    (status, [(header::CONNECTION, "close")])
}

/// The remote instances of a fan-out, `dead_share` of them dead, the live ones serving.
pub struct Inboxes {
    pub instances: Vec<RemoteInstance>,
    pub received: Arc<Received>,
    /// Held so that they serve as long as this lives; dropping it aborts them.
    _servers: tokio::task::JoinSet<()>,
}

impl Inboxes {
    /// Starts `count` instances; a `dead_share` of them, spread evenly, dead in `dead_mode`; live
    /// ones answer after a latency spread evenly over `latency` and check signatures against
    /// `sender_key_pem`.
    pub async fn start(
        count: usize,
        (dead_share, dead_mode): (f64, DeadMode),
        latency: (Duration, Duration),
        sender_key_pem: &str,
    ) -> anyhow::Result<Self> {
        let key = Arc::new(PublicKey::from_pem(sender_key_pem).context("the sender's key")?);
        let received = Arc::new(Received::default());
        let (mut instances, mut servers) = (Vec::with_capacity(count), tokio::task::JoinSet::new());
        let spread = latency.1.saturating_sub(latency.0);
        let dead = ((count as f64 * dead_share).round() as usize).min(count);
        for index in 0..count {
            // The dead ones spread evenly, in integers so that the count is exact.
            let live = (index + 1) * dead / count == index * dead / count;
            if !live && dead_mode == DeadMode::Refuse {
                // Nobody listens there: refused at once.
                let host = format!("{}:9", address(index, false));
                instances.push(RemoteInstance::new(host, live));
                continue;
            }
            let listener = TcpListener::bind((address(index, live), 0))
                .await
                .with_context(|| format!("listening on {}", address(index, live)))?;
            let host = listener.local_addr()?.to_string();
            if live {
                // A fixed spread, so runs compare: the golden ratio walks the interval evenly.
                let step = (index as f64 * 0.618_034).fract();
                let inbox = Inbox {
                    index,
                    authority: host.clone(),
                    key: key.clone(),
                    delay: latency.0 + spread.mul_f64(step),
                    received: received.clone(),
                };
                let app = Router::new()
                    .route("/inbox", post(receive))
                    .with_state(inbox);
                servers.spawn(async move {
                    let _ = axum::serve(listener, app).await;
                });
            } else {
                servers.spawn(hang(listener));
            }
            instances.push(RemoteInstance::new(host, live));
        }
        Ok(Self {
            instances,
            received,
            _servers: servers,
        })
    }

    /// How many of the instances are live.
    pub fn live(&self) -> usize {
        self.instances.iter().filter(|i| i.live).count()
    }
}
