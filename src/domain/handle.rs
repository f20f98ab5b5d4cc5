//! `Handle`: the local name of a person or organization, the part before `@domain`.

use std::fmt;

/// Names that belong to the instance itself and may not be taken by users or organizations.
const RESERVED: &[&str] = &[
    "instance",
    "network",
    "admin",
    "api",
    "inbox",
    "outbox",
    "relay",
    "root",
    "solidarity",
    "support",
    "system",
    "www",
];

/// The instance actor's handle, one of the reserved names.
const INSTANCE_ACTOR: &str = "instance";
/// The membership registry's actor on the software co-op's instance, reserved on every instance
/// so that `network@domain` never names anything else.
const REGISTRY_ACTOR: &str = "network";

/// Longest handle accepted; Mastodon allows 30 characters, so every handle we mint fits there.
pub const MAX_HANDLE_LEN: usize = 30;

/// A validated, lower-case handle: 1–30 of `a-z`, `0-9` and `_`, not reserved.
///
/// People and organizations share one namespace so that `acct:name@domain` is never ambiguous.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Handle(String);

/// Why a handle was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HandleError {
    #[error("a handle must not be empty")]
    Empty,
    #[error("a handle may have at most {MAX_HANDLE_LEN} characters")]
    TooLong,
    #[error("a handle may contain only letters a-z, digits and '_' (found {0:?})")]
    InvalidCharacter(char),
    #[error("the handle '{0}' is reserved for the instance")]
    Reserved(String),
}

impl Handle {
    /// Parses user input; upper-case letters are folded to lower case.
    pub fn parse(input: &str) -> Result<Self, HandleError> {
        let folded = input.trim().to_ascii_lowercase();
        if folded.is_empty() {
            return Err(HandleError::Empty);
        }
        if folded.chars().count() > MAX_HANDLE_LEN {
            return Err(HandleError::TooLong);
        }
        if let Some(bad) = folded
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
        {
            return Err(HandleError::InvalidCharacter(bad));
        }
        if RESERVED.contains(&folded.as_str()) {
            return Err(HandleError::Reserved(folded));
        }
        Ok(Self(folded))
    }

    /// The handle of the instance actor (reserved, so no user or organization can take it).
    pub fn instance_actor() -> Self {
        Self(INSTANCE_ACTOR.to_owned())
    }

    /// The handle of the membership registry's actor (reserved).
    pub fn registry_actor() -> Self {
        Self(REGISTRY_ACTOR.to_owned())
    }

    /// Parses a handle named in a request (a URL path, a WebFinger resource): any valid handle,
    /// plus the reserved one of the instance actor. `None` when it cannot name a local actor.
    pub fn parse_lookup(input: &str) -> Option<Self> {
        if input == INSTANCE_ACTOR || input == REGISTRY_ACTOR {
            return Some(Self(input.to_owned()));
        }
        Self::parse(input).ok()
    }

    /// Rebuilds a handle read back from our own database, where it was validated on the way in.
    pub(crate) fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Handle({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::{Handle, HandleError};

    #[test]
    fn folds_case_and_accepts_digits_and_underscores() {
        assert_eq!(
            Handle::parse("Climate_Now_2026").map(|h| h.to_string()),
            Ok("climate_now_2026".to_owned())
        );
    }

    #[test]
    fn refuses_what_would_not_survive_a_webfinger_round_trip() {
        assert_eq!(Handle::parse(""), Err(HandleError::Empty));
        assert_eq!(
            Handle::parse("a-b"),
            Err(HandleError::InvalidCharacter('-'))
        );
        assert_eq!(
            Handle::parse("émile"),
            Err(HandleError::InvalidCharacter('é'))
        );
        assert_eq!(
            Handle::parse("a@b"),
            Err(HandleError::InvalidCharacter('@'))
        );
        assert_eq!(Handle::parse(&"x".repeat(31)), Err(HandleError::TooLong));
        assert_eq!(
            Handle::parse("Instance"),
            Err(HandleError::Reserved("instance".to_owned()))
        );
    }
}
