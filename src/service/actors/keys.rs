//! Generating a new actor's RSA key pair off the async threads (it takes tens of milliseconds).

use super::super::ServiceError;
use crate::db::NewActorKeys;
use crate::federation::keys::ActorKeyPair;

/// A fresh key pair in the PEM forms the store keeps.
pub struct GeneratedKeys {
    pub public_pem: String,
    pub private_pem: String,
}

impl GeneratedKeys {
    pub fn as_new(&self) -> NewActorKeys<'_> {
        NewActorKeys {
            public_pem: &self.public_pem,
            private_pem: &self.private_pem,
        }
    }
}

/// Generates an RSA-2048 key pair for a new local actor.
pub async fn generate_keys() -> Result<GeneratedKeys, ServiceError> {
    tokio::task::spawn_blocking(|| {
        let pair = ActorKeyPair::generate()?;
        Ok(GeneratedKeys {
            public_pem: pair.public_pem().to_owned(),
            private_pem: pair.private_pem()?,
        })
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("key generation task failed: {e}")))?
    .map_err(|e: crate::federation::keys::KeyError| ServiceError::Internal(e.to_string()))
}
