//! draft-cavage: round trips, malformed headers, and the variants real peers send; the
//! helpers that sign by hand are shared with `cavage_attacks`.

use super::{
    BODY, INBOX, Incoming, alice, alice_key_id, alice_public, alice_signs, hours, now, ours,
};
use crate::federation::signatures::{
    RequestToVerify, Scheme, SignatureError, parse_signature, sign_request_cavage, verify_signature,
};
use http::Method;
use std::time::SystemTime;
use url::Url;

/// A request signed by our own signer at `at`.
pub(super) fn signed(method: Method, url: &str, body: Option<&[u8]>, at: SystemTime) -> Incoming {
    let mut req = Incoming::new(method, url, body);
    let url = Url::parse(url).expect("a valid URL");
    let method = req.method.clone();
    sign_request_cavage(
        &method,
        &url,
        &mut req.headers,
        body,
        &alice_key_id(),
        alice(),
        at,
    )
    .expect("signing works");
    req
}

pub(super) fn signed_post() -> Incoming {
    signed(Method::POST, INBOX, Some(BODY), now())
}

/// What a hand-made `Signature` header declares besides the covered list.
#[derive(Default)]
pub(super) struct Extra<'a> {
    pub(super) algorithm: Option<&'a str>,
    pub(super) created: Option<u64>,
    pub(super) expires: Option<u64>,
}

/// Replaces the request's signature with a valid one by Alice over `covered`, computed here
/// independently of the code under test, so the request fails only on the rule being tested.
pub(super) fn resign(req: &mut Incoming, covered: &str, extra: Extra<'_>) {
    let lines: Vec<String> = covered
        .split(' ')
        .map(|name| {
            let value = match name.to_ascii_lowercase().as_str() {
                "(request-target)" => format!(
                    "{} {}",
                    req.method.as_str().to_ascii_lowercase(),
                    req.path_and_query
                ),
                "(created)" => extra.created.expect("created given").to_string(),
                "(expires)" => extra.expires.expect("expires given").to_string(),
                header => req
                    .headers
                    .get_all(header)
                    .iter()
                    .map(|v| v.to_str().expect("text"))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            format!("{}: {value}", name.to_ascii_lowercase())
        })
        .collect();
    let mut header = format!(r#"keyId="{}","#, alice_key_id());
    if let Some(algorithm) = extra.algorithm {
        header.push_str(&format!(r#"algorithm="{algorithm}","#));
    }
    if let Some(created) = extra.created {
        header.push_str(&format!("created={created},"));
    }
    if let Some(expires) = extra.expires {
        header.push_str(&format!("expires={expires},"));
    }
    header.push_str(&format!(
        r#"headers="{covered}",signature="{}""#,
        alice_signs(&lines)
    ));
    req.set("signature", &header);
}

fn unix(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

#[test]
fn signed_get_and_post_round_trip() {
    let get = signed(
        Method::GET,
        "https://solidarity.example/actors/a?page=1",
        None,
        now(),
    );
    assert!(
        get.header("signature")
            .contains(r#"headers="(request-target) host date""#)
    );
    assert_eq!(get.header("host"), "solidarity.example");
    let parsed = get.parse().expect("a valid signature parses");
    assert_eq!(parsed.scheme(), Scheme::Cavage);
    assert_eq!(parsed.key_id(), &alice_key_id());
    assert!(
        parsed
            .signed_message()
            .starts_with("(request-target): get /actors/a?page=1\n")
    );
    assert_eq!(get.verify(), Ok(()));

    let post = signed_post();
    assert!(
        post.header("signature")
            .contains(r#"headers="(request-target) host date digest""#)
    );
    assert!(post.header("digest").starts_with("SHA-256="));
    assert_eq!(post.verify(), Ok(()));
}

#[test]
fn unsigned_requests_and_broken_headers_are_refused() {
    let unsigned = Incoming::new(Method::POST, INBOX, Some(BODY));
    assert_eq!(unsigned.parse().err(), Some(SignatureError::Unsigned));

    let mut req = signed_post();
    let good = req.header("signature");
    req.set(
        "signature",
        &good.replace(
            r#"keyId="https://remote.example/users/alice#main-key","#,
            "",
        ),
    );
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::MissingParameter("keyId"))
    );
    req.set(
        "signature",
        &good.replace("keyId=\"https://", "keyId=\"not a url "),
    );
    assert!(matches!(req.parse(), Err(SignatureError::InvalidKeyId(_))));
    let no_signature = good.split(",signature=").next().expect("has a signature");
    req.set("signature", no_signature);
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::MissingParameter("signature"))
    );
    req.set("signature", &format!("{no_signature},signature=\"***\""));
    assert_eq!(req.parse().err(), Some(SignatureError::SignatureEncoding));
    req.set("signature", "keyId=\"https://remote.example/k");
    assert!(matches!(req.parse(), Err(SignatureError::Malformed { .. })));
    req.set("signature", &format!("{good},x=\"{}\"", "a".repeat(9000)));
    assert!(matches!(
        req.parse(),
        Err(SignatureError::HeaderTooLong { .. })
    ));
    req.set("signature", &good);
    req.headers
        .append("signature", http::HeaderValue::from_static("keyId=\"x\""));
    assert!(matches!(
        req.parse(),
        Err(SignatureError::RepeatedHeader { .. })
    ));
}

#[test]
fn hs2019_and_no_algorithm_are_accepted_others_refused() {
    let covered = "(request-target) host date digest";
    for algorithm in [Some("hs2019"), None, Some("RSA-SHA256")] {
        let mut req = signed_post();
        resign(
            &mut req,
            covered,
            Extra {
                algorithm,
                ..Extra::default()
            },
        );
        assert_eq!(req.verify(), Ok(()), "{algorithm:?}");
    }
    let mut req = signed_post();
    resign(
        &mut req,
        covered,
        Extra {
            algorithm: Some("hmac-sha256"),
            ..Extra::default()
        },
    );
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::UnsupportedAlgorithm(
            "hmac-sha256".to_owned()
        ))
    );
}

#[test]
fn peer_variants_are_accepted() {
    // pasture's lower-case digest.
    let mut req = signed_post();
    let lower = req.header("digest").replace("SHA-256=", "sha-256=");
    req.set("digest", &lower);
    resign(
        &mut req,
        "(request-target) host date digest",
        Extra::default(),
    );
    assert_eq!(req.verify(), Ok(()));

    // Fedify's header order, with a covered content-type; and names in another case.
    let mut req = signed_post();
    req.set("content-type", "application/activity+json");
    resign(
        &mut req,
        "(request-target) content-type date digest host",
        Extra::default(),
    );
    assert_eq!(req.verify(), Ok(()));
    resign(
        &mut req,
        "(Request-Target) Host Date Digest",
        Extra::default(),
    );
    assert_eq!(req.verify(), Ok(()));

    // A header sent twice is covered as its values joined with ", ".
    let mut req = signed_post();
    req.headers.append(
        "accept",
        http::HeaderValue::from_static("application/activity+json"),
    );
    req.headers.append(
        "accept",
        http::HeaderValue::from_static("application/ld+json"),
    );
    resign(
        &mut req,
        "(request-target) host date digest accept",
        Extra::default(),
    );
    let parsed = req.parse().expect("parses");
    assert!(
        parsed
            .signed_message()
            .ends_with("accept: application/activity+json, application/ld+json")
    );
    assert_eq!(req.verify(), Ok(()));

    // A covered header the request does not have.
    resign(
        &mut req,
        "(request-target) host date digest x-missing",
        Extra::default(),
    );
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::CoveredHeaderAbsent("x-missing".to_owned()))
    );
}

