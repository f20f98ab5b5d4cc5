//! Local events as ActivityPub documents, with the plain-text summary that Mastodon shows in
//! place of the content (it renders an Event as name, summary and link only).

use super::notes::{rfc3339, rfc3339_millis};
use super::protocol::context::{PUBLIC, extension_context};
use super::protocol::{
    Address, Event, EventType, Location, Place, Tombstone, TombstoneType, VirtualLocation,
};
use super::urls::Urls;
use crate::db::{DbEvent, EventCounts, EventDetails};
use crate::domain::{EventStatus, JoinMode};
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use url::Url;

/// The longest author description the summary repeats.
const SUMMARY_DESCRIPTION_CHARS: usize = 300;

/// The document of a live event with its current counts: public, copied to the host's
/// followers, times given in the event's own time zone.
pub fn local_event_document(event: &DbEvent, counts: &EventCounts, urls: &Urls) -> Event {
    let details = &event.details;
    let id = urls.event(&event.id);
    let zone = zone(&details.timezone);
    let mut location = Vec::new();
    if details.place_name.is_some() || details.place_address.is_some() || details.latitude.is_some()
    {
        location.push(Location::Place(Place {
            kind: "Place".to_owned(),
            name: details.place_name.clone(),
            address: details.place_address.clone().map(Address::Text),
            latitude: details.latitude,
            longitude: details.longitude,
        }));
    }
    if let Some(online) = event
        .details
        .online_url
        .as_deref()
        .and_then(|u| Url::parse(u).ok())
    {
        location.push(Location::Virtual(VirtualLocation {
            kind: "VirtualLocation".to_owned(),
            name: Some("Online".to_owned()),
            url: online,
        }));
    }
    let takes_rsvps = matches!(details.join_mode, JoinMode::Free | JoinMode::Restricted);
    Event {
        context: extension_context(),
        url: Some(id.clone()),
        id,
        kind: EventType::Event,
        name: details.title.clone(),
        summary: Some(event_summary(event, counts)),
        content: details.content_html.clone(),
        media_type: Some("text/html".to_owned()),
        attributed_to: urls.actor(&event.handle),
        to: vec![PUBLIC.to_owned()],
        cc: vec![urls.followers(&event.handle).to_string()],
        published: Some(rfc3339(event.created_at)),
        updated: event.updated_at.map(rfc3339_millis),
        start_time: in_zone(details.starts_at, zone).to_rfc3339(),
        end_time: Some(in_zone(details.ends_at, zone).to_rfc3339()),
        timezone: Some(details.timezone.clone()),
        is_online: Some(details.online_url.is_some() && details.place_name.is_none()),
        location,
        join_mode: Some(details.join_mode.as_str().to_owned()),
        external_participation_url: details
            .external_url
            .as_deref()
            .and_then(|u| Url::parse(u).ok()),
        maximum_attendee_capacity: details.capacity,
        remaining_attendee_capacity: details.capacity.map(|c| (c - counts.going).max(0)),
        participant_count: takes_rsvps.then_some(counts.going),
        maybe_count: takes_rsvps.then_some(counts.maybe),
        status: Some(details.status.ical().to_owned()),
        ical_status: Some(details.status.ical().to_owned()),
        event_status: Some(details.status.schema_org().to_owned()),
        category: details.category.clone(),
    }
}

/// What a deleted event's id answers.
pub fn event_tombstone(event: &DbEvent, urls: &Urls) -> Tombstone {
    Tombstone {
        context: serde_json::Value::String(super::protocol::context::ACTIVITYSTREAMS.to_owned()),
        id: urls.event(&event.id),
        kind: TombstoneType::Tombstone,
        former_type: Some("Event".to_owned()),
        deleted: event.deleted_at.map(rfc3339),
    }
}

/// The essentials in one line (when · where · who is going), then the author's description:
/// `Sat 13 Jun 2026, 18:00–20:00 CEST · Town hall, 1 Main St · 12/120 going, 3 maybe`.
pub fn event_summary(event: &DbEvent, counts: &EventCounts) -> String {
    let details = &event.details;
    let mut parts = vec![when(details)];
    let place: Vec<&str> = [
        details.place_name.as_deref(),
        details.place_address.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !place.is_empty() {
        parts.push(place.join(", "));
    }
    if details.online_url.is_some() {
        parts.push("online".to_owned());
    }
    match details.join_mode {
        JoinMode::Free | JoinMode::Restricted => {
            let mut going = match details.capacity {
                Some(capacity) => format!("{}/{capacity} going", counts.going),
                None => format!("{} going", counts.going),
            };
            if counts.maybe > 0 {
                going.push_str(&format!(", {} maybe", counts.maybe));
            }
            parts.push(going);
        }
        JoinMode::External => {
            if let Some(url) = &details.external_url {
                parts.push(format!("sign up at {url}"));
            }
        }
        JoinMode::Invite => parts.push("by invitation".to_owned()),
        JoinMode::None => {}
    }
    let mut line = parts.join(" · ");
    if details.status == EventStatus::Cancelled {
        line = format!("CANCELLED: {line}");
    } else if details.status == EventStatus::Tentative {
        line = format!("To be confirmed: {line}");
    }
    with_description(line, &details.description)
}

fn when(details: &EventDetails) -> String {
    let zone = zone(&details.timezone);
    let start = in_zone(details.starts_at, zone);
    let end = in_zone(details.ends_at, zone);
    if start.date_naive() == end.date_naive() {
        format!(
            "{}–{} {}",
            start.format("%a %-d %b %Y, %H:%M"),
            end.format("%H:%M"),
            end.format("%Z")
        )
    } else {
        format!(
            "{} – {} {}",
            start.format("%a %-d %b %Y, %H:%M"),
            end.format("%a %-d %b %Y, %H:%M"),
            end.format("%Z")
        )
    }
}

/// The event's zone; events are validated on the way in, so an unknown name means a newer
/// binary stored it and UTC is the honest fallback.
/// `line`, then a blank line and the author's description (shortened), if there is one.
pub(crate) fn with_description(line: String, description: &str) -> String {
    let description = description.trim();
    if description.is_empty() {
        return line;
    }
    let short: String = description
        .chars()
        .take(SUMMARY_DESCRIPTION_CHARS)
        .collect();
    let ellipsis = if short.len() < description.len() {
        "…"
    } else {
        ""
    };
    format!("{line}\n\n{short}{ellipsis}")
}

pub(crate) fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

pub(crate) fn in_zone(millis: i64, zone: Tz) -> DateTime<Tz> {
    zone.from_utc_datetime(
        &DateTime::<Utc>::from_timestamp_millis(millis)
            .unwrap_or_default()
            .naive_utc(),
    )
}
