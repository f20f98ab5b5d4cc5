//! HTTP message signatures, both the draft-cavage `Signature` header the fediverse grew up on
//! and RFC 9421 (`Signature-Input` + `Signature`, sent by Fedify and Mastodon ≥ 4.5): signing our
//! outgoing requests and verifying incoming ones.
//!
//! Verification has two steps so the inbox can do the cheap one first (SECURITY.md INV-6):
//! [`parse_signature`] does no crypto and no I/O. It finds the signature, enforces the strength
//! rules of INV-4 (what must be covered, `Host`, the ±12 h clock window, the body digest), and
//! returns the claimed key id. Only then does the caller look up or fetch that key and call
//! [`verify_signature`]. Our own code rather than the crate's: `http-signature-normalization`
//! accepts `headers="digest"` alone, future dates and unparseable dates (SECURITY.md §0.3).

mod cavage;
mod digest;
mod error;
mod request;
mod rfc9421;
#[cfg(test)]
mod tests;

pub use cavage::sign_request_cavage;
pub use error::SignatureError;
pub use rfc9421::sign_request_rfc9421;

use crate::federation::keys::PublicKey;
use std::time::SystemTime;
use url::Url;

/// What verification needs of an incoming request: an axum request's parts plus the raw body.
#[derive(Clone, Copy, Debug)]
pub struct RequestToVerify<'a> {
    /// The real method of the request.
    pub method: &'a http::Method,
    /// The real path and query, as received (`uri.path_and_query()`), never a routed path.
    pub path_and_query: &'a str,
    /// All request headers.
    pub headers: &'a http::HeaderMap,
    /// The raw body as received; `None` for requests without one (GET, HEAD). A body, even an
    /// empty one, must be covered by a digest. POST, PUT and PATCH always count as having one.
    pub body: Option<&'a [u8]>,
}

impl RequestToVerify<'_> {
    /// The body a digest must match, if the request has (or must have) one.
    fn body(&self) -> Option<&[u8]> {
        match self.body {
            Some(body) => Some(body),
            None if [http::Method::POST, http::Method::PUT, http::Method::PATCH]
                .contains(self.method) =>
            {
                Some(&[])
            }
            None => None,
        }
    }
}

/// Where this instance is reached: the scheme and authority (host, and port when it is not the
/// default) of its public URL. Signatures must name this authority, so a request signed for
/// another server cannot be replayed to us; RFC 9421's `@target-uri` is built from both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OurOrigin {
    scheme: String,
    authority: String,
}

impl OurOrigin {
    /// `scheme` is `https` in production, possibly `http` in development; `authority` is the
    /// `Host` peers use, e.g. `example.org` or `localhost:8080`. Both are compared lower-cased.
    pub fn new(scheme: &str, authority: &str) -> Self {
        Self {
            scheme: scheme.to_ascii_lowercase(),
            authority: authority.to_ascii_lowercase(),
        }
    }

    /// The origin of the instance's public URL (e.g. `Config::public_url()`).
    pub fn from_url(url: &Url) -> Self {
        Self::new(
            url.scheme(),
            &url[url::Position::BeforeHost..url::Position::AfterPort],
        )
    }

    /// `https` or `http`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host, with `:port` when the port is not the scheme's default.
    pub fn authority(&self) -> &str {
        &self.authority
    }
}

/// Which signature standard a request used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// draft-cavage-http-signatures (Mastodon before 4.5, most of the fediverse).
    Cavage,
    /// RFC 9421 HTTP Message Signatures (Fedify first knock, Mastodon ≥ 4.5).
    Rfc9421,
}

/// A signature that passed every cheap check: only the RSA verification is left.
#[derive(Clone, Debug)]
pub struct ParsedSignature {
    key_id: Url,
    scheme: Scheme,
    /// The exact bytes the sender signed: the draft-cavage signing string or the RFC 9421
    /// signature base.
    message: String,
    signature: Vec<u8>,
}

impl ParsedSignature {
    /// The key the sender claims to have signed with. Not yet proven: the caller must check
    /// that this key belongs to the activity's actor (SECURITY.md T07, T08).
    pub fn key_id(&self) -> &Url {
        &self.key_id
    }

    /// Which standard the request was signed with.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The signing string (cavage) or signature base (RFC 9421) that was signed, for logs.
    pub fn signed_message(&self) -> &str {
        &self.message
    }
}

/// Step 1, cheap (no crypto, no I/O): finds an RFC 9421 `Signature-Input` + `Signature` pair,
/// or else a draft-cavage `Signature` header, checks every rule that does not need the key, and
/// returns the claimed key id with what [`verify_signature`] needs.
pub fn parse_signature(
    req: &RequestToVerify<'_>,
    ours: &OurOrigin,
    now: SystemTime,
) -> Result<ParsedSignature, SignatureError> {
    if req.headers.contains_key(rfc9421::SIGNATURE_INPUT) {
        rfc9421::parse(req, ours, now)
    } else if req.headers.contains_key(cavage::SIGNATURE) {
        cavage::parse(req, ours, now)
    } else {
        Err(SignatureError::Unsigned)
    }
}

/// The key id a request claims to be signed with, with no check at all (no crypto, clock or
/// coverage rules): enough to refuse a blocked domain before doing any work for it. `None` when
/// the request carries no readable signature.
pub fn claimed_key_id(headers: &http::HeaderMap) -> Option<Url> {
    if headers.contains_key(rfc9421::SIGNATURE_INPUT) {
        rfc9421::claimed_key_id(headers)
    } else {
        cavage::claimed_key_id(headers)
    }
}

/// Step 2: the RSA check (`rsa-sha256` / `rsa-v1_5-sha256`) with the sender's parsed key.
pub fn verify_signature(parsed: &ParsedSignature, key: &PublicKey) -> Result<(), SignatureError> {
    if key.verify(parsed.message.as_bytes(), &parsed.signature) {
        Ok(())
    } else {
        Err(SignatureError::InvalidSignature(parsed.key_id.to_string()))
    }
}
