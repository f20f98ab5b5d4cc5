//! Delivery: workers drain the durable queue of `deliveries` rows, signing each request at send
//! time, retrying with backoff, and keeping per-instance health.

mod attempt;
mod backoff;
mod limits;
mod recorder;
mod worker;

pub use backoff::{RETRY_HORIZON_MS, next_attempt};
pub use limits::DeliveryLimits;
pub use recorder::DeliveryReport;
pub use worker::DeliveryWorker;
