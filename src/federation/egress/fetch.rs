//! Fetching one ActivityStreams document from its origin, so that it can be trusted (INV-1 a):
//! at most one same-origin redirect with each hop checked, status 200, an AS content type, a
//! bounded body, and a top-level `id` equal to the URL it finally came from.

use super::body::{check_content_type, parse_bounded, read_capped};
use super::policy::{EgressError, EgressPolicy};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, HeaderValue, LOCATION};
use url::Url;

/// The `Accept` header of every ActivityPub fetch.
pub const ACCEPT_ACTIVITY_JSON: &str = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

/// Signs an outbound request in place (the instance actor signs GETs); the error is shown as is.
pub type SignRequest = dyn Fn(&mut reqwest::Request) -> Result<(), String> + Send + Sync;

/// A document fetched from its own origin.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchedDocument {
    /// The URL the document was served from, after the redirect if there was one; equals its `id`.
    pub final_url: Url,
    /// The parsed document.
    pub json: serde_json::Value,
}

/// Why a fetched document was not accepted. Each variant is a distinct, loggable cause.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("refused by the egress policy: {0}")]
    Egress(#[from] EgressError),
    #[error("cannot sign the request: {0}")]
    Sign(String),
    #[error("network error")]
    Network(#[source] reqwest::Error),
    #[error("request timed out")]
    Timeout(#[source] reqwest::Error),
    #[error("remote answered HTTP {0}, expected 200")]
    Status(u16),
    #[error("content type {0:?} is not an ActivityStreams type")]
    ContentType(Option<String>),
    #[error("response body exceeds {limit} bytes")]
    TooLarge { limit: usize },
    #[error("JSON nests deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("response body is not JSON")]
    NotJson(#[source] serde_json::Error),
    #[error("document has no string `id`")]
    NoId,
    // URLs are kept as text in these variants so the error stays small.
    #[error("document served from {url} has id {id:?}")]
    IdMismatch { url: String, id: String },
    #[error("redirect from {from} has a missing or invalid Location")]
    BadRedirect { from: String },
    #[error("redirect from {from} to {to} leaves the origin")]
    CrossOriginRedirect { from: String, to: String },
    #[error("{from} redirects more than once")]
    TooManyRedirects { from: String },
}

impl FetchError {
    /// Whether asking again later may succeed: network trouble, 5xx, 408 and 429, 401 (the
    /// origin's cache of our key may be stale, or its clock off, as Mastodon also retries), and
    /// our own signing failure. Every other failure is the document's own and permanent.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            FetchError::Network(_)
                | FetchError::Timeout(_)
                | FetchError::Sign(_)
                | FetchError::Status(401 | 408 | 429 | 500..=599)
        )
    }

    /// Classifies a client error: a refusal by the egress resolver, a timeout, or anything else.
    pub(super) fn from_reqwest(error: reqwest::Error) -> Self {
        if let Some(host) = refused_host(&error) {
            return FetchError::Egress(EgressError::NoPublicAddress(host));
        }
        if error.is_timeout() {
            FetchError::Timeout(error)
        } else {
            FetchError::Network(error)
        }
    }
}

/// The host the connect-time resolver refused, if that is what `error` comes down to.
pub(super) fn refused_host(error: &reqwest::Error) -> Option<String> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = cause {
        if let Some(EgressError::NoPublicAddress(host)) = current.downcast_ref::<EgressError>() {
            return Some(host.clone());
        }
        cause = current.source();
    }
    None
}

/// Fetches `url` as ActivityStreams JSON and returns it only if it is authentic for its `id`.
///
/// A document whose `id` is another URL on the same origin is fetched again from that `id`,
/// once, and must match it exactly there; an `id` on another origin is refused.
pub async fn fetch_activity_json(
    client: &reqwest::Client,
    policy: &EgressPolicy,
    url: &Url,
    sign: Option<&SignRequest>,
) -> Result<FetchedDocument, FetchError> {
    let first = fetch_document(client, policy, url, sign).await?;
    let id = document_id(&first)?;
    if id == first.final_url {
        return Ok(first);
    }
    if !same_origin(&id, &first.final_url) {
        return Err(id_mismatch(&first));
    }
    let second = fetch_document(client, policy, &id, sign).await?;
    if second.final_url == id && document_id(&second)? == id {
        Ok(second)
    } else {
        Err(id_mismatch(&second))
    }
}

