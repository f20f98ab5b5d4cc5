//! `CampaignStatus`: where a campaign stands.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `active` while it runs; `won`, `lost` or `closed` once over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CampaignStatus {
    Active,
    Won,
    Lost,
    Closed,
}

stored_names!(CampaignStatus {
    Active => "active",
    Won => "won",
    Lost => "lost",
    Closed => "closed",
});
