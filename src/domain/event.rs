//! The closed vocabularies of events: how people join, whether the event takes place, what it is
//! about, and where a person stands. Each has the stored spelling and the one on the wire.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How people take part, as Mobilizon and FEP-8a8e name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum JoinMode {
    /// Anyone may join, up to the capacity.
    Free,
    /// Join requests wait for an organizer's approval.
    Restricted,
    /// Only invited people take part.
    Invite,
    /// People sign up elsewhere, at `external_url`.
    External,
    /// The event takes no RSVPs.
    None,
}

/// Whether the event takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Confirmed,
    Tentative,
    Cancelled,
}

/// Where a person stands with an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RsvpState {
    Going,
    Maybe,
    Declined,
    /// Asked to join a restricted event; an organizer has not decided yet.
    Pending,
    /// Refused by an organizer.
    Rejected,
}

/// Whether `text` has the shape of an FEP-8a8e / Mobilizon category (`MOVEMENTS_POLITICS`,
/// `CAUSES`, `COMMUNITY`, ...): upper-case ASCII words joined by underscores, at most 40
/// characters. The list grows across implementations, so the shape is checked, not the list.
pub fn is_event_category(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && !text.starts_with('_')
        && !text.ends_with('_')
        && text.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
}

stored_names!(JoinMode {
    Free => "free",
    Restricted => "restricted",
    Invite => "invite",
    External => "external",
    None => "none",
});

stored_names!(EventStatus {
    Confirmed => "confirmed",
    Tentative => "tentative",
    Cancelled => "cancelled",
});

stored_names!(RsvpState {
    Going => "going",
    Maybe => "maybe",
    Declined => "declined",
    Pending => "pending",
    Rejected => "rejected",
});

impl EventStatus {
    /// The iCalendar / Mobilizon `status` value.
    pub fn ical(self) -> &'static str {
        match self {
            Self::Confirmed => "CONFIRMED",
            Self::Tentative => "TENTATIVE",
            Self::Cancelled => "CANCELLED",
        }
    }

    /// The FEP-8a8e / schema.org `eventStatus` value.
    pub fn schema_org(self) -> &'static str {
        match self {
            Self::Confirmed => "EventScheduled",
            Self::Tentative => "EventTentative",
            Self::Cancelled => "EventCancelled",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{EventStatus, JoinMode, RsvpState, is_event_category};

    #[test]
    fn stored_names_round_trip_and_match_serde() {
        for mode in [
            JoinMode::Free,
            JoinMode::Restricted,
            JoinMode::Invite,
            JoinMode::External,
            JoinMode::None,
        ] {
            assert_eq!(JoinMode::from_stored(mode.as_str()), Some(mode));
            assert_eq!(
                serde_json::to_value(mode).ok(),
                Some(serde_json::Value::String(mode.as_str().to_owned()))
            );
        }
        for state in [RsvpState::Going, RsvpState::Maybe, RsvpState::Pending] {
            assert_eq!(RsvpState::from_stored(state.as_str()), Some(state));
        }
        assert_eq!(EventStatus::from_stored("postponed"), None);
        assert_eq!(EventStatus::Cancelled.ical(), "CANCELLED");
        assert!(is_event_category("MOVEMENTS_POLITICS"));
        assert!(!is_event_category("movements"));
        assert!(!is_event_category("_X"));
    }
}
