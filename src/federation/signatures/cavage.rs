//! draft-cavage-http-signatures (version 12, as the fediverse uses it): the `Signature` header
//! with `keyId`, `algorithm`, `headers`, `signature` and optional `created`/`expires`, the
//! signing string of `name: value` lines, and how we sign our own requests this way.

use super::digest::{self, DIGEST};
use super::request::{self, MAX_COMPONENTS, MAX_HEADER_LEN, MAX_SIGNATURE_LEN};
use super::{OurOrigin, ParsedSignature, RequestToVerify, Scheme, SignatureError};
use crate::federation::keys::ActorKeyPair;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::HeaderValue;
use std::time::SystemTime;
use url::Url;

/// The header name, lower case as `http` stores it.
pub(super) const SIGNATURE: &str = "signature";
const REQUEST_TARGET: &str = "(request-target)";
const CREATED: &str = "(created)";
const EXPIRES: &str = "(expires)";

/// The parameters of a `Signature` header.
#[derive(Debug, Default)]
struct Params {
    key_id: Option<String>,
    algorithm: Option<String>,
    headers: Option<String>,
    signature: Option<String>,
    created: Option<u64>,
    expires: Option<u64>,
}

/// The `keyId` of a `Signature` header, without any other check; see [`super::claimed_key_id`].
pub(super) fn claimed_key_id(headers: &http::HeaderMap) -> Option<Url> {
    let value = request::single_header(headers, SIGNATURE, MAX_SIGNATURE_LEN).ok()??;
    Url::parse(&parse_params(value).ok()?.key_id?).ok()
}

/// Parses and checks a draft-cavage `Signature` header; see [`super::parse_signature`].
pub(super) fn parse(
    req: &RequestToVerify<'_>,
    ours: &OurOrigin,
    now: SystemTime,
) -> Result<ParsedSignature, SignatureError> {
    let value = request::single_header(req.headers, SIGNATURE, MAX_SIGNATURE_LEN)?
        .ok_or(SignatureError::Unsigned)?;
    let params = parse_params(value)?;

    let key_id = params
        .key_id
        .ok_or(SignatureError::MissingParameter("keyId"))?;
    let key_id = Url::parse(&key_id).map_err(|_| SignatureError::InvalidKeyId(key_id))?;
    let signature = params
        .signature
        .ok_or(SignatureError::MissingParameter("signature"))?;
    let signature = STANDARD
        .decode(signature.trim())
        .map_err(|_| SignatureError::SignatureEncoding)?;
    if let Some(algorithm) = params.algorithm {
        // `hs2019` says "look at the key"; every fediverse key is RSA, so it means rsa-sha256.
        if !["rsa-sha256", "hs2019"].contains(&algorithm.to_ascii_lowercase().as_str()) {
            return Err(SignatureError::UnsupportedAlgorithm(algorithm));
        }
    }

    // The draft's default is `date` alone, which then fails the coverage rule below.
    let covered: Vec<String> = params
        .headers
        .as_deref()
        .unwrap_or("date")
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    if covered.len() > MAX_COMPONENTS {
        return Err(SignatureError::TooManyComponents {
            count: covered.len(),
            max: MAX_COMPONENTS,
        });
    }
    let covers = |name: &str| covered.iter().any(|c| c == name);
    if !covers(REQUEST_TARGET) {
        return Err(SignatureError::NotCovered(REQUEST_TARGET));
    }
    if !covers("host") {
        return Err(SignatureError::NotCovered("host"));
    }
    if !covers("date") && !covers(CREATED) {
        return Err(SignatureError::NotCovered("date or (created)"));
    }
    let body = req.body();
    if body.is_some() && !covers("digest") {
        return Err(SignatureError::NotCovered("digest"));
    }

    let host = request::checked_host(req.headers, ours)?;
    if let Some(created) = params.created {
        request::check_created(created, now)?;
    }
    if let Some(expires) = params.expires {
        request::check_expires(expires, now)?;
    }

    let mut lines = Vec::with_capacity(covered.len());
    for name in &covered {
        let value = match name.as_str() {
            REQUEST_TARGET => format!(
                "{} {}",
                req.method.as_str().to_ascii_lowercase(),
                req.path_and_query
            ),
            CREATED => params
                .created
                .ok_or(SignatureError::MissingParameter("created"))?
                .to_string(),
            EXPIRES => params
                .expires
                .ok_or(SignatureError::MissingParameter("expires"))?
                .to_string(),
            "host" => host.clone(),
            "digest" => request::joined_header(req.headers, DIGEST, MAX_HEADER_LEN)?
                .ok_or(SignatureError::DigestAbsent(DIGEST))?,
            header => request::joined_header(req.headers, header, MAX_HEADER_LEN)?
                .ok_or_else(|| SignatureError::CoveredHeaderAbsent(header.to_owned()))?,
        };
        match name.as_str() {
            "date" => request::check_date(&value, now)?,
            "digest" => {
                if let Some(body) = body {
                    digest::check_digest(&value, body)?;
                }
            }
            _ => {}
        }
        lines.push(format!("{name}: {value}"));
    }

    Ok(ParsedSignature {
        key_id,
        scheme: Scheme::Cavage,
        message: lines.join("\n"),
        signature,
    })
}

