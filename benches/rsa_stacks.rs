//! RSA-2048 `rsa-sha256` (PKCS#1 v1.5) signing and verification, as every HTTP signature on
//! the fediverse uses them, measured on the two stacks we could build on: aws-lc-rs, which
//! `federation::keys` uses, and the pure-Rust `rsa` crate, which `activitypub_federation` signs
//! and verifies with. Prints operations per second on one core and their ratios.
//!
//! Run with `cargo bench --bench rsa_stacks` (optimised build). The figures are recorded in
//! ARCHITECTURE.md, where they decide which stack signs our deliveries.

use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use sha2::Sha256;
use solidarity::federation::keys::{ActorKeyPair, PublicKey};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A draft-cavage signing string of the usual size.
const MESSAGE: &[u8] = b"(request-target): post /users/alice/inbox\nhost: mastodon.example\n\
date: Sun, 06 Dec 2026 21:00:00 GMT\n\
digest: SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=";

/// How long each figure is measured for.
const SPAN: Duration = Duration::from_secs(2);

/// Runs `operation` for about `SPAN`; returns operations per second.
fn rate(mut operation: impl FnMut()) -> f64 {
    for _ in 0..5 {
        operation();
    }
    let started = Instant::now();
    let mut count = 0_u64;
    while started.elapsed() < SPAN {
        operation();
        count += 1;
    }
    count as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let ours = ActorKeyPair::generate().expect("an RSA-2048 key");
    let private_pem = ours.private_pem().expect("PKCS#8 PEM");
    let our_public = PublicKey::from_pem(ours.public_pem()).expect("SPKI PEM");
    let theirs = SigningKey::<Sha256>::new(
        rsa::RsaPrivateKey::from_pkcs8_pem(&private_pem).expect("the same key, for rsa"),
    );
    let their_public = VerifyingKey::<Sha256>::new(
        rsa::RsaPublicKey::from_public_key_pem(ours.public_pem()).expect("the same public key"),
    );

    // Both stacks sign deterministically (PKCS#1 v1.5): the same signature, each verifying
    // the other's.
    let signature = ours.sign(MESSAGE).expect("signs");
    let their_signature = theirs.sign(MESSAGE);
    assert_eq!(signature, their_signature.to_vec(), "the stacks agree");
    assert!(our_public.verify(MESSAGE, &their_signature.to_vec()));
    let parsed = Signature::try_from(signature.as_slice()).expect("a signature");
    assert!(their_public.verify(MESSAGE, &parsed).is_ok());

    println!(
        "RSA-2048 rsa-sha256 on one core, {} s per figure",
        SPAN.as_secs()
    );
    let ours_sign = rate(|| {
        black_box(ours.sign(black_box(MESSAGE)).expect("signs"));
    });
    let theirs_sign = rate(|| {
        black_box(theirs.sign(black_box(MESSAGE)));
    });
    let ours_verify = rate(|| {
        assert!(our_public.verify(black_box(MESSAGE), black_box(&signature)));
    });
    let theirs_verify = rate(|| {
        assert!(
            their_public
                .verify(black_box(MESSAGE), black_box(&parsed))
                .is_ok()
        );
    });
    let ours_parse = rate(|| {
        black_box(PublicKey::from_pem(black_box(ours.public_pem())).expect("parses"));
    });
    let theirs_parse = rate(|| {
        black_box(
            rsa::RsaPublicKey::from_public_key_pem(black_box(ours.public_pem())).expect("parses"),
        );
    });
    let row = |what: &str, ours: f64, theirs: f64| {
        println!(
            "{what:<22} aws-lc-rs {ours:>10.0}/s   rsa {theirs:>10.0}/s   aws-lc-rs is {:.1}x",
            ours / theirs
        );
    };
    row("sign", ours_sign, theirs_sign);
    row("verify", ours_verify, theirs_verify);
    row("parse public key PEM", ours_parse, theirs_parse);
}
