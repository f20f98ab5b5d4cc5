//! API tokens: bearer secrets for the JSON API. Only their SHA-256 is stored, so a leaked
//! database does not leak working tokens; tokens have 256 random bits, so no slow hash is needed.

mod authenticate;
mod issue;
mod own;
mod revoke;

pub use authenticate::{Caller, authenticate};
pub use issue::{IssuedToken, issue_token};
pub use own::{OwnToken, make_own_token, own_tokens, revoke_own_token};
pub use revoke::{revoke_token, tokens};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// Every token starts with this, so secret scanners and people can recognise one.
pub const TOKEN_PREFIX: &str = "sol_";

/// The stored form of a presented token.
pub(crate) fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}
