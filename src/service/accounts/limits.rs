//! How often anyone may try to sign in: per account (against guessing one person's password)
//! and per address (against trying one password on many accounts). Both count every attempt.
//! The per-address budget also covers the other anonymous requests that cost us work: signing
//! up (an Argon2 hash) and asking us to look up a visitor's server (`/interact`). An IPv6
//! address counts by its /64, which one household or one attacker usually holds whole.

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

/// The key an address counts under: itself, or its /64 for IPv6.
fn address_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(bits.into())
        }
    }
}

impl SignInLimits {
    /// Counts one attempt on `account` from `address`; `Err(wait)` when either is over budget.
    pub(super) fn attempt(&self, account: &str, address: Option<IpAddr>) -> Result<(), Duration> {
        self.from_address(address)?;
        let now = DefaultClock::default().now();
        self.per_account
            .check_key(&account.to_lowercase())
            .map_err(|not_until| not_until.wait_time_from(now))
    }

    /// Counts one costly anonymous request from `address`; `Err(wait)` when over budget.
    pub fn from_address(&self, address: Option<IpAddr>) -> Result<(), Duration> {
        let Some(address) = address else {
            return Ok(());
        };
        let now = DefaultClock::default().now();
        self.per_address
            .check_key(&address_key(address))
            .map_err(|not_until| not_until.wait_time_from(now))
    }

    /// Forgets the budgets of accounts and addresses that have been quiet (keeps memory bounded).
    pub fn forget_quiet(&self) {
        self.per_account.retain_recent();
        self.per_address.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::address_key;
    use std::net::IpAddr;

    #[test]
    fn an_ipv6_network_counts_as_one_address() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("an address");
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().expect("an address");
        let other: IpAddr = "2001:db8:1:3::1".parse().expect("an address");
        assert_eq!(address_key(a), address_key(b));
        assert_ne!(address_key(a), address_key(other));
        let v4: IpAddr = "192.0.2.7".parse().expect("an address");
        assert_eq!(address_key(v4), v4);
    }
}
