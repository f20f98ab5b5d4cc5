//! Password hashing with Argon2id (RFC 9106 defaults of the `argon2` crate), off the async
//! threads because one hash takes tens of milliseconds of CPU.

use super::super::ServiceError;
use crate::domain::Password;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Hashes `password` into a PHC string (`$argon2id$v=19$...`) with a fresh random salt.
pub async fn hash_password(password: Password) -> Result<String, ServiceError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.expose().as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("password hashing task failed: {e}")))?
}

/// True when `password` matches the stored PHC string `hash`.
pub async fn verify_password(password: String, hash: String) -> Result<bool, ServiceError> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| {
            ServiceError::Internal(format!("stored password hash is unreadable: {e}"))
        })?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("password check task failed: {e}")))?
}
