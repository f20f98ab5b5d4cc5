//! The JSON API under `/api/v1`.

pub mod actions;
pub mod campaigns;
pub mod cohosts;
pub mod events;
pub mod follow_requests;
pub mod follows;
mod json;
pub mod me;
pub mod notes;
pub mod openapi;
pub mod participations;
pub mod registry;
pub mod rsvps;
pub mod social;

use crate::domain::Handle;
use crate::error::AppError;

/// The organization handle in an API path; one that cannot be a handle names no organization.
fn org_handle(text: &str) -> Result<Handle, AppError> {
    Handle::parse(text).map_err(|_| AppError::NotFound(format!("no organization named '{text}'")))
}
