//! How much a delivery worker sends at once: a global limit on requests in flight (in the
//! thousands: a post to followers on thousands of instances waits on their latency, not on our
//! CPU), a small limit per instance (so one large instance's backlog neither fills every slot
//! nor floods it).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The limits of one worker (one process).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeliveryLimits {
    /// Requests in flight at once, over all instances.
    pub in_flight: usize,
    /// Requests in flight at once to one instance.
    pub per_host: usize,
    /// How long a claimed row stays this worker's before another may take it: longer than a
    /// request may last (the client's timeout), or a slow one is sent twice.
    pub lease: Duration,
}

impl Default for DeliveryLimits {
    fn default() -> Self {
        Self {
            in_flight: 2048,
            per_host: 4,
            lease: Duration::from_secs(60),
        }
    }
}

impl DeliveryLimits {
    /// The default limits with at most `in_flight` requests at once.
    pub fn in_flight(in_flight: usize) -> Self {
        Self {
            in_flight: in_flight.max(1),
            ..Self::default()
        }
    }
}

/// Requests in flight per host, shared by a worker's tasks.
#[derive(Debug)]
pub struct HostSlots {
    per_host: usize,
    taken: Mutex<HashMap<String, usize>>,
}

/// One request's place in its host's limit, given back when dropped.
#[derive(Debug)]
pub struct HostSlot {
    slots: Arc<HostSlots>,
    host: String,
}

impl HostSlots {
    pub fn new(per_host: usize) -> Arc<Self> {
        Arc::new(Self {
            per_host: per_host.max(1),
            taken: Mutex::new(HashMap::new()),
        })
    }

    /// A slot for a request to `host`, unless it has as many in flight as it may.
    pub fn take(self: &Arc<Self>, host: &str) -> Option<HostSlot> {
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        let count = taken.entry(host.to_owned()).or_insert(0);
        if *count >= self.per_host {
            return None;
        }
        *count += 1;
        Some(HostSlot {
            slots: self.clone(),
            host: host.to_owned(),
        })
    }

    /// The hosts with no slot left, for the next claim to leave alone.
    pub fn busy(&self) -> Vec<String> {
        let taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        taken
            .iter()
            .filter(|(_, count)| **count >= self.per_host)
            .map(|(host, _)| host.clone())
            .collect()
    }
}

impl Drop for HostSlot {
    fn drop(&mut self) {
        let mut taken = self
            .slots
            .taken
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = taken.get_mut(&self.host) {
            *count -= 1;
            if *count == 0 {
                taken.remove(&self.host);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_gets_no_more_slots_than_its_limit_and_gets_them_back() {
        let slots = HostSlots::new(2);
        let a = slots.take("a.test").expect("first");
        let _b = slots.take("a.test").expect("second");
        assert!(slots.take("a.test").is_none(), "a third waits");
        assert_eq!(slots.busy(), ["a.test"]);
        assert!(
            slots.take("b.test").is_some(),
            "another host is not held up"
        );
        drop(a);
        assert!(slots.busy().is_empty());
        assert!(slots.take("a.test").is_some());
    }
}
