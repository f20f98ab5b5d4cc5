//! The JSON API under `/api/v1`.

mod json;
pub mod me;
pub mod notes;
pub mod openapi;
pub mod social;
