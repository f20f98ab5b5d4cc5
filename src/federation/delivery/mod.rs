//! Delivery: workers drain the durable queue of `deliveries` rows, signing each request at send
//! time, retrying with backoff, and keeping per-instance health.

mod backoff;
mod worker;

pub use backoff::{RETRY_HORIZON_MS, next_attempt};
pub use worker::{DeliveryReport, DeliveryWorker};
