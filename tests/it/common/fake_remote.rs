//! A counting fake remote server for adversarial inbox tests: a tiny axum server on loopback,
//! named `fake.test:PORT`, serving actor documents and WebFinger for a few actors it holds key
//! pairs for (and any document a test gives it), accepting every POST with 202, and recording every request it receives so a test
//! can assert "zero egress". Its actors sign POSTs to an instance's inbox the way Mastodon
//! (draft-cavage) or Mastodon ≥ 4.5 and Fedify (RFC 9421) do, or with a hand-built signature.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use solidarity::federation::keys::ActorKeyPair;
use solidarity::federation::signatures::{sign_request_cavage, sign_request_rfc9421};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use tokio::net::TcpListener;
use url::Url;

/// The host name every fake remote answers to (it is in `network::HOSTS`); fakes differ by port.
pub const FAKE_HOST: &str = "fake.test";

/// One request the fake received.
#[derive(Clone, Debug)]
pub struct Hit {
    pub method: Method,
    pub path: String,
    pub body: String,
}

/// What the fake publishes for one actor.
struct Published {
    key: ActorKeyPair,
    /// `publicKey.owner`; the actor itself unless a test makes it lie.
    owner: Option<Url>,
    /// `name`, when a test gives the actor one.
    display_name: Option<String>,
    /// `type`; `Person` unless a test makes it a `Group`.
    kind: Option<String>,
    /// `inbox`; `/users/NAME/inbox` unless a test moves it.
    inbox: Option<Url>,
    /// The account was deleted: its id answers 410 Gone.
    gone: bool,
    /// The document has no `preferredUsername` (it is optional in ActivityPub).
    no_username: bool,
}

#[derive(Default)]
struct FakeState {
    base: String,
    hits: AtomicUsize,
    log: Mutex<Vec<Hit>>,
    actors: Mutex<HashMap<String, Published>>,
    /// Other documents it serves, by path (a note, an event).
    documents: Mutex<HashMap<String, Value>>,
}

/// A running fake remote; stops when dropped.
pub struct FakeRemote {
    pub port: u16,
    state: Arc<FakeState>,
    server: tokio::task::JoinHandle<()>,
}

/// An actor the fake holds a key for, able to sign requests as itself.
#[derive(Clone, Debug)]
pub struct FakeActor {
    pub name: String,
    pub id: Url,
    pub key_id: Url,
    pub key: ActorKeyPair,
}

impl FakeRemote {
    /// Starts a fake remote holding a fresh key pair for each of `names`.
    pub async fn start(names: &[&str]) -> Self {
        Self::start_as(FAKE_HOST, names).await
    }

