//! The JSON API under `/api/v1`.

pub mod follow_requests;
pub mod follows;
mod json;
pub mod me;
pub mod notes;
pub mod openapi;
pub mod social;
