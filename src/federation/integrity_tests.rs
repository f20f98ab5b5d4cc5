//! Proofs made here verify, and any change to what was signed, a wrong key, the wrong time or
//! another suite is refused.

use super::*;
use serde_json::json;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z")
        .expect("date")
        .with_timezone(&chrono::Utc)
}

fn membership() -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/activitystreams", {"sol": "https://example.test/ns#"}],
        "id": "https://registry.test/registry/memberships?member=https%3A%2F%2Fcoop.test%2Factors%2Finstance",
        "type": "Membership",
        "member": "https://coop.test/actors/instance",
        "status": "active",
        "version": 2,
        "name": "Coopérative ☕ 𝄞"
    })
}

fn signed(pair: &Ed25519KeyPair) -> Value {
    let options = ProofOptions {
        key_id: "https://registry.test/actors/network#ed25519-key",
        created: "2026-03-01T11:55:00Z",
        expires: Some("2026-03-01T12:25:00Z"),
    };
    sign(&membership(), pair, &options).expect("signed")
}

fn pair() -> Ed25519KeyPair {
    key_pair(&generate_pkcs8().expect("key")).expect("pair")
}

fn public(pair: &Ed25519KeyPair) -> [u8; 32] {
    decode_public_key(&multibase_of(pair)).expect("multibase")
}

const KEY: &str = "https://registry.test/actors/network#ed25519-key";

#[test]
fn a_signed_document_verifies_and_keeps_its_fields() {
    let pair = pair();
    let document = signed(&pair);
    assert_eq!(document["proof"]["cryptosuite"], "eddsa-jcs-2022");
    assert!(
        document["proof"]["proofValue"]
            .as_str()
            .expect("value")
            .starts_with('z')
    );
    assert_eq!(document["status"], "active");
    let verified = verify(&document, KEY, &public(&pair), now()).expect("verifies");
    assert_eq!(verified.expires.as_deref(), Some("2026-03-01T12:25:00Z"));
    // Key order and whitespace do not matter: the canonical form is what is signed.
    let reparsed: Value =
        serde_json::from_str(&serde_json::to_string_pretty(&document).expect("text"))
            .expect("json");
    assert!(verify(&reparsed, KEY, &public(&pair), now()).is_ok());
}

#[test]
fn any_change_to_the_document_or_the_proof_breaks_it() {
    let pair = pair();
    let document = signed(&pair);
    let mut tampered = document.clone();
    tampered["status"] = json!("removed");
    assert_eq!(
        verify(&tampered, KEY, &public(&pair), now()),
        Err(IntegrityError::BadSignature)
    );
    let mut later = document.clone();
    later["proof"]["expires"] = json!("2027-03-01T12:25:00Z");
    assert_eq!(
        verify(&later, KEY, &public(&pair), now()),
        Err(IntegrityError::BadSignature)
    );
    let mut version = document.clone();
    version["version"] = json!(3);
    assert!(verify(&version, KEY, &public(&pair), now()).is_err());
}

#[test]
fn another_key_or_another_key_id_is_refused() {
    let (pair, other) = (pair(), self::pair());
    let document = signed(&pair);
    assert_eq!(
        verify(&document, KEY, &public(&other), now()),
        Err(IntegrityError::BadSignature)
    );
    assert!(matches!(
        verify(
            &document,
            "https://evil.test/actors/network#ed25519-key",
            &public(&pair),
            now()
        ),
        Err(IntegrityError::WrongKey { .. })
    ));
}

#[test]
fn expired_or_future_proofs_are_refused() {
    let pair = pair();
    let document = signed(&pair);
    let at = |text: &str| {
        chrono::DateTime::parse_from_rfc3339(text)
            .expect("date")
            .with_timezone(&chrono::Utc)
    };
    assert!(matches!(
        verify(&document, KEY, &public(&pair), at("2026-03-01T12:25:00Z")),
        Err(IntegrityError::Expired(_))
    ));
    assert!(matches!(
        verify(&document, KEY, &public(&pair), at("2026-03-01T11:50:00Z")),
        Err(IntegrityError::Future(_))
    ));
    assert!(verify(&document, KEY, &public(&pair), at("2026-03-01T12:24:59Z")).is_ok());
}

