//! People with local accounts.

mod create;
mod password_hash;

pub use create::{NewUserRequest, create_user};
pub use password_hash::{hash_password, verify_password};
