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
            "featured": { "@id": "toot:featured", "@type": "@id" },
            "mz": "https://joinmobilizon.org/ns#",
            "sol": SOLIDARITY_NS,
            "events": { "@id": "mz:events", "@type": "@id" },
            "actions": { "@id": "sol:actions", "@type": "@id" },
            "posts": { "@id": "sol:posts", "@type": "@id" },
            "updates": { "@id": "sol:updates", "@type": "@id" },
            "cohosts": { "@id": "sol:cohosts", "@type": "@id" }
        }
    ])
}

/// The namespace of Solidarity's own terms (`sol:`). One IRI for every instance, so JSON-LD
/// processors read the same terms from all of them; each instance also serves the context
/// document at `/ns` (see `solidarity_terms`).
pub const SOLIDARITY_NS: &str = "https://w3id.org/solidarity/ns#";

/// Term definitions for events and actions: Mobilizon's, verbatim, so Mobilizon reads our
/// events, plus FEP-8a8e's and our own. `location` keeps its ActivityStreams meaning (Mobilizon maps it to
/// schema.org's; plain-JSON readers see the same key either way, and JSON-LD readers such as
/// Fedify then find the `Place` where ActivityStreams puts it). Inlined in every document: JSON-LD processors such as Fedify cannot
/// fetch a context URL they do not already know.
pub fn extension_terms() -> Value {
    json!({
        "sc": "http://schema.org#",
        "mz": "https://joinmobilizon.org/ns#",
        "ical": "http://www.w3.org/2002/12/cal/ical#",
        "sol": SOLIDARITY_NS,
        "timezone": { "@id": "mz:timezone", "@type": "sc:Text" },
        "joinMode": { "@id": "mz:joinMode", "@type": "mz:joinModeType" },
        "joinModeType": { "@id": "mz:joinModeType", "@type": "rdfs:Class" },
        "externalParticipationUrl": { "@id": "mz:externalParticipationUrl", "@type": "sc:URL" },
        "maximumAttendeeCapacity": "sc:maximumAttendeeCapacity",
        "remainingAttendeeCapacity": "sc:remainingAttendeeCapacity",
        "participantCount": { "@id": "mz:participantCount", "@type": "sc:Integer" },
        "participationMessage": { "@id": "mz:participationMessage", "@type": "sc:Text" },
        "isOnline": { "@id": "mz:isOnline", "@type": "sc:Boolean" },
        "category": "sc:category",
        "address": { "@id": "sc:address", "@type": "sc:PostalAddress" },
        "PostalAddress": "sc:PostalAddress",
        "streetAddress": "sc:streetAddress",
        "postalCode": "sc:postalCode",
        "addressLocality": "sc:addressLocality",
        "addressRegion": "sc:addressRegion",
        "addressCountry": "sc:addressCountry",
        "VirtualLocation": "sc:VirtualLocation",
        "eventStatus": "sc:eventStatus",
        "status": { "@id": "ical:status", "@type": "ical:status" },
        "maybeCount": { "@id": "sol:maybeCount", "@type": "sc:Integer" },
        "actionType": "sol:actionType",
        "actionStatus": "sol:actionStatus",
        "goal": { "@id": "sol:goal", "@type": "sc:Integer" },
        "goalUnit": "sol:goalUnit",
        "progress": { "@id": "sol:progress", "@type": "sc:Integer" },
        "progressByInstance": "sol:progressByInstance",
        "instance": "sol:instance",
        "targets": "sol:targets",
        "consentToContact": { "@id": "sol:consentToContact", "@type": "sc:Boolean" }
    })
}

/// The `@context` of event and action documents and of the activities that carry them.
pub fn extension_context() -> Value {
    json!([ACTIVITYSTREAMS, extension_terms()])
}

/// The context document served at `/ns`: every term Solidarity defines or reuses.
pub fn solidarity_terms() -> Value {
    let mut terms = extension_terms();
    // A campaign actor's collections, which only actor documents carry.
    if let (Some(all), Some(Value::Object(actor))) =
        (terms.as_object_mut(), actor_context().get(2).cloned())
    {
        for name in ["actions", "posts", "updates", "cohosts"] {
            if let Some(term) = actor.get(name) {
                all.insert(name.to_owned(), term.clone());
            }
        }
    }
    json!({ "@context": terms })
}
