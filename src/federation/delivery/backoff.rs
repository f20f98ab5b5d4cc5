//! When to retry a failed delivery: quickly at first, then spaced out, for a little over three
//! days in all (Mastodon retries for about 2–3 days; we keep trying somewhat longer).

/// Delay before attempt n+1 after n failed attempts (milliseconds).
const SCHEDULE_MS: [i64; 12] = [
    60_000,     // 1 min
    300_000,    // 5 min
    900_000,    // 15 min
    3_600_000,  // 1 h
    10_800_000, // 3 h
    21_600_000, // 6 h
    43_200_000, // 12 h, and every 12 h after that
    43_200_000, 43_200_000, 43_200_000, 43_200_000, 43_200_000,
];

/// How long a delivery is retried at least before it is given up.
pub const RETRY_HORIZON_MS: i64 = 3 * 24 * 3_600_000;

/// When to try again after `failed_attempts` failures of a delivery first queued at
/// `created_at`; `None` once the attempts are used up and the horizon has passed.
pub fn next_attempt(failed_attempts: i64, created_at: i64, now: i64) -> Option<i64> {
    let index = usize::try_from(failed_attempts.saturating_sub(1)).unwrap_or(0);
    let delay = SCHEDULE_MS.get(index).copied().or_else(|| {
        (now - created_at < RETRY_HORIZON_MS).then_some(SCHEDULE_MS[SCHEDULE_MS.len() - 1])
    })?;
    Some(now + delay)
}

#[cfg(test)]
mod tests {
    use super::{RETRY_HORIZON_MS, next_attempt};

    #[test]
    fn retries_for_more_than_three_days_then_gives_up() {
        let created = 0;
        let mut now = created;
        let mut failures = 0;
        while let Some(next) = next_attempt(failures + 1, created, now) {
            assert!(next > now);
            now = next;
            failures += 1;
            assert!(failures < 100, "the schedule ends");
        }
        assert!(
            now - created >= RETRY_HORIZON_MS,
            "gave up after {} h",
            (now - created) / 3_600_000
        );
        assert!(now - created < RETRY_HORIZON_MS + 24 * 3_600_000);
        assert_eq!(
            next_attempt(1, created, created),
            Some(60_000),
            "the first retry comes after a minute"
        );
    }
}
