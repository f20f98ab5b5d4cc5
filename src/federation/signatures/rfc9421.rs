//! RFC 9421 HTTP Message Signatures, the subset the fediverse uses: `Signature-Input` and
//! `Signature` dictionaries (RFC 8941, parsed with `sfv`), derived components of requests,
//! plain header fields, `rsa-v1_5-sha256`, and the signature base of §2.5.

use super::cavage::header_value;
use super::digest::{self, CONTENT_DIGEST};
use super::request::{self, MAX_COMPONENTS, MAX_HEADER_LEN, MAX_SIGNATURE_LEN};
use super::{OurOrigin, ParsedSignature, RequestToVerify, Scheme, SignatureError};
use crate::federation::keys::ActorKeyPair;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sfv::{
    BareItem, Dictionary, FieldType, InnerList, Integer, KeyRef, List, ListEntry, ListSerializer,
    Parser, StringRef,
};
use std::time::SystemTime;
use url::Url;

/// The header names, lower case as `http` stores them.
pub(super) const SIGNATURE_INPUT: &str = "signature-input";
const SIGNATURE: &str = "signature";
/// The only algorithm we accept or send: RSASSA-PKCS1-v1_5 with SHA-256.
const ALGORITHM: &str = "rsa-v1_5-sha256";
/// The label we sign under, as Fedify and Mastodon do.
const LABEL: &str = "sig1";

/// The first `keyid` of a `Signature-Input` header, without any other check; see
/// [`super::claimed_key_id`].
pub(super) fn claimed_key_id(headers: &http::HeaderMap) -> Option<Url> {
    let inputs = dictionary(headers, SIGNATURE_INPUT, "Signature-Input").ok()?;
    inputs
        .iter()
        .find_map(|(_, entry)| match entry {
            ListEntry::InnerList(list) => string_param(list, "keyid").ok().flatten(),
            ListEntry::Item(_) => None,
        })
        .and_then(|key_id| Url::parse(key_id).ok())
}

/// Parses and checks an RFC 9421 signature; see [`super::parse_signature`].
pub(super) fn parse(
    req: &RequestToVerify<'_>,
    ours: &OurOrigin,
    now: SystemTime,
) -> Result<ParsedSignature, SignatureError> {
    let inputs = dictionary(req.headers, SIGNATURE_INPUT, "Signature-Input")?;
    let signatures = dictionary(req.headers, SIGNATURE, "Signature")?;

    // Several signatures may be present (e.g. one added by a proxy); we verify the first one
    // that names a key, since only that kind can tell us who sent the request.
    let (label, covered) = inputs
        .iter()
        .find_map(|(label, entry)| match entry {
            ListEntry::InnerList(list) if list.params.contains_key("keyid") => Some((label, list)),
            _ => None,
        })
        .ok_or(SignatureError::MissingParameter("keyid"))?;
    let signature = match signatures.get(label.as_str()) {
        Some(ListEntry::Item(item)) => match &item.bare_item {
            BareItem::ByteSequence(bytes) => bytes.clone(),
            _ => {
                return Err(malformed(
                    "Signature",
                    "the signature is not a byte sequence",
                ));
            }
        },
        _ => {
            return Err(malformed(
                "Signature",
                &format!("no signature labelled {}", label.as_str()),
            ));
        }
    };

    let key_id =
        string_param(covered, "keyid")?.ok_or(SignatureError::MissingParameter("keyid"))?;
    let key_id = Url::parse(key_id).map_err(|_| SignatureError::InvalidKeyId(key_id.to_owned()))?;
    if let Some(algorithm) = string_param(covered, "alg")?
        && algorithm != ALGORITHM
    {
        return Err(SignatureError::UnsupportedAlgorithm(algorithm.to_owned()));
    }
    let created =
        time_param(covered, "created")?.ok_or(SignatureError::MissingParameter("created"))?;
    request::check_created(created, now)?;
    if let Some(expires) = time_param(covered, "expires")? {
        request::check_expires(expires, now)?;
    }

    let names = component_names(covered)?;
    let covers = |name: &str| names.contains(&name);
    if !covers("@method") {
        return Err(SignatureError::NotCovered("@method"));
    }
    let target_covered = covers("@target-uri") || (covers("@authority") && covers("@path"));
    if !target_covered {
        return Err(SignatureError::NotCovered(
            "@target-uri (or @authority and @path)",
        ));
    }
    let body = req.body();
    if body.is_some() && !covers("content-digest") {
        return Err(SignatureError::NotCovered("content-digest"));
    }

    let host = request::checked_host(req.headers, ours)?;
    let mut base = String::new();
    for name in &names {
        let value = component_value(name, req, ours, &host)?;
        match *name {
            "date" => request::check_date(&value, now)?,
            "content-digest" => {
                if let Some(body) = body {
                    digest::check_content_digest(&value, body)?;
                }
            }
            _ => {}
        }
        base.push_str(&format!("\"{name}\": {value}\n"));
    }
    let params = List::from([ListEntry::InnerList(covered.clone())])
        .serialize()
        .ok_or_else(|| malformed("Signature-Input", "empty signature parameters"))?;
    base.push_str(&format!("\"@signature-params\": {params}"));

    Ok(ParsedSignature {
        key_id,
        scheme: Scheme::Rfc9421,
        message: base,
        signature,
    })
}

