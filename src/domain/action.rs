//! The closed vocabularies of actions: what kind of action it is (the Action Network / OSDI
//! vocabulary activists know) and whether it still takes part.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What people are asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActionKind {
    Petition,
    Letter,
    Call,
    Email,
    Protest,
    Outreach,
    Donation,
    Other,
}

/// Whether the action takes part: `open`, or over (`closed`, `won`, `lost`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    Open,
    Closed,
    Won,
    Lost,
}

stored_names!(ActionKind {
    Petition => "petition",
    Letter => "letter",
    Call => "call",
    Email => "email",
    Protest => "protest",
    Outreach => "outreach",
    Donation => "donation",
    Other => "other",
});

stored_names!(ActionStatus {
    Open => "open",
    Closed => "closed",
    Won => "won",
    Lost => "lost",
});

impl ActionKind {
    /// What one participation counts as, when the organization names no unit.
    pub fn default_unit(self) -> &'static str {
        match self {
            Self::Petition => "signatures",
            Self::Letter => "letters",
            Self::Call => "calls",
            Self::Email => "emails",
            Self::Protest | Self::Outreach | Self::Other => "participants",
            Self::Donation => "donors",
        }
    }

    /// The verb on the button and in the summary.
    pub fn verb(self) -> &'static str {
        match self {
            Self::Petition => "Sign",
            Self::Letter => "Send a letter",
            Self::Call => "Call",
            Self::Email => "Send an email",
            Self::Protest => "Join the protest",
            Self::Outreach => "Take part",
            Self::Donation => "Donate",
            Self::Other => "Take part",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ActionKind, ActionStatus};

    #[test]
    fn stored_names_round_trip_and_match_serde() {
        for kind in [ActionKind::Petition, ActionKind::Call, ActionKind::Donation] {
            assert_eq!(ActionKind::from_stored(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_value(kind).ok(),
                Some(serde_json::Value::String(kind.as_str().to_owned()))
            );
        }
        assert_eq!(ActionStatus::from_stored("won"), Some(ActionStatus::Won));
        assert_eq!(ActionKind::from_stored("phonebank"), None);
    }
}
