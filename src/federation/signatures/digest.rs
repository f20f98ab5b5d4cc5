//! Body digests: the draft-cavage `Digest` header (RFC 3230, `SHA-256=base64`) and the
//! RFC 9530 `Content-Digest` header (`sha-256=:base64:`), made when signing and checked against
//! the raw body when verifying. A signature covers the digest, the digest binds the body.

use super::SignatureError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sfv::{BareItem, Dictionary, ListEntry, Parser};
use sha2::{Digest as _, Sha256, Sha512};

/// The `Digest` header's name, as errors name it.
pub(super) const DIGEST: &str = "Digest";
/// The `Content-Digest` header's name, as errors name it.
pub(super) const CONTENT_DIGEST: &str = "Content-Digest";

/// `SHA-256=<base64>`, the `Digest` value Mastodon and every draft-cavage peer send.
pub(super) fn digest_header(body: &[u8]) -> String {
    format!("SHA-256={}", STANDARD.encode(Sha256::digest(body)))
}

/// `sha-256=:<base64>:`, the `Content-Digest` value RFC 9421 senders cover.
pub(super) fn content_digest_header(body: &[u8]) -> String {
    format!("sha-256=:{}:", STANDARD.encode(Sha256::digest(body)))
}

/// Checks a `Digest` header against the body. Several digests may be listed
/// (`SHA-256=..,SHA-512=..`); the SHA-256 one decides, whatever its case (pasture sends
/// `sha-256=`). A header listing only other algorithms is refused: we cannot check it.
pub(super) fn check_digest(value: &str, body: &[u8]) -> Result<(), SignatureError> {
    let sha256 = value.split(',').find_map(|entry| {
        let (algorithm, digest) = entry.trim().split_once('=')?;
        algorithm
            .trim()
            .eq_ignore_ascii_case("sha-256")
            .then(|| digest.trim())
    });
    let Some(claimed) = sha256 else {
        return Err(SignatureError::UnsupportedDigest {
            header: DIGEST,
            value: value.to_owned(),
        });
    };
    let claimed = STANDARD
        .decode(claimed)
        .map_err(|e| SignatureError::Malformed {
            header: DIGEST.to_owned(),
            reason: format!("the SHA-256 digest is not base64: {e}"),
        })?;
    if claimed.as_slice() == Sha256::digest(body).as_slice() {
        Ok(())
    } else {
        Err(SignatureError::DigestMismatch(DIGEST))
    }
}

/// Checks a `Content-Digest` header (an RFC 8941 dictionary of byte sequences) against the
/// body. Every `sha-256` and `sha-512` member must match; other algorithms are ignored, and a
/// header with neither is refused.
pub(super) fn check_content_digest(value: &str, body: &[u8]) -> Result<(), SignatureError> {
    let dictionary: Dictionary =
        Parser::new(value)
            .parse()
            .map_err(|e: sfv::Error| SignatureError::Malformed {
                header: CONTENT_DIGEST.to_owned(),
                reason: e.to_string(),
            })?;
    let mut checked = 0;
    for (algorithm, entry) in &dictionary {
        let expected: Vec<u8> = match algorithm.as_str() {
            "sha-256" => Sha256::digest(body).to_vec(),
            "sha-512" => Sha512::digest(body).to_vec(),
            _ => continue,
        };
        let claimed = match entry {
            ListEntry::Item(item) => match &item.bare_item {
                BareItem::ByteSequence(bytes) => bytes,
                _ => return Err(not_bytes(algorithm.as_str())),
            },
            ListEntry::InnerList(_) => return Err(not_bytes(algorithm.as_str())),
        };
        if *claimed != expected {
            return Err(SignatureError::DigestMismatch(CONTENT_DIGEST));
        }
        checked += 1;
    }
    if checked == 0 {
        return Err(SignatureError::UnsupportedDigest {
            header: CONTENT_DIGEST,
            value: value.to_owned(),
        });
    }
    Ok(())
}

fn not_bytes(algorithm: &str) -> SignatureError {
    SignatureError::Malformed {
        header: CONTENT_DIGEST.to_owned(),
        reason: format!("the {algorithm} member is not a byte sequence"),
    }
}

#[cfg(test)]
mod tests {
    use super::{check_content_digest, check_digest, content_digest_header, digest_header};
    use crate::federation::signatures::SignatureError;

    #[test]
    fn digests_we_make_are_digests_we_accept() {
        let body = br#"{"type":"Follow"}"#;
        assert_eq!(check_digest(&digest_header(body), body), Ok(()));
        assert_eq!(
            check_content_digest(&content_digest_header(body), body),
            Ok(())
        );
        assert_eq!(
            check_digest(&digest_header(body), b"{}"),
            Err(SignatureError::DigestMismatch("Digest"))
        );
        assert_eq!(
            check_content_digest(&content_digest_header(body), b"{}"),
            Err(SignatureError::DigestMismatch("Content-Digest"))
        );
    }

    #[test]
    fn lower_case_and_listed_digests_use_the_sha256_member() {
        let body = b"hello";
        let ours = digest_header(body);
        let lower = ours.replacen("SHA-256", "sha-256", 1);
        assert_eq!(check_digest(&lower, body), Ok(()));
        let listed = format!("MD5=XUFAKrxLKna5cZ2REBfFkg==, {ours}");
        assert_eq!(check_digest(&listed, body), Ok(()));
        assert!(matches!(
            check_digest("MD5=XUFAKrxLKna5cZ2REBfFkg==", body),
            Err(SignatureError::UnsupportedDigest { .. })
        ));
        assert!(matches!(
            check_digest("SHA-256=***", body),
            Err(SignatureError::Malformed { .. })
        ));
    }

    #[test]
    fn content_digest_checks_sha512_and_refuses_unknown_only() {
        // RFC 9530 appendix example: the SHA-512 digest of `{"hello": "world"}`.
        let body = br#"{"hello": "world"}"#;
        let sha512 = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";
        assert_eq!(check_content_digest(sha512, body), Ok(()));
        assert!(matches!(
            check_content_digest("md5=:XUFAKrxLKna5cZ2REBfFkg==:", body),
            Err(SignatureError::UnsupportedDigest { .. })
        ));
        assert!(matches!(
            check_content_digest("sha-256=\"abc\"", body),
            Err(SignatureError::Malformed { .. })
        ));
    }
}
