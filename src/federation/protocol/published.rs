//! `PublishedObject`: what the outbox needs from any object we publish to followers (an Event,
//! an action's Page) to wrap it in a `Create` or `Update`.

use super::{ActionPage, Event};
use serde::Serialize;
use serde_json::Value;
use url::Url;

/// An object we publish, with its own `@context`.
pub trait PublishedObject: Serialize + Clone {
    fn id(&self) -> &Url;
    fn attributed_to(&self) -> &Url;
    fn to(&self) -> &[String];
    fn cc(&self) -> &[String];
    /// When it last changed: `updated`, else `published`.
    fn stamp(&self) -> Option<&String>;
    /// Stamps it as changed at `updated` (RFC 3339).
    fn set_updated(&mut self, updated: String);
    /// Removes and returns the object's `@context`, for the activity to carry instead.
    fn take_context(&mut self) -> Value;
}

macro_rules! published_object {
    ($ty:ty) => {
        impl PublishedObject for $ty {
            fn id(&self) -> &Url {
                &self.id
            }
            fn attributed_to(&self) -> &Url {
                &self.attributed_to
            }
            fn to(&self) -> &[String] {
                &self.to
            }
            fn cc(&self) -> &[String] {
                &self.cc
            }
            fn stamp(&self) -> Option<&String> {
                self.updated.as_ref().or(self.published.as_ref())
            }
            fn set_updated(&mut self, updated: String) {
                self.updated = Some(updated);
            }
            fn take_context(&mut self) -> Value {
                std::mem::take(&mut self.context)
            }
        }
    };
}

published_object!(Event);
published_object!(ActionPage);
