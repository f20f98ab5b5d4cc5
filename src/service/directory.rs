//! What the home page shows of the instance: its member organizations, its active campaigns,
//! and the upcoming events of all its organizations, a page at a time.

use super::ServiceError;
use super::events::EventView;
use crate::state::AppState;

/// Events on one page of the home page.
pub const EVENTS_PER_PAGE: i64 = 20;
/// Campaigns shown on the home page.
const CAMPAIGNS_SHOWN: i64 = 20;

/// An organization or a campaign as a line of a list.
#[derive(Debug)]
pub struct Card {
    pub handle: String,
    pub name: String,
    pub summary: String,
}

/// The home page's lists.
#[derive(Debug)]
pub struct Directory {
    pub organizations: Vec<Card>,
    pub campaigns: Vec<Card>,
    /// Upcoming events of page `page` (from 0), soonest first.
    pub events: Vec<EventView>,
    /// Whether a next page of events exists.
    pub more_events: bool,
}

/// The home page's lists, with page `page` of the upcoming events.
pub async fn directory(app: &AppState, page: i64) -> Result<Directory, ServiceError> {
    let store = &app.store;
    let organizations = store
        .organizations()
        .await?
        .into_iter()
        .filter(|listing| listing.deleted_at.is_none())
        .map(|listing| Card {
            handle: listing.organization.handle.to_string(),
            name: listing.organization.name,
            summary: listing.organization.summary,
        })
        .collect();
    let campaigns = store
        .active_campaigns(CAMPAIGNS_SHOWN)
        .await?
        .into_iter()
        .map(|campaign| Card {
            handle: campaign.handle.to_string(),
            name: campaign.details.title,
            summary: campaign.details.summary,
        })
        .collect();
    let page = page.max(0);
    let mut events = store
        .upcoming_events(app.now(), EVENTS_PER_PAGE + 1, page * EVENTS_PER_PAGE)
        .await?;
    let more_events = events.len() as i64 > EVENTS_PER_PAGE;
    events.truncate(EVENTS_PER_PAGE as usize);
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    let mut counts = store.event_counts_of(&ids).await?;
    let events = events
        .iter()
        .map(|event| {
            let counts = counts.remove(&event.id).unwrap_or_default();
            super::events::view::view(app.urls(), event, &counts)
        })
        .collect();
    Ok(Directory {
        organizations,
        campaigns,
        events,
        more_events,
    })
}