    /// The same under another name from `network::HOSTS`, for a second, unrelated domain.
    pub async fn start_as(host: &str, names: &[&str]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a port");
        let port = listener.local_addr().expect("address").port();
        let state = Arc::new(FakeState {
            base: format!("http://{host}:{port}"),
            ..FakeState::default()
        });
        {
            let mut actors = state.actors.lock().expect("not poisoned");
            for name in names {
                actors.insert(
                    (*name).to_owned(),
                    Published {
                        key: ActorKeyPair::generate().expect("a key pair"),
                        owner: None,
                        display_name: None,
                        kind: None,
                        inbox: None,
                        gone: false,
                        no_username: false,
                    },
                );
            }
        }
        let app = Router::new().fallback(answer).with_state(state.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("the fake serves");
        });
        Self {
            port,
            state,
            server,
        }
    }

    /// `http://fake.test:PORT`.
    pub fn base(&self) -> &str {
        &self.state.base
    }

    /// The actor `name` as it currently signs (after any rotation).
    pub fn actor(&self, name: &str) -> FakeActor {
        let actors = self.state.actors.lock().expect("not poisoned");
        let published = actors.get(name).expect("an actor the fake holds");
        self.signer(name, published.key.clone())
    }

    /// Serves `document` at `path` (which starts with `/`) from now on; its URL.
    pub fn serve(&self, path: &str, document: Value) -> Url {
        self.state
            .documents
            .lock()
            .expect("not poisoned")
            .insert(path.to_owned(), document);
        Url::parse(&format!("{}{path}", self.base())).expect("a valid URL")
    }

    /// The id `/users/NAME` on this fake, whether or not it holds that actor.
    pub fn actor_id(&self, name: &str) -> Url {
        Url::parse(&format!("{}/users/{name}", self.base())).expect("a valid URL")
    }

    /// Replaces `name`'s key pair (same key id, as Mastodon rotates) and returns the new signer.
    pub fn rotate_key(&self, name: &str) -> FakeActor {
        let key = ActorKeyPair::generate().expect("a key pair");
        self.state
            .actors
            .lock()
            .expect("not poisoned")
            .get_mut(name)
            .expect("an actor the fake holds")
            .key = key.clone();
        self.signer(name, key)
    }

    /// Makes `name`'s published key claim `owner` as its owner.
    pub fn set_key_owner(&self, name: &str, owner: &Url) {
        self.state
            .actors
            .lock()
            .expect("not poisoned")
            .get_mut(name)
            .expect("an actor the fake holds")
            .owner = Some(owner.clone());
    }

    /// Makes `name`'s document carry `display` as its `name`.
    /// Publishes `name` as a `Group` (an organization elsewhere) from now on.
    pub fn set_group(&self, name: &str) {
        if let Some(published) = self
            .state
            .actors
            .lock()
            .expect("not poisoned")
            .get_mut(name)
        {
            published.kind = Some("Group".to_owned());
        }
    }

    pub fn set_display_name(&self, name: &str, display: &str) {
        self.published(name, |published| {
            published.display_name = Some(display.to_owned());
        });
    }

    /// Publishes `name` without `preferredUsername` from now on.
    pub fn set_without_username(&self, name: &str) {
        self.published(name, |published| published.no_username = true);
    }

    /// Makes `name`'s document name `inbox` as its inbox.
    pub fn set_inbox(&self, name: &str, inbox: &Url) {
        self.published(name, |published| published.inbox = Some(inbox.clone()));
    }

    /// Deletes `name`'s account: its id answers 410 Gone from now on (the fake still holds its
    /// key, so a test can sign as it).
    pub fn set_gone(&self, name: &str) {
        self.published(name, |published| published.gone = true);
    }

    fn published(&self, name: &str, change: impl FnOnce(&mut Published)) {
        change(
            self.state
                .actors
                .lock()
                .expect("not poisoned")
                .get_mut(name)
                .expect("an actor the fake holds"),
        );
    }

    /// How many requests the fake has received, of any kind.
    pub fn hits(&self) -> usize {
        self.state.hits.load(Ordering::SeqCst)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Hit> {
        self.state.log.lock().expect("not poisoned").clone()
    }

    /// The bodies of the POSTs received so far, parsed.
    pub fn posted(&self) -> Vec<Value> {
        self.requests()
            .into_iter()
            .filter(|hit| hit.method == Method::POST)
            .map(|hit| serde_json::from_str(&hit.body).expect("JSON was posted"))
            .collect()
    }

    /// How many GETs of `path` the fake has answered.
    pub fn gets_of(&self, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|hit| hit.method == Method::GET && hit.path == path)
            .count()
    }

    fn signer(&self, name: &str, key: ActorKeyPair) -> FakeActor {
        let id = self.actor_id(name);
        let mut key_id = id.clone();
        key_id.set_fragment(Some("main-key"));
        FakeActor {
            name: name.to_owned(),
            id,
            key_id,
            key,
        }
    }
}