/// One fetch with at most one same-origin redirect; no `id` check.
async fn fetch_document(
    client: &reqwest::Client,
    policy: &EgressPolicy,
    url: &Url,
    sign: Option<&SignRequest>,
) -> Result<FetchedDocument, FetchError> {
    policy.check_url(url)?;
    let mut final_url = url.clone();
    let mut response = send_get(client, url, sign).await?;
    if is_redirect(response.status()) {
        let target = redirect_target(&response, url)?;
        // The policy first, so a redirect to a forbidden address is reported as such.
        policy.check_url(&target)?;
        if !same_origin(&target, url) {
            return Err(FetchError::CrossOriginRedirect {
                from: url.to_string(),
                to: target.to_string(),
            });
        }
        response = send_get(client, &target, sign).await?;
        if is_redirect(response.status()) {
            return Err(FetchError::TooManyRedirects {
                from: target.to_string(),
            });
        }
        final_url = target;
    }
    if response.status() != StatusCode::OK {
        return Err(FetchError::Status(response.status().as_u16()));
    }
    check_content_type(&response)?;
    let body = read_capped(response).await?;
    let json = parse_bounded(&body)?;
    Ok(FetchedDocument { final_url, json })
}

/// Fetches a WebFinger document: JSON (`application/jrd+json` or `application/json`), under the
/// same egress policy, size and depth bounds, following no redirect.
pub async fn fetch_jrd(
    client: &reqwest::Client,
    policy: &EgressPolicy,
    url: &Url,
) -> Result<serde_json::Value, FetchError> {
    policy.check_url(url).map_err(FetchError::Egress)?;
    let response = client
        .get(url.clone())
        .header(
            ACCEPT,
            HeaderValue::from_static("application/jrd+json, application/json"),
        )
        .send()
        .await
        .map_err(FetchError::from_reqwest)?;
    if response.status() != StatusCode::OK {
        return Err(FetchError::Status(response.status().as_u16()));
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    match content_type {
        Some(text) if text.contains("json") => {}
        other => return Err(FetchError::ContentType(other)),
    }
    let body = read_capped(response).await?;
    parse_bounded(&body)
}

async fn send_get(
    client: &reqwest::Client,
    url: &Url,
    sign: Option<&SignRequest>,
) -> Result<reqwest::Response, FetchError> {
    let mut request = client
        .get(url.clone())
        .header(ACCEPT, HeaderValue::from_static(ACCEPT_ACTIVITY_JSON))
        .build()
        .map_err(FetchError::from_reqwest)?;
    if let Some(sign) = sign {
        sign(&mut request).map_err(FetchError::Sign)?;
    }
    client
        .execute(request)
        .await
        .map_err(FetchError::from_reqwest)
}

fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

fn redirect_target(response: &reqwest::Response, from: &Url) -> Result<Url, FetchError> {
    let bad = || FetchError::BadRedirect {
        from: from.to_string(),
    };
    let location = response.headers().get(LOCATION).ok_or_else(bad)?;
    let location = location.to_str().map_err(|_| bad())?;
    from.join(location).map_err(|_| bad())
}

/// Scheme, host and port (the default port counts as given).
fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host() == b.host()
        && a.port_or_known_default() == b.port_or_known_default()
}

fn document_id(document: &FetchedDocument) -> Result<Url, FetchError> {
    let id = document
        .json
        .get("id")
        .and_then(|id| id.as_str())
        .ok_or(FetchError::NoId)?;
    Url::parse(id).map_err(|_| id_mismatch(document))
}

fn id_mismatch(document: &FetchedDocument) -> FetchError {
    let id = document.json.get("id").and_then(|id| id.as_str());
    FetchError::IdMismatch {
        url: document.final_url.to_string(),
        id: id.unwrap_or_default().to_owned(),
    }
}

#[cfg(test)]
#[path = "fetch_tests.rs"]
mod tests;
