//! What an organization sends to create or change an event, and its validation: every refusal
//! names the field, and nothing is stored unless all of it holds.

use crate::db::EventDetails;
use crate::domain::{EventStatus, JoinMode, is_event_category};
use crate::service::ServiceError;
use crate::service::fields::{
    Links, instant, invalid, link, optional_text, parse_zone, stored_zone,
};
use crate::service::markdown::markdown_to_html;
use serde::Deserialize;
use utoipa::ToSchema;

const MAX_TITLE_CHARS: usize = 200;
const MAX_DESCRIPTION_CHARS: usize = 1_000;
const MAX_BODY_CHARS: usize = 50_000;
const MAX_PLACE_CHARS: usize = 500;
const MAX_CAPACITY: i64 = 10_000_000;

/// An event as the API receives it (create, or replace on update).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    pub title: String,
    /// A short plain-text description, repeated in the summary Mastodon shows.
    #[serde(default)]
    pub description: String,
    /// The full text, in Markdown.
    #[serde(default)]
    pub body: String,
    /// RFC 3339 (`2026-06-13T18:00:00+02:00`), or a local time (`2026-06-13T18:00`) in
    /// `timezone`.
    pub starts_at: String,
    pub ends_at: String,
    /// IANA time zone name, e.g. `Europe/Paris`, in which local times are read. Without it
    /// every time needs an offset, and the event is kept in UTC.
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub place: Option<PlaceInput>,
    /// A link to the online room, for online and hybrid events.
    #[serde(default)]
    pub online_url: Option<String>,
    /// How many people may be going; no limit when absent.
    #[serde(default)]
    pub capacity: Option<i64>,
    #[serde(default = "free")]
    pub join_mode: JoinMode,
    /// Where people sign up when `join_mode` is `external`.
    #[serde(default)]
    pub external_url: Option<String>,
    #[serde(default = "confirmed")]
    pub status: EventStatus,
    /// An FEP-8a8e category such as `MOVEMENTS_POLITICS`.
    #[serde(default)]
    pub category: Option<String>,
}

/// Where the event takes place.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceInput {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

fn free() -> JoinMode {
    JoinMode::Free
}
fn confirmed() -> EventStatus {
    EventStatus::Confirmed
}

impl EventInput {
    /// Checks every field; the first broken rule is the error.
    pub fn validate(&self) -> Result<EventDetails, ServiceError> {
        let title = optional_text("title", Some(&self.title), MAX_TITLE_CHARS)?
            .ok_or_else(|| invalid("title", "must not be empty"))?;
        let description = optional_text(
            "description",
            Some(&self.description),
            MAX_DESCRIPTION_CHARS,
        )?
        .unwrap_or_default();
        if self.body.chars().count() > MAX_BODY_CHARS {
            return Err(invalid(
                "body",
                format!("may have at most {MAX_BODY_CHARS} characters"),
            ));
        }
        let zone = parse_zone(self.timezone.as_deref())?;
        let starts_at = instant("starts_at", &self.starts_at, zone)?;
        let ends_at = instant("ends_at", &self.ends_at, zone)?;
        if ends_at <= starts_at {
            return Err(invalid("ends_at", "must be after starts_at"));
        }
        let place = self.place.as_ref();
        let latitude = place.and_then(|p| p.latitude);
        let longitude = place.and_then(|p| p.longitude);
        if latitude.is_some() != longitude.is_some() {
            return Err(invalid("place", "latitude and longitude go together"));
        }
        if latitude.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
            return Err(invalid("place.latitude", "must be between -90 and 90"));
        }
        if longitude.is_some_and(|l| !(-180.0..=180.0).contains(&l)) {
            return Err(invalid("place.longitude", "must be between -180 and 180"));
        }
        if let Some(capacity) = self.capacity
            && !(1..=MAX_CAPACITY).contains(&capacity)
        {
            return Err(invalid(
                "capacity",
                format!("must be between 1 and {MAX_CAPACITY}"),
            ));
        }
        let external_url = link(
            "external_url",
            self.external_url.as_deref(),
            Links::WebOrMail,
        )?;
        if self.join_mode == JoinMode::External && external_url.is_none() {
            return Err(invalid(
                "external_url",
                "is required when join_mode is external",
            ));
        }
        let category = match self.category.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(category) if is_event_category(category) => Some(category.to_owned()),
            Some(other) => {
                return Err(invalid(
                    "category",
                    format!("'{other}' is not a category such as MOVEMENTS_POLITICS"),
                ));
            }
        };
        Ok(EventDetails {
            title,
            description,
            content_html: markdown_to_html(&self.body),
            body_markdown: self.body.clone(),
            starts_at,
            ends_at,
            timezone: stored_zone(zone),
            place_name: optional_text(
                "place.name",
                place.and_then(|p| p.name.as_deref()),
                MAX_PLACE_CHARS,
            )?,
            place_address: optional_text(
                "place.address",
                place.and_then(|p| p.address.as_deref()),
                MAX_PLACE_CHARS,
            )?,
            latitude,
            longitude,
            online_url: link("online_url", self.online_url.as_deref(), Links::Web)?,
            capacity: self.capacity,
            join_mode: self.join_mode,
            external_url,
            status: self.status,
            category,
        })
    }
}