/// The covered component names, all plain strings without parameters (we support no `;sf`,
/// `;bs`, `;key`, `;req` or `;tr`), each at most once.
fn component_names(covered: &InnerList) -> Result<Vec<&str>, SignatureError> {
    if covered.items.len() > MAX_COMPONENTS {
        return Err(SignatureError::TooManyComponents {
            count: covered.items.len(),
            max: MAX_COMPONENTS,
        });
    }
    let mut names = Vec::with_capacity(covered.items.len());
    for item in &covered.items {
        let BareItem::String(name) = &item.bare_item else {
            return Err(malformed("Signature-Input", "a component is not a string"));
        };
        let name = name.as_str();
        if !item.params.is_empty() || name.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(SignatureError::UnsupportedComponent(
                List::from([ListEntry::Item(item.clone())])
                    .serialize()
                    .unwrap_or_else(|| name.to_owned()),
            ));
        }
        if names.contains(&name) {
            return Err(malformed("Signature-Input", "a component is listed twice"));
        }
        names.push(name);
    }
    Ok(names)
}

/// A component's value (RFC 9421 §2.1 and §2.2), derived from the real request and our origin.
fn component_value(
    name: &str,
    req: &RequestToVerify<'_>,
    ours: &OurOrigin,
    host: &str,
) -> Result<String, SignatureError> {
    let (path, query) = req
        .path_and_query
        .split_once('?')
        .map_or((req.path_and_query, None), |(path, query)| {
            (path, Some(query))
        });
    let value = match name {
        "@method" => req.method.as_str().to_owned(),
        "@target-uri" => format!(
            "{}://{}{}",
            ours.scheme(),
            ours.authority(),
            req.path_and_query
        ),
        "@authority" => ours.authority().to_owned(),
        "@scheme" => ours.scheme().to_owned(),
        "@request-target" => req.path_and_query.to_owned(),
        "@path" if path.is_empty() => "/".to_owned(),
        "@path" => path.to_owned(),
        "@query" => format!("?{}", query.unwrap_or_default()),
        derived if derived.starts_with('@') => {
            return Err(SignatureError::UnsupportedComponent(derived.to_owned()));
        }
        "host" => host.to_owned(),
        "content-digest" => request::joined_header(req.headers, name, MAX_HEADER_LEN)?
            .ok_or(SignatureError::DigestAbsent(CONTENT_DIGEST))?,
        header => request::joined_header(req.headers, header, MAX_HEADER_LEN)?
            .ok_or_else(|| SignatureError::CoveredHeaderAbsent(header.to_owned()))?,
    };
    Ok(value)
}

