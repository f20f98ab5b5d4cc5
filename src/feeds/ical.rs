//! Events as an iCalendar feed: one `VEVENT` per event, with its id as `UID`, times in UTC,
//! place and online link, status, and the page as `URL`. Our events and those of other servers
//! (as their hosts published them) become the same `CalendarEntry`.

use crate::db::DbEvent;
use crate::domain::EventStatus as Status;
use crate::federation::protocol::{Address, Event as EventDocument, Location};
use crate::federation::sanitize::plain_text;
use crate::federation::urls::Urls;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

fn utc(millis: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(millis).unwrap_or_default()
}

/// One event as a calendar shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEntry {
    /// The event's id, also its `URL`.
    pub uid: String,
    pub title: String,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub updated: i64,
    pub status: Status,
    pub location: Option<String>,
    pub description: String,
}

/// Text of HTML for a calendar: paragraphs and breaks become line breaks before the tags go.
fn text_of(html: &str) -> String {
    plain_text(
        &html.replace("</p>", "</p>\n\n").replace("<br>", "\n"),
        10_000,
    )
    .trim()
    .to_owned()
}

fn joined(parts: &[&str], separator: &str) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(separator)
}

impl CalendarEntry {
    /// One of our events.
    pub fn of_event(event: &DbEvent, urls: &Urls) -> Self {
        let details = &event.details;
        let location = joined(
            &[
                details.place_name.as_deref().unwrap_or_default(),
                details.place_address.as_deref().unwrap_or_default(),
                details.online_url.as_deref().unwrap_or_default(),
            ],
            ", ",
        );
        Self {
            uid: urls.event(&event.id).to_string(),
            title: details.title.clone(),
            starts_at: details.starts_at,
            ends_at: Some(details.ends_at),
            updated: event.updated_at.unwrap_or(event.created_at),
            status: details.status,
            location: (!location.is_empty()).then_some(location),
            description: joined(
                &[&details.description, &text_of(&details.content_html)],
                "\n\n",
            ),
        }
    }

    /// An event of another server as its host published it (Mobilizon, Gancio, a sibling
    /// co-op); `None` when it has no readable start.
    pub fn of_document(document: &serde_json::Value) -> Option<Self> {
        let event: EventDocument = serde_json::from_value(document.clone()).ok()?;
        let millis = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|t| t.timestamp_millis())
        };
        let starts_at = millis(&event.start_time)?;
        // Mobilizon's `ical:status` (CANCELLED), FEP-8a8e's `eventStatus` (EventCancelled).
        let says = |word: &str| {
            [&event.status, &event.ical_status, &event.event_status]
                .into_iter()
                .flatten()
                .any(|s| s.to_ascii_lowercase().contains(word))
        };
        let (cancelled, tentative) = (says("cancel"), says("tentative") || says("postponed"));
        let places: Vec<String> = event
            .location
            .iter()
            .filter_map(|location| match location {
                Location::Place(place) => {
                    let address = place.address.as_ref().map(Address::to_text);
                    let parts: Vec<&str> = [place.name.as_deref(), address.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect();
                    (!parts.is_empty()).then(|| parts.join(", "))
                }
                Location::Virtual(online) => Some(online.url.to_string()),
            })
            .map(|text| plain_text(&text, 300))
            .collect();
        Some(Self {
            uid: event.id.to_string(),
            title: plain_text(&event.name, 500),
            starts_at,
            ends_at: event.end_time.as_deref().and_then(millis),
            updated: event
                .updated
                .as_deref()
                .or(event.published.as_deref())
                .and_then(millis)
                .unwrap_or(starts_at),
            status: if cancelled {
                Status::Cancelled
            } else if tentative {
                Status::Tentative
            } else {
                Status::Confirmed
            },
            location: (!places.is_empty()).then(|| places.join(", ")),
            description: joined(
                &[
                    &plain_text(event.summary.as_deref().unwrap_or_default(), 2000),
                    &text_of(&event.content),
                ],
                "\n\n",
            ),
        })
    }
}

/// A calendar named `name` holding `entries`.
pub fn calendar(name: &str, entries: &[CalendarEntry]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for item in entries {
        let mut entry = Event::new();
        entry
            .uid(&item.uid)
            .summary(&item.title)
            .starts(utc(item.starts_at))
            .url(&item.uid)
            .timestamp(utc(item.updated))
            .status(match item.status {
                Status::Confirmed => EventStatus::Confirmed,
                Status::Tentative => EventStatus::Tentative,
                Status::Cancelled => EventStatus::Cancelled,
            });
        if let Some(ends_at) = item.ends_at {
            entry.ends(utc(ends_at));
        }
        if let Some(location) = &item.location {
            entry.location(location);
        }
        if !item.description.is_empty() {
            entry.description(&item.description);
        }
        calendar.push(entry.done());
    }
    calendar.done().to_string()
}

/// A calendar named `name` holding our `events`.
pub fn events_calendar(name: &str, events: &[DbEvent], urls: &Urls) -> String {
    let entries: Vec<CalendarEntry> = events
        .iter()
        .map(|e| CalendarEntry::of_event(e, urls))
        .collect();
    calendar(name, &entries)
}

#[cfg(test)]
mod tests {
    use super::CalendarEntry;
    use crate::domain::EventStatus;
    use serde_json::json;

    fn entry(extra: serde_json::Value) -> CalendarEntry {
        let mut event = json!({
            "id": "https://mobilizon.example/events/1", "type": "Event", "name": "Dance&#13;X",
            "attributedTo": "https://mobilizon.example/@group",
            "startTime": "2026-12-11T19:00:00+00:00", "content": ""
        });
        if let (Some(event), Some(extra)) = (event.as_object_mut(), extra.as_object()) {
            event.extend(extra.clone());
        }
        CalendarEntry::of_document(&event).expect("an event")
    }

    #[test]
    fn events_of_other_servers_keep_their_status_and_lose_control_characters() {
        assert_eq!(entry(json!({})).status, EventStatus::Confirmed);
        assert_eq!(entry(json!({})).title, "DanceX");
        assert_eq!(
            entry(json!({"eventStatus": "https://schema.org/EventCancelled"})).status,
            EventStatus::Cancelled
        );
        assert_eq!(
            entry(json!({"ical:status": "TENTATIVE"})).status,
            EventStatus::Tentative
        );
        assert_eq!(entry(json!({})).ends_at, None);
    }
}
