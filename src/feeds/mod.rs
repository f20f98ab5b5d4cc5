//! Feeds for calendar and feed readers: iCalendar (RFC 5545, with the `icalendar` crate) for
//! events, Atom (RFC 4287, with `atom_syndication`) for what an organization publishes. They
//! render stored objects; the HTTP layer decides which.

mod atom;
mod ical;

pub use atom::{AtomItem, atom_feed};
pub use ical::{CalendarEntry, calendar, events_calendar};
