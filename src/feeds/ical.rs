//! Events as an iCalendar feed: one `VEVENT` per event, with its id as `UID`, times in UTC,
//! place and online link, status, and the page as `URL`.

use crate::db::DbEvent;
use crate::domain::EventStatus as Status;
use crate::federation::sanitize::plain_text;
use crate::federation::urls::Urls;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

fn utc(millis: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(millis).unwrap_or_default()
}

/// A calendar named `name` holding `events`.
pub fn events_calendar(name: &str, events: &[DbEvent], urls: &Urls) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for event in events {
        let details = &event.details;
        let id = urls.event(&event.id);
        let mut entry = Event::new();
        entry
            .uid(id.as_str())
            .summary(&details.title)
            .starts(utc(details.starts_at))
            .ends(utc(details.ends_at))
            .url(id.as_str())
            .timestamp(utc(event.updated_at.unwrap_or(event.created_at)))
            .status(match details.status {
                Status::Confirmed => EventStatus::Confirmed,
                Status::Tentative => EventStatus::Tentative,
                Status::Cancelled => EventStatus::Cancelled,
            });
        let place: Vec<&str> = [
            details.place_name.as_deref(),
            details.place_address.as_deref(),
            details.online_url.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !place.is_empty() {
            entry.location(&place.join(", "));
        }
        let mut description = details.description.clone();
        // Paragraphs and breaks become line breaks before the tags go.
        let body = plain_text(
            &details
                .content_html
                .replace("</p>", "</p>\n\n")
                .replace("<br>", "\n"),
            10_000,
        );
        let body = body.trim();
        if !body.is_empty() {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(body);
        }
        if !description.is_empty() {
            entry.description(&description);
        }
        calendar.push(entry.done());
    }
    calendar.done().to_string()
}