#[test]
fn a_relay_may_add_contexts_but_not_remove_them() {
    let pair = pair();
    let document = signed(&pair);
    let mut added = document.clone();
    added["@context"]
        .as_array_mut()
        .expect("list")
        .push(json!("https://w3id.org/security/data-integrity/v2"));
    assert!(verify(&added, KEY, &public(&pair), now()).is_ok());
    let mut removed = document.clone();
    removed["@context"] = json!("https://www.w3.org/ns/activitystreams");
    assert!(matches!(
        verify(&removed, KEY, &public(&pair), now()),
        Err(IntegrityError::Malformed(_))
    ));
}

#[test]
fn unsigned_or_other_suites_are_refused() {
    let pair = pair();
    assert_eq!(
        verify(&membership(), KEY, &public(&pair), now()),
        Err(IntegrityError::NoProof)
    );
    let mut rdfc = signed(&pair);
    rdfc["proof"]["cryptosuite"] = json!("eddsa-rdfc-2022");
    assert!(matches!(
        verify(&rdfc, KEY, &public(&pair), now()),
        Err(IntegrityError::Cryptosuite(_))
    ));
}

#[test]
fn multikeys_round_trip_and_refuse_other_codecs() {
    let pair = pair();
    let text = multibase_of(&pair);
    assert!(text.starts_with("z6Mk"), "{text}");
    assert_eq!(public_key_multibase(&public(&pair)), text);
    assert!(decode_public_key("zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme").is_err());
    assert!(decode_public_key("6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2").is_err());
}

/// The W3C test vector of vc-di-eddsa ("Representation: eddsa-jcs-2022", w3c/vc-di-eddsa
/// TestVectors at 0c5c862b): signing gives its proofValue byte for byte, and it verifies.
#[test]
fn the_w3c_test_vector_signs_and_verifies() {
    let secret = bs58::decode("3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
        .into_vec()
        .expect("base58");
    assert_eq!(secret[..2], [0x80, 0x26]);
    let pair = Ed25519KeyPair::from_seed_unchecked(&secret[2..]).expect("seed");
    assert_eq!(
        multibase_of(&pair),
        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    );
    let unsigned = json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/examples/v2"
        ],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "description": "A minimum viable example of an Alumni Credential.",
        "issuer": "https://vc.example/issuers/5678",
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:abcdefgh",
            "alumniOf": "The School of Examples"
        }
    });
    let key_id = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    let options = ProofOptions {
        key_id,
        created: "2023-02-24T23:36:38Z",
        expires: None,
    };
    let document = sign(&unsigned, &pair, &options).expect("signed");
    assert_eq!(
        document["proof"]["proofValue"],
        "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
    );
    let public =
        decode_public_key("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2").expect("key");
    assert!(verify(&document, key_id, &public, now()).is_ok());
}

/// FEP-8b32's fediverse vector as Mitra and Fedify test it (a proof without `@context`).
#[test]
fn the_fep_8b32_vector_of_mitra_and_fedify_verifies() {
    let document = json!({
        "@context": [
            "https://www.w3.org/ns/activitystreams",
            "https://w3id.org/security/data-integrity/v1"
        ],
        "type": "Create",
        "actor": "https://server.example/users/alice",
        "object": {"type": "Note", "content": "Hello world"},
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-jcs-2022",
            "verificationMethod": "https://server.example/users/alice#ed25519-key",
            "proofPurpose": "assertionMethod",
            "proofValue": "z3sXaxjKs4M3BRicwWA9peyNPJvJqxtGsDmpt1jjoHCjgeUf71TRFz56osPSfDErszyLp5Ks1EhYSgpDaNM977Rg2",
            "created": "2023-02-24T23:36:38Z"
        }
    });
    let public =
        decode_public_key("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2").expect("key");
    let key_id = "https://server.example/users/alice#ed25519-key";
    assert!(verify(&document, key_id, &public, now()).is_ok());
    let mut changed = document.clone();
    changed["object"]["content"] = json!("Hello world!");
    assert_eq!(
        verify(&changed, key_id, &public, now()),
        Err(IntegrityError::BadSignature)
    );
}
