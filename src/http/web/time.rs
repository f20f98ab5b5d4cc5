//! Times as people read them on a page, and as date-time fields hold them: in the time zone
//! of what they are about.

/// `rfc3339` in `timezone` (an IANA name), with the day and month named in the page's language
/// `lang` (`en` or `fr`), like "Saturday 12 December 2026, 14:00"; in UTC when the zone is
/// unknown, and as given when it is no time at all.
pub fn local_in(rfc3339: &str, timezone: &str, lang: &str) -> String {
    let Ok(at) = chrono::DateTime::parse_from_rfc3339(rfc3339) else {
        return rfc3339.to_owned();
    };
    let locale = if lang == "fr" {
        chrono::Locale::fr_FR
    } else {
        chrono::Locale::en_GB
    };
    match timezone.parse::<chrono_tz::Tz>() {
        Ok(zone) => at
            .with_timezone(&zone)
            .format_localized("%A %-d %B %Y, %H:%M", locale)
            .to_string(),
        Err(_) => at
            .with_timezone(&chrono::Utc)
            .format_localized("%A %-d %B %Y, %H:%M UTC", locale)
            .to_string(),
    }
}

/// `rfc3339` as the value of a `datetime-local` field in `timezone` ("2026-12-12T14:00"); empty
/// when it is no time.
pub fn field_value(rfc3339: &str, timezone: &str) -> String {
    let Ok(at) = chrono::DateTime::parse_from_rfc3339(rfc3339) else {
        return String::new();
    };
    let format = "%Y-%m-%dT%H:%M";
    match timezone.parse::<chrono_tz::Tz>() {
        Ok(zone) => at.with_timezone(&zone).format(format).to_string(),
        Err(_) => at.with_timezone(&chrono::Utc).format(format).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{field_value, local_in};

    #[test]
    fn times_are_shown_in_the_zone_of_what_they_are_about() {
        let at = "2026-12-12T13:00:00Z";
        assert_eq!(
            local_in(at, "Europe/Paris", "en"),
            "Saturday 12 December 2026, 14:00"
        );
        assert_eq!(
            local_in(at, "Nowhere/Atlantis", "en"),
            "Saturday 12 December 2026, 13:00 UTC"
        );
        assert_eq!(local_in("soon", "Europe/Paris", "en"), "soon");
        assert_eq!(field_value(at, "Europe/Paris"), "2026-12-12T14:00");
        assert_eq!(
            local_in(at, "Europe/Paris", "fr"),
            "samedi 12 décembre 2026, 14:00"
        );
    }
}