/// `(created)` / `(expires)` instead of `Date`, as the activitypub_federation example sends.
#[test]
fn created_and_expires_are_honoured() {
    let covered = "(request-target) host (created) (expires) digest";
    let mut req = signed_post();
    req.headers.remove("date");
    let created = Some(unix(now()) - 10);
    resign(
        &mut req,
        covered,
        Extra {
            algorithm: Some("hs2019"),
            created,
            expires: Some(unix(now()) + 300),
        },
    );
    assert_eq!(req.verify(), Ok(()));

    resign(
        &mut req,
        covered,
        Extra {
            algorithm: Some("hs2019"),
            created,
            expires: Some(unix(now()) - 5),
        },
    );
    assert_eq!(req.parse().err(), Some(SignatureError::Expired(5)));

    let created = Some(unix(now() + hours(13)));
    resign(
        &mut req,
        covered,
        Extra {
            created,
            expires: Some(unix(now() + hours(14))),
            ..Extra::default()
        },
    );
    assert!(matches!(
        req.parse(),
        Err(SignatureError::OutsideClockWindow {
            what: "created time",
            ..
        })
    ));

    // Covering (created) without giving it.
    resign(
        &mut req,
        "(request-target) host date digest",
        Extra::default(),
    );
    req.set(
        "signature",
        &req.header("signature")
            .replace("host date", "host (created)"),
    );
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::MissingParameter("created"))
    );
}

/// The same checks through the public API the inbox uses, with a borrowed axum-like request.
#[test]
fn the_public_api_takes_borrowed_request_parts() {
    let req = signed_post();
    let parts = RequestToVerify {
        method: &req.method,
        path_and_query: &req.path_and_query,
        headers: &req.headers,
        body: Some(BODY),
    };
    let parsed = parse_signature(&parts, &ours(), now()).expect("parses");
    assert_eq!(verify_signature(&parsed, &alice_public()), Ok(()));
    // A POST handed over without its body still needs a digest of the empty body.
    let parts = RequestToVerify {
        body: None,
        ..parts
    };
    assert_eq!(
        parse_signature(&parts, &ours(), now()).err(),
        Some(SignatureError::DigestMismatch("Digest"))
    );
}
