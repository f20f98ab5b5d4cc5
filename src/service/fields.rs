//! Checks shared by the inputs of events and actions: trimmed text with a length limit, links,
//! time zones and times. Each refusal names the field.

use crate::service::ServiceError;
use chrono::{DateTime, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use url::Url;

const MAX_URL_CHARS: usize = 2_000;

pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> ServiceError {
    ServiceError::Invalid {
        field,
        message: message.into(),
    }
}

/// Trims `text` and checks its length; empty becomes `None`.
pub(crate) fn optional_text(
    field: &'static str,
    text: Option<&str>,
    max: usize,
) -> Result<Option<String>, ServiceError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(invalid(field, format!("may have at most {max} characters")));
    }
    Ok(Some(text.to_owned()))
}

/// Which links a field takes besides http(s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Links {
    /// Web pages only.
    Web,
    /// Web pages and `mailto:` (sign-up by mail).
    WebOrMail,
    /// Web pages, `mailto:` and `tel:` (a call to action).
    WebMailOrPhone,
}

/// A link of the kinds `allowed`; empty becomes `None`.
pub(crate) fn link(
    field: &'static str,
    text: Option<&str>,
    allowed: Links,
) -> Result<Option<String>, ServiceError> {
    let Some(text) = optional_text(field, text, MAX_URL_CHARS)? else {
        return Ok(None);
    };
    let url = Url::parse(&text).map_err(|e| invalid(field, format!("is not a URL: {e}")))?;
    let phone = |url: &Url| {
        let number = url.path();
        number.len() >= 3
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || "+-(). ".contains(c))
    };
    match (url.scheme(), allowed) {
        ("https" | "http", _) if url.host().is_some() => Ok(Some(url.to_string())),
        ("mailto", Links::WebOrMail | Links::WebMailOrPhone) => Ok(Some(url.to_string())),
        ("tel", Links::WebMailOrPhone) if phone(&url) => Ok(Some(url.to_string())),
        _ => Err(invalid(
            field,
            match allowed {
                Links::Web => "must be an http(s) link",
                Links::WebOrMail => "must be an http(s) or mailto: link",
                Links::WebMailOrPhone => "must be an http(s), mailto: or tel: link",
            },
        )),
    }
}

/// An IANA time zone name; none when absent or blank.
pub(crate) fn parse_zone(name: Option<&str>) -> Result<Option<Tz>, ServiceError> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    name.parse().map(Some).map_err(|_| {
        invalid(
            "timezone",
            format!("'{name}' is not an IANA time zone name"),
        )
    })
}

/// The zone stored with an object: the one given, else UTC (all its times then carried an
/// offset, so nothing was read in it).
pub(crate) fn stored_zone(zone: Option<Tz>) -> String {
    zone.map_or_else(|| "UTC".to_owned(), |zone| zone.name().to_owned())
}

/// A time with an offset, or a local time read in `zone`. A local time without a zone is
/// refused rather than guessed.
pub(crate) fn instant(
    field: &'static str,
    text: &str,
    zone: Option<Tz>,
) -> Result<i64, ServiceError> {
    let text = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.timestamp_millis());
    }
    // An offset without seconds (`2026-06-13T18:00+02:00`), which RFC 3339 does not allow.
    if let Some(time) = ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"]
        .iter()
        .find_map(|format| DateTime::parse_from_str(text, format).ok())
    {
        return Ok(time.timestamp_millis());
    }
    let local = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .ok_or_else(|| {
            invalid(
                field,
                "must be a date and time such as 2026-06-13T18:00 or 2026-06-13T18:00:00+02:00",
            )
        })?;
    let Some(zone) = zone else {
        return Err(invalid(
            field,
            format!(
                "'{text}' has no UTC offset: add one (as in {}+02:00), or give `timezone` (an \
                 IANA name such as Europe/Paris) to read it as local time there",
                local.format("%Y-%m-%dT%H:%M:%S")
            ),
        ));
    };
    zone.from_local_datetime(&local)
        .earliest()
        .map(|time| time.timestamp_millis())
        .ok_or_else(|| invalid(field, format!("does not exist in {zone} (a clock change)")))
}

#[cfg(test)]
mod tests {
    use super::instant;

    #[test]
    fn times_need_an_offset_or_a_zone_and_the_hint_is_valid_input() {
        let paris: chrono_tz::Tz = "Europe/Paris".parse().expect("a zone");
        let with_seconds = instant("starts_at", "2026-06-13T18:00:00+02:00", None).ok();
        let without_seconds = instant("starts_at", "2026-06-13T18:00+02:00", None).ok();
        assert!(with_seconds.is_some());
        assert_eq!(with_seconds, without_seconds);
        assert_eq!(
            instant("starts_at", "2026-06-13T18:00", Some(paris)).ok(),
            with_seconds,
            "18:00 in Paris in June is 16:00 UTC"
        );
        let refused = instant("starts_at", "2026-06-13T18:00", None)
            .expect_err("a local time alone is refused")
            .to_string();
        assert!(refused.contains("no UTC offset"), "{refused}");
        let hint = refused
            .split("as in ")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .expect("a hint");
        assert_eq!(hint, "2026-06-13T18:00:00+02:00");
        assert!(
            instant("starts_at", hint, None).is_ok(),
            "the hint is valid input"
        );
    }
}
