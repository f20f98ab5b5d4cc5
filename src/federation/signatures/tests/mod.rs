//! Signature tests: round trips in both schemes and the attacks of SECURITY.md §4.A that this
//! layer must stop (T02 body swap, T03 weak header lists, T04 replay elsewhere, T05 clock).
//! A request is built with our signer, then altered the way an attacker or another server
//! would alter it, sometimes re-signed by hand with a custom header list.

mod cavage;
mod cavage_attacks;
mod rfc9421;

use super::{OurOrigin, ParsedSignature, RequestToVerify, SignatureError};
use crate::federation::keys::{ActorKeyPair, PublicKey};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};
use url::Url;

/// A fixed "now" (2026-01-01T00:00:00Z) so dates in assertions are readable.
fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600)
}

fn hours(n: u64) -> Duration {
    Duration::from_secs(n * 3600)
}

/// The sender's key pair; generating RSA keys is slow, so each test binary makes one.
fn alice() -> &'static ActorKeyPair {
    static KEY: OnceLock<ActorKeyPair> = OnceLock::new();
    KEY.get_or_init(|| ActorKeyPair::generate().expect("key generation works"))
}

fn alice_public() -> PublicKey {
    PublicKey::from_pem(alice().public_pem()).expect("our own key parses")
}

fn alice_key_id() -> Url {
    Url::parse("https://remote.example/users/alice#main-key").expect("a valid URL")
}

fn ours() -> OurOrigin {
    OurOrigin::new("https", "solidarity.example")
}

const INBOX: &str = "https://solidarity.example/actors/a/inbox";
const BODY: &[u8] = br#"{"type":"Follow","actor":"https://remote.example/users/alice"}"#;

/// A request as the inbox would see it.
struct Incoming {
    method: http::Method,
    path_and_query: String,
    headers: http::HeaderMap,
    body: Option<Vec<u8>>,
}

impl Incoming {
    fn new(method: http::Method, url: &str, body: Option<&[u8]>) -> Self {
        let url = Url::parse(url).expect("a valid URL");
        Self {
            method,
            path_and_query: url[url::Position::BeforePath..url::Position::AfterQuery].to_owned(),
            headers: http::HeaderMap::new(),
            body: body.map(<[u8]>::to_vec),
        }
    }

    fn parse_at(&self, now: SystemTime) -> Result<ParsedSignature, SignatureError> {
        let req = RequestToVerify {
            method: &self.method,
            path_and_query: &self.path_and_query,
            headers: &self.headers,
            body: self.body.as_deref(),
        };
        super::parse_signature(&req, &ours(), now)
    }

    fn parse(&self) -> Result<ParsedSignature, SignatureError> {
        self.parse_at(now())
    }

    /// Both steps with Alice's public key.
    fn verify(&self) -> Result<(), SignatureError> {
        super::verify_signature(&self.parse()?, &alice_public())
    }

    fn set(&mut self, name: &'static str, value: &str) {
        self.headers.insert(
            name,
            http::HeaderValue::from_str(value).expect("a valid header value"),
        );
    }

    fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .expect("the header was set")
            .to_owned()
    }
}

/// Signs `lines` with Alice's key, base64-encoded: for hand-made signatures.
fn alice_signs(lines: &[String]) -> String {
    STANDARD.encode(
        alice()
            .sign(lines.join("\n").as_bytes())
            .expect("signing works"),
    )
}
