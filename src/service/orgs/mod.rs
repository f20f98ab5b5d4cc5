//! Member organizations of the co-op.

mod create;

pub use create::{NewOrganizationRequest, create_organization};
