//! JSON-LD `@context` values.

use serde_json::{Value, json};

/// The ActivityStreams context.
pub const ACTIVITYSTREAMS: &str = "https://www.w3.org/ns/activitystreams";
/// The security vocabulary that defines `publicKey`.
pub const SECURITY_V1: &str = "https://w3id.org/security/v1";
/// The public addressing collection.
pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

/// The context of actor documents: ActivityStreams, security, and the extension terms Mastodon
/// reads (`manuallyApprovesFollowers`, `discoverable`, `featured`).
pub fn actor_context() -> Value {
    json!([
        ACTIVITYSTREAMS,
        SECURITY_V1,
        {
            "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
            "toot": "http://joinmastodon.org/ns#",
            "discoverable": "toot:discoverable",
            "featured": { "@id": "toot:featured", "@type": "@id" }
        }
    ])
}
