//! Object integrity proofs (FEP-8b32): W3C Data Integrity `eddsa-jcs-2022` proofs with Ed25519
//! keys published as `Multikey`s in an actor's `assertionMethod` (FEP-521a). The registry signs
//! its membership snapshots with them, so a platform co-op can check one it got from anywhere,
//! offline, until the proof expires.
//!
//! Signing (vc-di-eddsa §3.3): the proof's options (with the document's `@context`) and the
//! document without its proof are each serialised as RFC 8785 JSON and hashed with SHA-256; the
//! Ed25519 signature of the two hashes, one after the other, is the `proofValue` (base58btc
//! multibase).

use aws_lc_rs::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The cryptosuite we sign with and accept.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The multicodec prefix of an Ed25519 public key (`ed25519-pub`, varint 0xed).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// Why a proof was refused or could not be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IntegrityError {
    #[error("the document carries no proof")]
    NoProof,
    #[error("the proof is malformed: {0}")]
    Malformed(String),
    #[error("the proof is made with {0}, not {CRYPTOSUITE}")]
    Cryptosuite(String),
    #[error("the proof is by {found}, not by the key {expected}")]
    WrongKey { found: String, expected: String },
    #[error("the proof's purpose is {0}, not assertionMethod")]
    Purpose(String),
    #[error("the proof expired at {0}")]
    Expired(String),
    #[error("the proof was made in the future ({0})")]
    Future(String),
    #[error("the signature does not match the document")]
    BadSignature,
    #[error("the key is malformed: {0}")]
    Key(String),
}

/// An Ed25519 public key as a `Multikey`'s `publicKeyMultibase` (`z6Mk…`).
pub fn public_key_multibase(public_key: &[u8]) -> String {
    let mut bytes = ED25519_PUB.to_vec();
    bytes.extend_from_slice(public_key);
    format!("z{}", bs58::encode(bytes).into_string())
}

/// The 32 bytes of an Ed25519 `publicKeyMultibase`.
pub fn decode_public_key(multibase: &str) -> Result<[u8; 32], IntegrityError> {
    let bytes = multibase
        .strip_prefix('z')
        .and_then(|text| bs58::decode(text).into_vec().ok())
        .ok_or_else(|| IntegrityError::Key("not base58btc multibase".to_owned()))?;
    match bytes.split_at_checked(2) {
        Some((prefix, key)) if prefix == ED25519_PUB => key
            .try_into()
            .map_err(|_| IntegrityError::Key("an Ed25519 key has 32 bytes".to_owned())),
        _ => Err(IntegrityError::Key("not an Ed25519 public key".to_owned())),
    }
}

/// Who signs and when: the key (its id, as `verificationMethod`) and the proof's times.
pub struct ProofOptions<'a> {
    pub key_id: &'a str,
    /// RFC 3339.
    pub created: &'a str,
    /// RFC 3339; a proof without one never expires (we always set one).
    pub expires: Option<&'a str>,
}

/// `document` with an `eddsa-jcs-2022` proof by `key` added (any proof it had is replaced).
pub fn sign(
    document: &Value,
    key: &Ed25519KeyPair,
    options: &ProofOptions<'_>,
) -> Result<Value, IntegrityError> {
    let Value::Object(fields) = document else {
        return Err(IntegrityError::Malformed(
            "only objects are signed".to_owned(),
        ));
    };
    let mut unsecured = fields.clone();
    unsecured.remove("proof");
    let mut config = Map::new();
    config.insert("type".into(), "DataIntegrityProof".into());
    config.insert("cryptosuite".into(), CRYPTOSUITE.into());
    config.insert("verificationMethod".into(), options.key_id.into());
    config.insert("proofPurpose".into(), "assertionMethod".into());
    config.insert("created".into(), options.created.into());
    if let Some(expires) = options.expires {
        config.insert("expires".into(), expires.into());
    }
    if let Some(context) = unsecured.get("@context") {
        config.insert("@context".into(), context.clone());
    }
    let data = hash_data(&config, &unsecured)?;
    let signature = key.sign(&data);
    config.insert(
        "proofValue".into(),
        format!("z{}", bs58::encode(signature.as_ref()).into_string()).into(),
    );
    unsecured.insert("proof".into(), Value::Object(config));
    Ok(Value::Object(unsecured))
}

/// What a valid proof said about itself.
#[derive(Debug, PartialEq, Eq)]
pub struct Verified {
    /// The proof's `expires`, when it has one (RFC 3339).
    pub expires: Option<String>,
    pub created: String,
}