fn dictionary(
    headers: &http::HeaderMap,
    name: &str,
    display: &'static str,
) -> Result<Dictionary, SignatureError> {
    let value = request::joined_header(headers, name, MAX_SIGNATURE_LEN)?
        .ok_or_else(|| malformed(display, "the header is missing"))?;
    Parser::new(&value)
        .parse()
        .map_err(|e: sfv::Error| malformed(display, &e.to_string()))
}

fn string_param<'l>(list: &'l InnerList, name: &str) -> Result<Option<&'l str>, SignatureError> {
    match list.params.get(name) {
        None => Ok(None),
        Some(BareItem::String(value)) => Ok(Some(value.as_str())),
        Some(_) => Err(malformed(
            "Signature-Input",
            &format!("{name} is not a string"),
        )),
    }
}

fn time_param(list: &InnerList, name: &str) -> Result<Option<u64>, SignatureError> {
    match list.params.get(name) {
        None => Ok(None),
        Some(BareItem::Integer(value)) => u64::try_from(i64::from(*value))
            .map(Some)
            .map_err(|_| malformed("Signature-Input", &format!("{name} is negative"))),
        Some(_) => Err(malformed(
            "Signature-Input",
            &format!("{name} is not an integer"),
        )),
    }
}

fn malformed(header: &str, reason: &str) -> SignatureError {
    SignatureError::Malformed {
        header: header.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Signs an outgoing request with RFC 9421 as Mastodon ≥ 4.5 and Fedify do: sets `Host`,
/// `Date`, for a body `Content-Digest: sha-256=:...:`, and
/// `Signature-Input: sig1=("@method" "@target-uri" "content-digest");created=..;keyid="..";alg="rsa-v1_5-sha256"`
/// (without `content-digest` when there is no body) with the matching `Signature: sig1=:...:`.
pub fn sign_request_rfc9421(
    method: &http::Method,
    url: &Url,
    headers: &mut http::HeaderMap,
    body: Option<&[u8]>,
    key_id: &Url,
    key: &ActorKeyPair,
    now: SystemTime,
) -> Result<(), SignatureError> {
    let host = &url[url::Position::BeforeHost..url::Position::AfterPort];
    let target_uri = &url[..url::Position::AfterQuery];
    let mut components = vec![
        ("@method", method.as_str().to_owned()),
        ("@target-uri", target_uri.to_owned()),
    ];
    if let Some(body) = body {
        let digest = digest::content_digest_header(body);
        headers.insert(
            "content-digest",
            header_value(digest.clone(), "Content-Digest")?,
        );
        components.push(("content-digest", digest));
    }
    let created = Integer::try_from(request::unix_seconds(now))
        .map_err(|_| SignatureError::OutgoingHeader("created"))?;
    let key_id_text = StringRef::from_str(key_id.as_str())
        .map_err(|_| SignatureError::OutgoingHeader("keyid"))?;
    let mut list = ListSerializer::new();
    {
        let mut inner = list.inner_list();
        for (name, _) in &components {
            inner.bare_item(StringRef::from_str(name).expect("component names are plain ASCII"));
        }
        inner
            .finish()
            .parameter(KeyRef::constant("created"), created)
            .parameter(KeyRef::constant("keyid"), key_id_text)
            .parameter(KeyRef::constant("alg"), StringRef::constant(ALGORITHM));
    }
    let params = list.finish().expect("the list has one member");

    let mut base = String::new();
    for (name, value) in &components {
        base.push_str(&format!("\"{name}\": {value}\n"));
    }
    base.push_str(&format!("\"@signature-params\": {params}"));
    let signature = STANDARD.encode(key.sign(base.as_bytes())?);

    headers.insert(http::header::HOST, header_value(host.to_owned(), "Host")?);
    headers.insert(
        http::header::DATE,
        header_value(httpdate::fmt_http_date(now), "Date")?,
    );
    headers.insert(
        SIGNATURE_INPUT,
        header_value(format!("{LABEL}={params}"), "Signature-Input")?,
    );
    headers.insert(
        SIGNATURE,
        header_value(format!("{LABEL}=:{signature}:"), "Signature")?,
    );
    Ok(())
}
