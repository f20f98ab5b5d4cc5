//! RFC 9421: round trips, tampering, coverage and time rules, and the forms Fedify sends.

use super::{BODY, INBOX, Incoming, alice, alice_key_id, alice_signs, hours, now};
use crate::federation::signatures::{
    OurOrigin, RequestToVerify, Scheme, SignatureError, parse_signature, sign_request_rfc9421,
    verify_signature,
};
use http::Method;
use std::time::SystemTime;
use url::Url;

fn signed(method: Method, url: &str, body: Option<&[u8]>, at: SystemTime) -> Incoming {
    let mut req = Incoming::new(method, url, body);
    let url = Url::parse(url).expect("a valid URL");
    let method = req.method.clone();
    sign_request_rfc9421(
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

fn signed_post() -> Incoming {
    signed(Method::POST, INBOX, Some(BODY), now())
}

fn created_now() -> String {
    let secs = now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    format!(";created={secs};keyid=\"{}\"", alice_key_id())
}

/// Replaces the signature with a valid one by Alice over `components` with the raw signature
/// parameters `params` (`;created=..;keyid=".."`), computing the base independently.
fn resign(req: &mut Incoming, components: &[&str], params: &str) {
    let (path, _) = req
        .path_and_query
        .split_once('?')
        .unwrap_or((req.path_and_query.as_str(), ""));
    let mut lines: Vec<String> = components
        .iter()
        .map(|&name| {
            let value = match name {
                "@method" => req.method.as_str().to_owned(),
                "@target-uri" => format!("https://solidarity.example{}", req.path_and_query),
                "@authority" => "solidarity.example".to_owned(),
                "@path" => path.to_owned(),
                // The verifier refuses other derived components before computing them.
                derived if derived.starts_with('@') => String::new(),
                header => req.header(header),
            };
            format!("\"{name}\": {value}")
        })
        .collect();
    let list = components
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(" ");
    let input = format!("({list}){params}");
    lines.push(format!("\"@signature-params\": {input}"));
    req.set("signature-input", &format!("sig1={input}"));
    req.set("signature", &format!("sig1=:{}:", alice_signs(&lines)));
}

#[test]
fn signed_get_and_post_round_trip() {
    let get = signed(
        Method::GET,
        "https://solidarity.example/actors/a?page=2",
        None,
        now(),
    );
    assert!(
        get.header("signature-input")
            .starts_with(r#"sig1=("@method" "@target-uri");created="#)
    );
    let parsed = get.parse().expect("a valid signature parses");
    assert_eq!(parsed.scheme(), Scheme::Rfc9421);
    assert_eq!(parsed.key_id(), &alice_key_id());
    assert!(parsed.signed_message().starts_with(
        "\"@method\": GET\n\"@target-uri\": https://solidarity.example/actors/a?page=2\n\"@signature-params\": "
    ));
    assert_eq!(get.verify(), Ok(()));

    let post = signed_post();
    assert!(post.header("content-digest").starts_with("sha-256=:"));
    assert!(
        post.header("signature-input").ends_with(
            r#"keyid="https://remote.example/users/alice#main-key";alg="rsa-v1_5-sha256""#
        )
    );
    assert!(post.header("signature").starts_with("sig1=:"));
    assert_eq!(post.verify(), Ok(()));
}

#[test]
fn plain_http_origins_are_signed_and_checked_with_their_scheme() {
    let url = "http://localhost:8080/actors/a/inbox";
    let req = signed(Method::POST, url, Some(BODY), now());
    assert_eq!(req.header("host"), "localhost:8080");
    let parts = RequestToVerify {
        method: &req.method,
        path_and_query: &req.path_and_query,
        headers: &req.headers,
        body: req.body.as_deref(),
    };
    let dev = OurOrigin::from_url(&Url::parse(url).expect("a valid URL"));
    let parsed = parse_signature(&parts, &dev, now()).expect("parses");
    assert_eq!(verify_signature(&parsed, &super::alice_public()), Ok(()));
    // The same request checked as if we ran on https: the target URI differs.
    let prod = OurOrigin::new("https", "localhost:8080");
    let parsed = parse_signature(&parts, &prod, now()).expect("parses");
    assert!(verify_signature(&parsed, &super::alice_public()).is_err());
}

#[test]
fn tampered_components_fail() {
    let mut req = signed_post();
    req.method = Method::PUT;
    assert!(matches!(
        req.verify(),
        Err(SignatureError::InvalidSignature(_))
    ));

    let mut req = signed_post();
    req.path_and_query = "/inbox".to_owned();
    assert!(matches!(
        req.verify(),
        Err(SignatureError::InvalidSignature(_))
    ));

    // T02: another body with the old digest, then with a digest recomputed by the attacker.
    let mut req = signed_post();
    req.body = Some(b"{}".to_vec());
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::DigestMismatch("Content-Digest"))
    );
    req.set(
        "content-digest",
        "sha-256=:RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o=:",
    );
    assert!(matches!(
        req.verify(),
        Err(SignatureError::InvalidSignature(_))
    ));

    // T04: signed for another host.
    let elsewhere = signed(
        Method::POST,
        "https://other.example/actors/a/inbox",
        Some(BODY),
        now(),
    );
    assert!(matches!(
        elsewhere.parse(),
        Err(SignatureError::WrongHost { .. })
    ));
}

#[test]
fn coverage_rules_are_enforced() {
    let mut req = signed_post();
    resign(&mut req, &["@target-uri", "content-digest"], &created_now());
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::NotCovered("@method"))
    );
    resign(
        &mut req,
        &["@method", "@path", "content-digest"],
        &created_now(),
    );
    assert!(matches!(req.parse(), Err(SignatureError::NotCovered(_))));
    resign(&mut req, &["@method", "@target-uri"], &created_now());
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::NotCovered("content-digest"))
    );
    resign(
        &mut req,
        &["@method", "@target-uri", "content-digest", "@query-param"],
        &created_now(),
    );
    assert!(matches!(
        req.parse(),
        Err(SignatureError::UnsupportedComponent(_))
    ));

    // @authority with @path stands for @target-uri.
    resign(
        &mut req,
        &["@method", "@authority", "@path", "content-digest"],
        &created_now(),
    );
    assert_eq!(req.verify(), Ok(()));

    // Component parameters are not supported.
    let input = req
        .header("signature-input")
        .replace("\"content-digest\"", "\"content-digest\";sf");
    req.set("signature-input", &input);
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::UnsupportedComponent(
            "\"content-digest\";sf".to_owned()
        ))
    );
}

