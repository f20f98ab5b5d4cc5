//! How often anyone may try to sign in: per account (against guessing one person's password)
//! and per address (against trying one password on many accounts). Both count every attempt.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

/// Attempts allowed at once per account, then one more every `ACCOUNT_PERIOD`.
const ACCOUNT_BURST: u32 = 10;
const ACCOUNT_PERIOD: Duration = Duration::from_secs(60);
/// Attempts allowed at once per address, then one more every `ADDRESS_PERIOD`.
const ADDRESS_BURST: u32 = 30;
const ADDRESS_PERIOD: Duration = Duration::from_secs(10);

/// The sign-in budgets of one instance (kept in memory: a restart forgets them).
#[derive(Debug)]
pub struct SignInLimits {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

fn quota(burst: u32, period: Duration) -> Quota {
    Quota::with_period(period)
        .expect("a non-zero period")
        .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN))
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            per_account: RateLimiter::keyed(quota(ACCOUNT_BURST, ACCOUNT_PERIOD)),
            per_address: RateLimiter::keyed(quota(ADDRESS_BURST, ADDRESS_PERIOD)),
        }
    }
}

impl SignInLimits {
    /// Counts one attempt on `account` from `address`; `Err(wait)` when either is over budget.
    pub(super) fn attempt(&self, account: &str, address: Option<IpAddr>) -> Result<(), Duration> {
        let now = DefaultClock::default().now();
        if let Some(address) = address {
            self.per_address
                .check_key(&address)
                .map_err(|not_until| not_until.wait_time_from(now))?;
        }
        self.per_account
            .check_key(&account.to_lowercase())
            .map_err(|not_until| not_until.wait_time_from(now))
    }
}
