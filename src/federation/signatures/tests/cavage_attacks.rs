//! draft-cavage: the attacks of SECURITY.md §4.A (T02–T05) and a signature by another key.

use super::cavage::{Extra, resign, signed, signed_post};
use super::{BODY, INBOX, Incoming, alice_public, hours, now};
use crate::federation::keys::{ActorKeyPair, PublicKey};
use crate::federation::signatures::{SignatureError, verify_signature};
use http::Method;

/// T02: Alice signs body A; body B is sent with the same headers.
#[test]
fn t02_body_swapped_after_signing_is_refused() {
    let mut req = signed_post();
    req.body = Some(br#"{"type":"Delete","actor":"https://remote.example/users/alice"}"#.to_vec());
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::DigestMismatch("Digest"))
    );

    // A body where the sender signed none: covering digest is required...
    let mut req = signed(Method::POST, INBOX, None, now());
    req.body = Some(BODY.to_vec());
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::NotCovered("digest"))
    );
    // ...and a covered digest must be present.
    let mut req = signed(Method::POST, INBOX, None, now());
    req.body = Some(BODY.to_vec());
    resign(&mut req, "(request-target) host date", Extra::default());
    req.set(
        "signature",
        &req.header("signature")
            .replace("host date", "host date digest"),
    );
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::DigestAbsent("Digest"))
    );
    // Only other algorithms: nothing we can check.
    let mut req = signed_post();
    req.set("digest", "SHA-512=abc=");
    resign(
        &mut req,
        "(request-target) host date digest",
        Extra::default(),
    );
    assert!(matches!(
        req.parse(),
        Err(SignatureError::UnsupportedDigest { .. })
    ));
}

/// T03: valid RSA signatures over header lists too weak to bind the request.
#[test]
fn t03_weak_header_lists_are_refused() {
    let cases = [
        ("digest", "(request-target)"),
        ("date digest", "(request-target)"),
        ("(request-target) date digest", "host"),
        ("(request-target) host digest", "date or (created)"),
        ("(request-target) host date", "digest"),
    ];
    for (covered, missing) in cases {
        let mut req = signed_post();
        resign(&mut req, covered, Extra::default());
        assert_eq!(
            req.parse().err(),
            Some(SignatureError::NotCovered(missing)),
            "{covered}"
        );
    }
    // No `headers` at all means `date` alone.
    let mut req = signed_post();
    let without = req
        .header("signature")
        .replace(r#"headers="(request-target) host date digest","#, "");
    req.set("signature", &without);
    assert_eq!(
        req.parse().err(),
        Some(SignatureError::NotCovered("(request-target)"))
    );
}

/// T04: a captured signature replayed on another path, to another host, or with another method.
#[test]
fn t04_replay_elsewhere_is_refused() {
    let captured = signed_post();
    for path in ["/inbox", "/actors/b/inbox", "/actors/a/inbox?x=1"] {
        let mut replay = Incoming::new(Method::POST, INBOX, Some(BODY));
        replay.headers = captured.headers.clone();
        replay.path_and_query = path.to_owned();
        assert!(
            matches!(replay.verify(), Err(SignatureError::InvalidSignature(_))),
            "{path}"
        );
    }
    let mut replay = Incoming::new(Method::PUT, INBOX, Some(BODY));
    replay.headers = captured.headers.clone();
    assert!(matches!(
        replay.verify(),
        Err(SignatureError::InvalidSignature(_))
    ));

    // Signed for another server: refused by Host, and by the signature when Host is missing
    // (HTTP/2) or rewritten to ours.
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
    let mut rewritten = Incoming::new(Method::POST, INBOX, Some(BODY));
    rewritten.headers = elsewhere.headers.clone();
    rewritten.set("host", "solidarity.example");
    assert!(matches!(
        rewritten.verify(),
        Err(SignatureError::InvalidSignature(_))
    ));
    rewritten.headers.remove("host");
    assert!(matches!(
        rewritten.verify(),
        Err(SignatureError::InvalidSignature(_))
    ));

    // Our own host in another case is the same host.
    let mut upper = signed_post();
    upper.set("host", "Solidarity.Example");
    resign(
        &mut upper,
        "(request-target) host date digest",
        Extra::default(),
    );
    assert_eq!(upper.verify(), Ok(()));
}

/// T05: `Date` outside ±12 h either way, or unparseable.
#[test]
fn t05_date_window_is_enforced() {
    let old = signed(Method::POST, INBOX, Some(BODY), now() - hours(13));
    assert!(matches!(
        old.parse(),
        Err(SignatureError::OutsideClockWindow { what: "Date", .. })
    ));
    let future = signed(Method::POST, INBOX, Some(BODY), now() + hours(13));
    assert!(matches!(
        future.parse(),
        Err(SignatureError::OutsideClockWindow { what: "Date", .. })
    ));
    assert_eq!(
        signed(Method::POST, INBOX, Some(BODY), now() - hours(11)).verify(),
        Ok(())
    );
    assert_eq!(
        signed(Method::POST, INBOX, Some(BODY), now() + hours(11)).verify(),
        Ok(())
    );

    let mut wrong = signed_post();
    wrong.set("date", "wrong date");
    resign(
        &mut wrong,
        "(request-target) host date digest",
        Extra::default(),
    );
    assert_eq!(
        wrong.parse().err(),
        Some(SignatureError::UnparseableDate("wrong date".to_owned()))
    );
}

#[test]
fn a_signature_by_another_key_fails() {
    let req = signed_post();
    let mallory = ActorKeyPair::generate().expect("key generation works");
    let mallory = PublicKey::from_pem(mallory.public_pem()).expect("parses");
    let parsed = req.parse().expect("the cheap checks pass");
    assert!(matches!(
        verify_signature(&parsed, &mallory),
        Err(SignatureError::InvalidSignature(_))
    ));
    assert_eq!(verify_signature(&parsed, &alice_public()), Ok(()));
}