impl Drop for FakeRemote {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn answer(
    State(state): State<Arc<FakeState>>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    state.hits.fetch_add(1, Ordering::SeqCst);
    state.log.lock().expect("not poisoned").push(Hit {
        method: method.clone(),
        path: uri.path().to_owned(),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    if method == Method::POST {
        return StatusCode::ACCEPTED.into_response();
    }
    if uri.path() == "/.well-known/webfinger" {
        return webfinger(&state, uri.query().unwrap_or_default());
    }
    if let Some(document) = state
        .documents
        .lock()
        .expect("not poisoned")
        .get(uri.path())
    {
        return (
            [(header::CONTENT_TYPE, "application/activity+json")],
            document.to_string(),
        )
            .into_response();
    }
    let Some(name) = uri.path().strip_prefix("/users/") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let actors = state.actors.lock().expect("not poisoned");
    let Some(published) = actors.get(name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if published.gone {
        return StatusCode::GONE.into_response();
    }
    let id = format!("{}/users/{name}", state.base);
    let owner = published
        .owner
        .as_ref()
        .map_or_else(|| id.clone(), Url::to_string);
    let inbox = published
        .inbox
        .as_ref()
        .map_or_else(|| format!("{id}/inbox"), Url::to_string);
    let mut document = json!({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "id": id,
        "type": published.kind.as_deref().unwrap_or("Person"),
        "preferredUsername": name,
        "inbox": inbox,
        "outbox": format!("{id}/outbox"),
        "followers": format!("{id}/followers"),
        "endpoints": { "sharedInbox": format!("{}/inbox", state.base) },
        "publicKey": {
            "id": format!("{id}#main-key"),
            "owner": owner,
            "publicKeyPem": published.key.public_pem(),
        },
    });
    if let Some(display) = &published.display_name {
        document["name"] = json!(display);
    }
    if published.no_username
        && let Some(fields) = document.as_object_mut()
    {
        fields.remove("preferredUsername");
    }
    (
        [(header::CONTENT_TYPE, "application/activity+json")],
        document.to_string(),
    )
        .into_response()
}

fn webfinger(state: &FakeState, query: &str) -> Response {
    let authority = state.base.trim_start_matches("http://");
    let resource = url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "resource")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    let name = resource
        .strip_prefix("acct:")
        .and_then(|account| account.strip_suffix(&format!("@{authority}")))
        .unwrap_or_default();
    if !state
        .actors
        .lock()
        .expect("not poisoned")
        .contains_key(name)
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let jrd = json!({
        "subject": resource,
        "links": [{
            "rel": "self",
            "type": "application/activity+json",
            "href": format!("{}/users/{name}", state.base),
        }],
    });
    (
        [(header::CONTENT_TYPE, "application/jrd+json")],
        jrd.to_string(),
    )
        .into_response()
}

/// A POST ready to send to an instance: the path, every header (with `Host` naming the
/// instance), and the body. Tests may tamper with any part before sending.
#[derive(Clone, Debug)]
pub struct SignedPost {
    pub path: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl FakeActor {
    /// `http://fake.test:PORT/users/NAME/TAIL`-style ids for this actor's activities and objects.
    pub fn url(&self, tail: &str) -> Url {
        Url::parse(&format!("{}/{tail}", self.id)).expect("a valid URL")
    }

    /// Signs `body` for `POST http://{authority}{path}` with draft-cavage, as Mastodon does.
    pub fn sign_cavage(&self, authority: &str, path: &str, body: &Value) -> SignedPost {
        self.sign_cavage_at(authority, path, body, SystemTime::now())
    }

    /// As [`FakeActor::sign_cavage`], with `now` as the signing time (for clock-window tests).
    pub fn sign_cavage_at(
        &self,
        authority: &str,
        path: &str,
        body: &Value,
        now: SystemTime,
    ) -> SignedPost {
        let body = body.to_string().into_bytes();
        self.sign_raw_cavage_at(authority, path, body, now)
    }

    /// Signs raw bytes (not necessarily JSON) with draft-cavage.
    pub fn sign_raw_cavage(&self, authority: &str, path: &str, body: Vec<u8>) -> SignedPost {
        self.sign_raw_cavage_at(authority, path, body, SystemTime::now())
    }

    fn sign_raw_cavage_at(
        &self,
        authority: &str,
        path: &str,
        body: Vec<u8>,
        now: SystemTime,
    ) -> SignedPost {
        let url = target(authority, path);
        let mut headers = activity_headers();
        sign_request_cavage(
            &Method::POST,
            &url,
            &mut headers,
            Some(&body),
            &self.key_id,
            &self.key,
            now,
        )
        .expect("signing works");
        SignedPost {
            path: path.to_owned(),
            headers,
            body,
        }
    }

    /// Signs `body` for `POST http://{authority}{path}` with RFC 9421, as Mastodon ≥ 4.5 does.
    pub fn sign_rfc9421(&self, authority: &str, path: &str, body: &Value) -> SignedPost {
        let body = body.to_string().into_bytes();
        let url = target(authority, path);
        let mut headers = activity_headers();
        sign_request_rfc9421(
            &Method::POST,
            &url,
            &mut headers,
            Some(&body),
            &self.key_id,
            &self.key,
            SystemTime::now(),
        )
        .expect("signing works");
        SignedPost {
            path: path.to_owned(),
            headers,
            body,
        }
    }

    /// A draft-cavage `Signature` value with a valid RSA signature over exactly `covered`
    /// (`(name, value)` lines, in order), for hand-built weak or odd signatures.
    pub fn cavage_signature(&self, covered: &[(&str, &str)]) -> String {
        let message = covered
            .iter()
            .map(|(name, value)| format!("{name}: {value}"))
            .collect::<Vec<_>>()
            .join("\n");
        let names = covered
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(" ");
        let signature = STANDARD.encode(self.key.sign(message.as_bytes()).expect("signing works"));
        format!(
            r#"keyId="{}",algorithm="rsa-sha256",headers="{names}",signature="{signature}""#,
            self.key_id
        )
    }
}

fn target(authority: &str, path: &str) -> Url {
    Url::parse(&format!("http://{authority}{path}")).expect("a valid URL")
}

fn activity_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        "application/activity+json"
            .parse()
            .expect("a valid header value"),
    );
    headers
}

/// Sends `post` to the instance listening on `127.0.0.1:port` (the `Host` header in `post`
/// says which name it was addressed to) and returns the status and the body of the answer.
pub async fn deliver(port: u16, post: &SignedPost) -> (StatusCode, String) {
    let (status, _, body) = deliver_full(port, post).await;
    (status, body)
}

/// The same, with the answer's headers.
pub async fn deliver_full(port: u16, post: &SignedPost) -> (StatusCode, HeaderMap, String) {
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client");
    let response = client
        .post(format!("http://127.0.0.1:{port}{}", post.path))
        .headers(post.headers.clone())
        .body(post.body.clone())
        .send()
        .await
        .expect("the instance answers");
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap_or_default())
}
