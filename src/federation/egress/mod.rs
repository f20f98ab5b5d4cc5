//! Egress: every outbound HTTP request the federation side makes, and the rules that keep it
//! from reaching private networks (INV-5) or trusting a document its origin did not serve (INV-1).
//!
//! - [`address`]: which IP addresses are globally routable.
//! - [`policy`]: which URLs may be requested at all.
//! - [`client`]: the HTTP client, whose resolver refuses forbidden addresses at connect time.
//! - [`fetch`]: fetching one ActivityStreams document with the checks of FEP-fe34.

pub mod address;
mod body;
pub mod client;
pub mod fetch;
pub mod policy;
#[cfg(test)]
mod test_server;

pub use address::is_forbidden;
pub use body::{MAX_JSON_BYTES, MAX_JSON_DEPTH, is_activity_json_content_type, parse_bounded};
pub use client::{
    ClientSettings, Lookup, LookupFuture, StaticLookup, SystemLookup, build_client,
    build_client_with,
};
pub use fetch::{
    ACCEPT_ACTIVITY_JSON, FetchError, FetchedDocument, SignRequest, fetch_activity_json, fetch_jrd,
};
pub use policy::{EgressError, EgressPolicy};
