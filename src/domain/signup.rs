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
    /// Anyone may sign up; the account works once an administrator approves it.
    Approval,
    /// Only people with an invitation link from an administrator may sign up.
    Invitation,
    /// Only administrators create accounts; the sign-up page says so.
    #[default]
    Closed,
}

impl fmt::Display for SignupPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Open => "open",
            Self::Approval => "approval",
            Self::Invitation => "invitation",
            Self::Closed => "closed",
        })
    }
}
