//! The ids of activities this process stored lately, so that a retried delivery is answered
//! 202 at once, before any key is read or signature checked: nothing would change. Bounded
//! (the oldest are forgotten first); an id not remembered (after a restart, or taken by another
//! process) goes the whole way and the writer's unique id keeps it stored once.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

/// How many ids are remembered.
const CAPACITY: usize = 65_536;

#[derive(Debug, Default)]
pub struct RecentIds {
    inner: Mutex<(HashSet<String>, VecDeque<String>)>,
}

impl RecentIds {
    /// Whether `id` was stored lately.
    pub fn contains(&self, id: &str) -> bool {
        self.inner
            .lock()
            .map(|guard| guard.0.contains(id))
            .unwrap_or(false)
    }

    /// Remembers `id` as stored, forgetting the oldest beyond `CAPACITY`.
    pub fn insert(&self, id: String) {
        let Ok(mut guard) = self.inner.lock() else {
            return;
        };
        let (set, order) = &mut *guard;
        if set.insert(id.clone()) {
            order.push_back(id);
            while order.len() > CAPACITY {
                if let Some(oldest) = order.pop_front() {
                    set.remove(&oldest);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_ids_are_forgotten_first() {
        let recent = RecentIds::default();
        for n in 0..=CAPACITY {
            recent.insert(format!("https://a.example/{n}"));
        }
        assert!(!recent.contains("https://a.example/0"));
        assert!(recent.contains("https://a.example/1"));
        assert!(recent.contains(&format!("https://a.example/{CAPACITY}")));
    }
}
