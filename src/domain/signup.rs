//! `SignupPolicy`: who may create an account on this instance from its web pages.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Whether the sign-up page creates accounts. Administrators can always create accounts with
/// `solidarity admin create-user`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignupPolicy {
    /// Anyone may sign up.
    Open,
    /// Only administrators create accounts; the sign-up page says so.
    #[default]
    Closed,
}

impl fmt::Display for SignupPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Open => "open",
            Self::Closed => "closed",
        })
    }
}