/// Checks `document`'s proof: made with `eddsa-jcs-2022` by `key_id` (whose public key is
/// `public_key`) for `assertionMethod`, created no later than `now` (with a minute's leeway for
/// clocks), not expired at `now` (both RFC 3339 UTC, compared as instants), and matching the
/// document byte for byte in its canonical form.
pub fn verify(
    document: &Value,
    key_id: &str,
    public_key: &[u8; 32],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Verified, IntegrityError> {
    let Value::Object(fields) = document else {
        return Err(IntegrityError::Malformed("not an object".to_owned()));
    };
    let mut unsecured = fields.clone();
    let Some(Value::Object(mut config)) = unsecured.remove("proof") else {
        return Err(IntegrityError::NoProof);
    };
    let text = |config: &Map<String, Value>, name: &str| {
        config
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| IntegrityError::Malformed(format!("no {name}")))
    };
    if text(&config, "type")? != "DataIntegrityProof" {
        return Err(IntegrityError::Malformed(
            "not a DataIntegrityProof".to_owned(),
        ));
    }
    let suite = text(&config, "cryptosuite")?;
    if suite != CRYPTOSUITE {
        return Err(IntegrityError::Cryptosuite(suite));
    }
    let method = text(&config, "verificationMethod")?;
    if method != key_id {
        return Err(IntegrityError::WrongKey {
            found: method,
            expected: key_id.to_owned(),
        });
    }
    let purpose = text(&config, "proofPurpose")?;
    if purpose != "assertionMethod" {
        return Err(IntegrityError::Purpose(purpose));
    }
    let created = text(&config, "created")?;
    let instant = |text: &str| {
        chrono::DateTime::parse_from_rfc3339(text)
            .map(|time| time.with_timezone(&chrono::Utc))
            .map_err(|_| IntegrityError::Malformed(format!("'{text}' is no date-time")))
    };
    if instant(&created)? > now + chrono::Duration::minutes(1) {
        return Err(IntegrityError::Future(created));
    }
    let expires = config
        .get("expires")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(expires) = &expires
        && instant(expires)? <= now
    {
        return Err(IntegrityError::Expired(expires.clone()));
    }
    let proof_value = text(&config, "proofValue")?;
    config.remove("proofValue");
    // The proof's context, when it has one, must begin the document's (vc-di-eddsa §3.3.2).
    // What was signed then had the proof's context (a relay may have added to the document's).
    if let Some(context) = config.get("@context") {
        if !context_starts(unsecured.get("@context"), context) {
            return Err(IntegrityError::Malformed(
                "the proof's @context does not begin the document's".to_owned(),
            ));
        }
        unsecured.insert("@context".into(), context.clone());
    }
    let signature = proof_value
        .strip_prefix('z')
        .and_then(|text| bs58::decode(text).into_vec().ok())
        .ok_or_else(|| IntegrityError::Malformed("proofValue is not base58btc".to_owned()))?;
    let data = hash_data(&config, &unsecured)?;
    UnparsedPublicKey::new(&ED25519, public_key)
        .verify(&data, &signature)
        .map_err(|_| IntegrityError::BadSignature)?;
    Ok(Verified { expires, created })
}

fn context_starts(document: Option<&Value>, proof: &Value) -> bool {
    let as_list = |value: &Value| match value {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let Some(document) = document else {
        return false;
    };
    let (document, proof) = (as_list(document), as_list(proof));
    document.len() >= proof.len() && document.iter().zip(&proof).all(|(a, b)| a == b)
}

/// SHA-256 of the canonical proof options, then SHA-256 of the canonical document.
fn hash_data(
    config: &Map<String, Value>,
    document: &Map<String, Value>,
) -> Result<Vec<u8>, IntegrityError> {
    let canonical = |value: &Map<String, Value>| {
        serde_json_canonicalizer::to_vec(value)
            .map_err(|e| IntegrityError::Malformed(format!("not canonicalisable: {e}")))
    };
    let mut data = Sha256::digest(canonical(config)?).to_vec();
    data.extend_from_slice(&Sha256::digest(canonical(document)?));
    Ok(data)
}

/// A new Ed25519 key pair as PKCS#8 (what the store keeps).
pub fn generate_pkcs8() -> Result<Vec<u8>, IntegrityError> {
    let pair =
        Ed25519KeyPair::generate().map_err(|_| IntegrityError::Key("no randomness".into()))?;
    pair.to_pkcs8()
        .map(|document| document.as_ref().to_vec())
        .map_err(|_| IntegrityError::Key("cannot encode the key".to_owned()))
}

/// The key pair stored as PKCS#8.
pub fn key_pair(pkcs8: &[u8]) -> Result<Ed25519KeyPair, IntegrityError> {
    Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|e| IntegrityError::Key(e.to_string()))
}

/// The public key of a key pair, as a `Multikey`'s `publicKeyMultibase`.
pub fn multibase_of(pair: &Ed25519KeyPair) -> String {
    public_key_multibase(pair.public_key().as_ref())
}

#[cfg(test)]
#[path = "integrity_tests.rs"]
mod tests;
