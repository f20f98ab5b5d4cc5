//! `InstanceRole`: whether this instance serves a platform co-op or the software co-op.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The software co-op's instance keeps the network's membership registry and runs its votes;
/// every other instance is a platform co-op's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InstanceRole {
    #[default]
    Platform,
    Software,
}

impl fmt::Display for InstanceRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Platform => "platform",
            Self::Software => "software",
        })
    }
}
