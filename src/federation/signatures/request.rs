//! The checks both signature schemes share: reading header values within size limits, the
//! `Host` rule, the ±12 h clock window for `Date` and `created`, and `expires`.

use super::{OurOrigin, SignatureError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `Signature` and `Signature-Input` longer than this are refused before parsing. A 4096-bit
/// RSA signature is 684 base64 characters; 8 KiB leaves room for long key ids and lists.
pub(super) const MAX_SIGNATURE_LEN: usize = 8 * 1024;
/// Any other header the checks read (`Date`, `Digest`, covered headers).
pub(super) const MAX_HEADER_LEN: usize = 4 * 1024;
/// More covered components than this is not a real signature.
pub(super) const MAX_COMPONENTS: usize = 32;
/// How far `Date` or `created` may be from our clock, past or future (Mastodon's window).
pub(super) const CLOCK_WINDOW: Duration = Duration::from_secs(12 * 60 * 60);

/// The value of a header that must appear at most once, as text, refused when too long.
pub(super) fn single_header<'h>(
    headers: &'h http::HeaderMap,
    name: &str,
    max: usize,
) -> Result<Option<&'h str>, SignatureError> {
    let mut values = headers.get_all(name).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(SignatureError::RepeatedHeader {
            header: name.to_owned(),
        });
    }
    check_len(name, value.len(), max)?;
    value.to_str().map(Some).map_err(|_| not_text(name))
}

/// The value of a header that may appear several times: the values trimmed and joined with
/// `", "`, as both draft-cavage and RFC 9421 §2.1 say. `None` when the header is absent.
pub(super) fn joined_header(
    headers: &http::HeaderMap,
    name: &str,
    max: usize,
) -> Result<Option<String>, SignatureError> {
    let mut joined: Option<String> = None;
    for value in headers.get_all(name) {
        let text = value.to_str().map_err(|_| not_text(name))?.trim();
        match joined.as_mut() {
            Some(joined) => {
                joined.push_str(", ");
                joined.push_str(text);
            }
            None => joined = Some(text.to_owned()),
        }
        check_len(name, joined.as_ref().map_or(0, String::len), max)?;
    }
    Ok(joined)
}

/// Checks that the request is addressed to us and returns the `Host` value as signed.
///
/// A present `Host` must equal our authority (ignoring case) and is used verbatim. HTTP/2
/// requests carry `:authority` instead, which hyper does not copy into the headers; then we
/// use our own authority, so the signature still verifies only if the sender signed our host.
pub(super) fn checked_host(
    headers: &http::HeaderMap,
    ours: &OurOrigin,
) -> Result<String, SignatureError> {
    match single_header(headers, http::header::HOST.as_str(), MAX_HEADER_LEN)? {
        Some(host) if host.trim().eq_ignore_ascii_case(ours.authority()) => {
            Ok(host.trim().to_owned())
        }
        Some(host) => Err(SignatureError::WrongHost {
            found: host.to_owned(),
            expected: ours.authority().to_owned(),
        }),
        None => Ok(ours.authority().to_owned()),
    }
}

/// Parses a covered `Date` header and checks it is within the window. An unparseable date is
/// refused, never skipped.
pub(super) fn check_date(value: &str, now: SystemTime) -> Result<(), SignatureError> {
    let date = httpdate::parse_http_date(value.trim())
        .map_err(|_| SignatureError::UnparseableDate(value.to_owned()))?;
    check_window("Date", date, now)
}

/// Checks a `created` time (Unix seconds) is within the window.
pub(super) fn check_created(created: u64, now: SystemTime) -> Result<(), SignatureError> {
    check_window(
        "created time",
        UNIX_EPOCH + Duration::from_secs(created),
        now,
    )
}

/// Refuses a signature whose `expires` time (Unix seconds) has passed.
pub(super) fn check_expires(expires: u64, now: SystemTime) -> Result<(), SignatureError> {
    let expires = UNIX_EPOCH + Duration::from_secs(expires);
    match now.duration_since(expires) {
        Ok(late) if late > Duration::ZERO => Err(SignatureError::Expired(late.as_secs())),
        _ => Ok(()),
    }
}

/// Seconds since the Unix epoch (0 for a clock set before 1970).
pub(super) fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

fn check_window(
    what: &'static str,
    time: SystemTime,
    now: SystemTime,
) -> Result<(), SignatureError> {
    let skew = match time.duration_since(now) {
        Ok(ahead) => ahead,
        Err(behind) => behind.duration(),
    };
    if skew > CLOCK_WINDOW {
        return Err(SignatureError::OutsideClockWindow {
            what,
            skew_secs: skew.as_secs(),
            max_secs: CLOCK_WINDOW.as_secs(),
        });
    }
    Ok(())
}

fn check_len(name: &str, len: usize, max: usize) -> Result<(), SignatureError> {
    if len > max {
        return Err(SignatureError::HeaderTooLong {
            header: name.to_owned(),
            len,
            max,
        });
    }
    Ok(())
}

fn not_text(name: &str) -> SignatureError {
    SignatureError::Malformed {
        header: name.to_owned(),
        reason: "the value is not visible ASCII".to_owned(),
    }
}
