//! Events as people and clients see them: the fields, the live counts per instance, and the
//! participant list organizers read. The API serialises these as they are; pages render them.

use crate::db::{DbEvent, DbRsvp, EventCounts};
use crate::domain::{EventStatus, JoinMode};
use crate::federation::events::event_summary;
use crate::federation::notes::rfc3339;
use crate::federation::urls::Urls;
use serde::Serialize;
use utoipa::ToSchema;

/// An event as the API shows it, with its live counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    pub id: String,
    /// The ActivityPub id; it is also the public page (HTML for browsers).
    pub ap_id: String,
    pub url: String,
    pub organization: String,
    pub title: String,
    pub description: String,
    pub body: String,
    pub content_html: String,
    /// The plain-text summary Mastodon users see.
    pub summary: String,
    pub starts_at: String,
    pub ends_at: String,
    pub timezone: String,
    pub place_name: Option<String>,
    pub place_address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    pub join_mode: JoinMode,
    pub external_url: Option<String>,
    pub status: EventStatus,
    pub category: Option<String>,
    pub going: i64,
    pub maybe: i64,
    pub pending: i64,
    /// People going per instance (host), largest first.
    pub going_by_instance: Vec<InstanceCount>,
}

/// How many people from one instance.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstanceCount {
    pub instance: String,
    pub count: i64,
}

impl InstanceCount {
    /// The API's form of counts per host, in their order.
    pub(crate) fn list(by_host: &[(String, i64)]) -> Vec<Self> {
        by_host
            .iter()
            .map(|(instance, count)| Self {
                instance: instance.clone(),
                count: *count,
            })
            .collect()
    }
}

pub(crate) fn view(urls: &Urls, event: &DbEvent, counts: &EventCounts) -> EventView {
    let ap_id = urls.event(&event.id).to_string();
    EventView {
        id: event.id.clone(),
        url: ap_id.clone(),
        ap_id,
        organization: event.handle.to_string(),
        title: event.details.title.clone(),
        description: event.details.description.clone(),
        body: event.details.body_markdown.clone(),
        content_html: event.details.content_html.clone(),
        summary: event_summary(event, counts),
        starts_at: rfc3339(event.details.starts_at),
        ends_at: rfc3339(event.details.ends_at),
        timezone: event.details.timezone.clone(),
        place_name: event.details.place_name.clone(),
        place_address: event.details.place_address.clone(),
        latitude: event.details.latitude,
        longitude: event.details.longitude,
        online_url: event.details.online_url.clone(),
        capacity: event.details.capacity,
        join_mode: event.details.join_mode,
        external_url: event.details.external_url.clone(),
        status: event.details.status,
        category: event.details.category.clone(),
        going: counts.going,
        maybe: counts.maybe,
        pending: counts.pending,
        going_by_instance: InstanceCount::list(&counts.going_by_host),
    }
}

/// One participant, as organizers see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantView {
    /// The participant's ActivityPub actor id.
    pub participant: String,
    pub instance: String,
    pub state: String,
    /// How the RSVP arrived: `local`, `join`, `answer` (Friendica) or `poll`.
    pub via: String,
    pub message: String,
    pub updated_at: String,
}

impl From<DbRsvp> for ParticipantView {
    fn from(rsvp: DbRsvp) -> Self {
        Self {
            participant: rsvp.participant,
            instance: rsvp.host,
            state: rsvp.state,
            via: rsvp.via,
            message: rsvp.message,
            updated_at: rfc3339(rsvp.updated_at),
        }
    }
}