/// Splits `name="value",name=value,...`. Names are matched case-insensitively; values are
/// quoted (without escapes, as the draft defines them) or bare (`created=1700000000`).
fn parse_params(value: &str) -> Result<Params, SignatureError> {
    let malformed = |reason: &str| SignatureError::Malformed {
        header: "Signature".to_owned(),
        reason: reason.to_owned(),
    };
    let mut params = Params::default();
    let mut rest = value.trim();
    while !rest.is_empty() {
        let (name, after) = rest
            .split_once('=')
            .ok_or_else(|| malformed("expected name=value"))?;
        let after = after.trim_start();
        let (item, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted
                .find('"')
                .ok_or_else(|| malformed("a quoted value is not closed"))?;
            (&quoted[..end], quoted[end + 1..].trim_start())
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim(), &after[end..])
        };
        rest = match remaining.strip_prefix(',') {
            Some(next) => next.trim_start(),
            None if remaining.is_empty() => "",
            None => return Err(malformed("expected a comma between parameters")),
        };
        let name = name.trim().to_ascii_lowercase();
        let slot = match name.as_str() {
            "keyid" => &mut params.key_id,
            "algorithm" => &mut params.algorithm,
            "headers" => &mut params.headers,
            "signature" => &mut params.signature,
            "created" | "expires" => {
                let time =
                    parse_time(item).ok_or_else(|| malformed("created/expires is not a time"))?;
                let slot = if name == "created" {
                    &mut params.created
                } else {
                    &mut params.expires
                };
                if slot.replace(time).is_some() {
                    return Err(malformed("a parameter is repeated"));
                }
                continue;
            }
            // Unknown parameters are ignored, as the draft says.
            _ => continue,
        };
        if slot.replace(item.to_owned()).is_some() {
            return Err(malformed("a parameter is repeated"));
        }
    }
    Ok(params)
}

/// Unix seconds; the draft allows a decimal fraction for `expires`, which we drop.
fn parse_time(value: &str) -> Option<u64> {
    let whole = value.split_once('.').map_or(value, |(whole, _)| whole);
    whole.parse().ok()
}

/// Signs an outgoing request the way Mastodon does: sets `Host`, `Date`, for a body
/// `Digest: SHA-256=...`, and a `Signature` with `algorithm="rsa-sha256"` over
/// `(request-target) host date digest` (POST) or `(request-target) host date` (GET).
/// `Accept` and `Content-Type` are left to the caller and stay unsigned.
pub fn sign_request_cavage(
    method: &http::Method,
    url: &Url,
    headers: &mut http::HeaderMap,
    body: Option<&[u8]>,
    key_id: &Url,
    key: &ActorKeyPair,
    now: SystemTime,
) -> Result<(), SignatureError> {
    let host = &url[url::Position::BeforeHost..url::Position::AfterPort];
    let path_and_query = &url[url::Position::BeforePath..url::Position::AfterQuery];
    let date = httpdate::fmt_http_date(now);
    let mut lines = vec![
        format!(
            "{REQUEST_TARGET}: {} {path_and_query}",
            method.as_str().to_ascii_lowercase()
        ),
        format!("host: {host}"),
        format!("date: {date}"),
    ];
    let mut covered = format!("{REQUEST_TARGET} host date");
    if let Some(body) = body {
        let digest = digest::digest_header(body);
        lines.push(format!("digest: {digest}"));
        covered.push_str(" digest");
        headers.insert("digest", header_value(digest, "Digest")?);
    }
    let signature = STANDARD.encode(key.sign(lines.join("\n").as_bytes())?);
    headers.insert(http::header::HOST, header_value(host.to_owned(), "Host")?);
    headers.insert(http::header::DATE, header_value(date, "Date")?);
    let value = format!(
        r#"keyId="{key_id}",algorithm="rsa-sha256",headers="{covered}",signature="{signature}""#
    );
    headers.insert(SIGNATURE, header_value(value, "Signature")?);
    Ok(())
}

/// A header value made from text we built; `what` names it if it cannot be one.
pub(super) fn header_value(
    value: String,
    what: &'static str,
) -> Result<HeaderValue, SignatureError> {
    HeaderValue::try_from(value).map_err(|_| SignatureError::OutgoingHeader(what))
}