#[test]
fn created_alg_and_expires_are_enforced() {
    let all = ["@method", "@target-uri", "content-digest"];
    let key = format!(";keyid=\"{}\"", alice_key_id());
    let mut req = signed_post();
    resign(&mut req, &all, &key);
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::MissingParameter("created"))
    );

    for at in [now() - hours(13), now() + hours(13)] {
        let old = signed(Method::POST, INBOX, Some(BODY), at);
        assert!(matches!(
            old.parse(),
            Err(SignatureError::OutsideClockWindow { .. })
        ));
    }

    resign(
        &mut req,
        &all,
        &format!("{};expires=1767225000", created_now()),
    );
    assert_eq!(req.parse().err(), Some(SignatureError::Expired(600)));
    resign(
        &mut req,
        &all,
        &format!("{};expires=1767226000", created_now()),
    );
    assert_eq!(req.verify(), Ok(()));

    resign(
        &mut req,
        &all,
        &format!("{};alg=\"hmac-sha256\"", created_now()),
    );
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::UnsupportedAlgorithm(
            "hmac-sha256".to_owned()
        ))
    );
    // No `alg` at all is fine: the key decides, and our keys are RSA.
    resign(&mut req, &all, &created_now());
    assert_eq!(req.verify(), Ok(()));
}

/// Fedify's first knock: more components, `alg` before `keyid`, and a second signature that
/// names no key (as a proxy might add) listed first.
#[test]
fn fedify_style_signatures_are_accepted() {
    let mut req = signed_post();
    let components = [
        "@method",
        "@target-uri",
        "@authority",
        "host",
        "date",
        "content-digest",
    ];
    let params = format!(
        ";alg=\"rsa-v1_5-sha256\";keyid=\"{}\";created=1767225590",
        alice_key_id()
    );
    resign(&mut req, &components, &params);
    let parsed = req.parse().expect("parses");
    assert!(
        parsed
            .signed_message()
            .contains("\n\"date\": Thu, 01 Jan 2026 00:00:00 GMT\n")
    );
    assert_eq!(req.verify(), Ok(()));

    let input = format!(
        "proxy=(\"@method\");created=1767225590, {}",
        req.header("signature-input")
    );
    let signature = format!("proxy=:AAAA:, {}", req.header("signature"));
    req.set("signature-input", &input);
    req.set("signature", &signature);
    assert_eq!(req.verify(), Ok(()));

    // A covered Date is held to the same window as in draft-cavage.
    req.set("date", "yesterday");
    resign(&mut req, &components, &params);
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::UnparseableDate("yesterday".to_owned()))
    );
}

#[test]
fn malformed_structured_fields_are_refused() {
    let mut req = signed_post();
    req.set("signature-input", "sig1=(\"@method\"");
    assert!(matches!(req.parse(), Err(SignatureError::Malformed { .. })));
    let mut req = signed_post();
    req.set("signature", "other=:AAAA:");
    assert!(matches!(req.parse(), Err(SignatureError::Malformed { .. })));
    let mut req = signed_post();
    req.headers.remove("signature");
    assert!(matches!(req.parse(), Err(SignatureError::Malformed { .. })));
    let mut req = signed_post();
    req.set(
        "signature-input",
        &format!("sig1=(\"@method\");x=\"{}\"", "a".repeat(9000)),
    );
    assert!(matches!(
        req.parse(),
        Err(SignatureError::HeaderTooLong { .. })
    ));
    let mut req = signed_post();
    req.set(
        "signature-input",
        "sig1=(\"@method\" \"@target-uri\");created=1767225590",
    );
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::MissingParameter("keyid"))
    );
}

#[test]
fn sha512_content_digest_is_accepted() {
    // RFC 9530 appendix: SHA-512 of `{"hello": "world"}`.
    let body = br#"{"hello": "world"}"#;
    let mut req = Incoming::new(Method::POST, INBOX, Some(body));
    req.set("host", "solidarity.example");
    req.set("content-digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:");
    resign(
        &mut req,
        &["@method", "@target-uri", "content-digest"],
        &created_now(),
    );
    assert_eq!(req.verify(), Ok(()));
}
