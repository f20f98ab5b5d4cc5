//! The remote side of the inbox benchmark: `hosts` small servers, each on its own loopback
//! address (127.3.x.y), standing for other instances, that serve their actors' documents (with
//! RSA-2048 keys) so that the instance under test fetches and checks every signer's key as it
//! would in production.

use crate::federation::keys::ActorKeyPair;
use anyhow::Context;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;
use std::sync::Arc;
use tokio::net::TcpListener;
use url::Url;

/// How many distinct keys the actors share (generating 2048-bit keys is slow; verifying is
/// what is measured, and it costs the same whoever owns the key).
const KEYS: usize = 8;

/// A remote actor: its id, its key's id and the key.
#[derive(Clone)]
pub struct PeerActor {
    pub id: Url,
    pub key_id: Url,
    pub key: Arc<ActorKeyPair>,
}

/// The peers: their hosts (`address:port`) and their actors.
pub struct Peers {
    pub actors: Vec<PeerActor>,
    /// Held so that they serve as long as this lives; dropping it aborts them.
    _servers: tokio::task::JoinSet<()>,
}

#[derive(Clone)]
struct Host {
    base: String,
    keys: Arc<Vec<Arc<ActorKeyPair>>>,
}

async fn actor(State(host): State<Host>, Path(n): Path<usize>) -> Response {
    let id = format!("{}/actors/{n}", host.base);
    let key = &host.keys[n % host.keys.len()];
    let document = json!({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "id": id, "type": "Person", "preferredUsername": format!("peer{n}"),
        "inbox": format!("{id}/inbox"), "outbox": format!("{id}/outbox"),
        "followers": format!("{id}/followers"),
        "publicKey": {"id": format!("{id}#main-key"), "owner": id, "publicKeyPem": key.public_pem()},
    });
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "application/activity+json",
        )],
        document.to_string(),
    )
        .into_response()
}

impl Peers {
    /// Starts `hosts` peers holding `actors` actors between them (actor `n` on host `n % hosts`).
    pub async fn start(hosts: usize, actors: usize) -> anyhow::Result<Self> {
        let mut keys = Vec::new();
        let mut making = tokio::task::JoinSet::new();
        for _ in 0..KEYS.min(actors.max(1)) {
            making.spawn_blocking(ActorKeyPair::generate);
        }
        while let Some(key) = making.join_next().await {
            keys.push(Arc::new(key.context("generating a key")??));
        }
        let keys = Arc::new(keys);
        let (mut bases, mut servers) = (Vec::new(), tokio::task::JoinSet::new());
        for index in 0..hosts.max(1) {
            let n = u32::try_from(index).unwrap_or(0) & 0xffff;
            let address = std::net::Ipv4Addr::from_bits(0x7f03_0000 + n);
            let listener = TcpListener::bind((address, 0)).await?;
            let base = format!("http://{}", listener.local_addr()?);
            let host = Host {
                base: base.clone(),
                keys: keys.clone(),
            };
            let app = Router::new()
                .route("/actors/{n}", get(actor))
                .with_state(host);
            servers.spawn(async move {
                let _ = axum::serve(listener, app).await;
            });
            bases.push(base);
        }
        let actors = (0..actors.max(1))
            .map(|n| {
                let id = Url::parse(&format!("{}/actors/{n}", bases[n % bases.len()]))?;
                let mut key_id = id.clone();
                key_id.set_fragment(Some("main-key"));
                Ok(PeerActor {
                    id,
                    key_id,
                    key: keys[n % keys.len()].clone(),
                })
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Self {
            actors,
            _servers: servers,
        })
    }
}
