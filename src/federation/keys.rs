//! RSA key pairs of local actors and public keys of remote ones, on aws-lc-rs (constant-time,
//! native): RSA-2048 signing there is ~6x and verification ~12x faster than with the pure-Rust
//! `rsa` crate (`benches/rsa_stacks.rs`, figures in ARCHITECTURE.md). Keys are parsed once and
//! kept parsed.

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{self, KeyPair as _, ParsedPublicKey};
use std::fmt;
use std::sync::Arc;

const PRIVATE_KEY_LABEL: &str = "PRIVATE KEY";
const PUBLIC_KEY_LABEL: &str = "PUBLIC KEY";

/// Why a key could not be made or read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    #[error("key generation failed")]
    Generate,
    #[error("not a PEM document: {0}")]
    Pem(String),
    #[error("expected a PEM '{expected}' block, found '{found}'")]
    Label {
        expected: &'static str,
        found: String,
    },
    #[error("the key is not an acceptable RSA key: {0}")]
    Rejected(String),
    #[error("signing failed")]
    Sign,
}

/// A local actor's key pair: private key parsed for signing, public key as published PEM.
#[derive(Clone)]
pub struct ActorKeyPair {
    private: Arc<KeyPair>,
    public_pem: String,
}

impl ActorKeyPair {
    /// A fresh RSA-2048 key pair (the size every fediverse server accepts).
    pub fn generate() -> Result<Self, KeyError> {
        let pair = KeyPair::generate(KeySize::Rsa2048).map_err(|_| KeyError::Generate)?;
        Self::from_pair(pair)
    }

    /// Reads a PKCS#8 private key PEM, as stored in `actor_keys.private_key_pem`.
    pub fn from_private_pem(private_pem: &str) -> Result<Self, KeyError> {
        let der = decode_pem(private_pem, PRIVATE_KEY_LABEL)?;
        let pair = KeyPair::from_pkcs8(&der).map_err(|e| KeyError::Rejected(e.to_string()))?;
        Self::from_pair(pair)
    }

    fn from_pair(pair: KeyPair) -> Result<Self, KeyError> {
        let public: PublicKeyX509Der<'static> =
            pair.public_key().as_der().map_err(|_| KeyError::Generate)?;
        Ok(Self {
            public_pem: encode_pem(PUBLIC_KEY_LABEL, public.as_ref()),
            private: Arc::new(pair),
        })
    }

    /// The private key as PKCS#8 PEM, for storage.
    pub fn private_pem(&self) -> Result<String, KeyError> {
        let der: Pkcs8V1Der<'static> = self.private.as_der().map_err(|_| KeyError::Generate)?;
        Ok(encode_pem(PRIVATE_KEY_LABEL, der.as_ref()))
    }

    /// The public key as SubjectPublicKeyInfo PEM, as `publicKeyPem` publishes it.
    pub fn public_pem(&self) -> &str {
        &self.public_pem
    }

    /// Signs `message` with RSASSA-PKCS1-v1_5 and SHA-256 (`rsa-sha256`, what `hs2019` means
    /// for RSA keys everywhere in the fediverse).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let mut signature = vec![0; self.private.public_modulus_len()];
        self.private
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| KeyError::Sign)?;
        Ok(signature)
    }
}

impl fmt::Debug for ActorKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActorKeyPair")
            .field("private", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// A remote actor's public key, parsed once for many verifications.
#[derive(Clone, Debug)]
pub struct PublicKey(Arc<ParsedPublicKey>);

impl PublicKey {
    /// Reads a `publicKeyPem` (SubjectPublicKeyInfo; PKCS#1 `RSA PUBLIC KEY` is accepted too,
    /// as some older servers publish it). Keys of 2048 to 8192 bits are accepted.
    pub fn from_pem(pem_text: &str) -> Result<Self, KeyError> {
        let block = pem::parse(pem_text.trim()).map_err(|e| KeyError::Pem(e.to_string()))?;
        if block.tag() != PUBLIC_KEY_LABEL && block.tag() != "RSA PUBLIC KEY" {
            return Err(KeyError::Label {
                expected: PUBLIC_KEY_LABEL,
                found: block.tag().to_owned(),
            });
        }
        ParsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, block.contents())
            .map(|key| Self(Arc::new(key)))
            .map_err(|e| KeyError::Rejected(e.to_string()))
    }

    /// True when `signature` is a valid `rsa-sha256` signature of `message` by this key.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.0.verify_sig(message, signature).is_ok()
    }
}

fn encode_pem(label: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(label, der),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

fn decode_pem(text: &str, label: &'static str) -> Result<Vec<u8>, KeyError> {
    let block = pem::parse(text.trim()).map_err(|e| KeyError::Pem(e.to_string()))?;
    if block.tag() != label {
        return Err(KeyError::Label {
            expected: label,
            found: block.tag().to_owned(),
        });
    }
    Ok(block.into_contents())
}

#[cfg(test)]
mod tests {
    use super::{ActorKeyPair, KeyError, PublicKey};

    #[test]
    fn a_generated_pair_survives_storage_and_its_signatures_verify() {
        let pair = ActorKeyPair::generate().expect("generated");
        assert!(
            pair.public_pem()
                .starts_with("-----BEGIN PUBLIC KEY-----\n")
        );
        let stored = pair.private_pem().expect("encoded");
        assert!(stored.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let reloaded = ActorKeyPair::from_private_pem(&stored).expect("decoded");
        assert_eq!(reloaded.public_pem(), pair.public_pem());
        assert!(!format!("{reloaded:?}").contains("PRIVATE"));

        let public = PublicKey::from_pem(pair.public_pem()).expect("parsed");
        let signature = reloaded
            .sign(b"(request-target): post /inbox")
            .expect("signed");
        assert!(public.verify(b"(request-target): post /inbox", &signature));
        assert!(!public.verify(b"(request-target): post /inbox2", &signature));
        let other = ActorKeyPair::generate().expect("generated");
        let other_public = PublicKey::from_pem(other.public_pem()).expect("parsed");
        assert!(!other_public.verify(b"(request-target): post /inbox", &signature));
    }

    #[test]
    fn junk_and_private_keys_are_not_public_keys() {
        assert!(matches!(
            PublicKey::from_pem("hello"),
            Err(KeyError::Pem(_))
        ));
        let pair = ActorKeyPair::generate().expect("generated");
        let private = pair.private_pem().expect("encoded");
        assert!(matches!(
            PublicKey::from_pem(&private),
            Err(KeyError::Label { .. })
        ));
    }
}
