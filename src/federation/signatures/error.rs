//! Why a request's signature was refused, or why we could not sign one. Every verification
//! failure is the sender's fault, so the inbox answers 401 with the message, never 500.

use crate::federation::keys::KeyError;

/// One reason per rule, so logs and the 401 body say exactly which rule a peer broke.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SignatureError {
    #[error("the request is not signed: no Signature header")]
    Unsigned,
    #[error("the {header} header is {len} bytes long, more than the {max} accepted")]
    HeaderTooLong {
        header: String,
        len: usize,
        max: usize,
    },
    #[error("the {header} header appears more than once")]
    RepeatedHeader { header: String },
    #[error("the {header} header is malformed: {reason}")]
    Malformed { header: String, reason: String },
    #[error("the signature has no {0} parameter")]
    MissingParameter(&'static str),
    #[error("the signature's key id is not a URL: {0}")]
    InvalidKeyId(String),
    #[error(
        "the signature algorithm {0:?} is not supported (use rsa-sha256, hs2019 or rsa-v1_5-sha256)"
    )]
    UnsupportedAlgorithm(String),
    #[error("the signature does not cover {0}")]
    NotCovered(&'static str),
    #[error("the signature covers {0:?}, which this server cannot check")]
    UnsupportedComponent(String),
    #[error("the signature covers the {0} header, which the request does not have")]
    CoveredHeaderAbsent(String),
    #[error("the signature covers {count} components, more than the {max} accepted")]
    TooManyComponents { count: usize, max: usize },
    #[error("the request is for host {found:?}, not this server ({expected:?})")]
    WrongHost { found: String, expected: String },
    #[error("the Date header {0:?} is not an HTTP date")]
    UnparseableDate(String),
    #[error(
        "the signature's {what} is {skew_secs} s away from this server's clock, more than the {max_secs} s allowed"
    )]
    OutsideClockWindow {
        what: &'static str,
        skew_secs: u64,
        max_secs: u64,
    },
    #[error("the signature expired {0} s ago")]
    Expired(u64),
    #[error("the request has a body but no {0} header")]
    DigestAbsent(&'static str),
    #[error("the {header} header lists no supported algorithm (SHA-256 or SHA-512): {value:?}")]
    UnsupportedDigest { header: &'static str, value: String },
    #[error("the {0} header does not match the body")]
    DigestMismatch(&'static str),
    #[error("the signature value is not valid base64")]
    SignatureEncoding,
    #[error("the signature does not verify with the key {0}")]
    InvalidSignature(String),
    #[error("cannot sign: {0}")]
    Sign(#[from] KeyError),
    #[error("cannot sign: {0} does not form a valid header value")]
    OutgoingHeader(&'static str),
}
