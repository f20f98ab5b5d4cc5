//! Tests of the connect-time resolver: DNS rebinding (T26) and names resolving to every address
//! form of T25, each proved against a loopback sentinel that must see no connection.

use super::{
    ClientSettings, GuardedResolver, Lookup, LookupFuture, StaticLookup, build_client_with,
};
use crate::federation::egress::fetch::refused_host;
use crate::federation::egress::policy::{EgressError, EgressPolicy};
use crate::federation::egress::test_server::Sentinel;
use reqwest::dns::Resolve;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const PUBLIC: IpAddr = IpAddr::V4(Ipv4Addr::new(1, 1, 1, 1));
const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// A rebinding name: the first lookup answers a public address, every later one loopback.
#[derive(Default)]
struct Rebinding {
    calls: AtomicUsize,
}

impl Lookup for Rebinding {
    fn lookup(&self, _host: String) -> LookupFuture {
        let call = self.calls.fetch_add(1, Ordering::SeqCst);
        let answer = if call == 0 { PUBLIC } else { LOOPBACK };
        Box::pin(async move { Ok(vec![answer]) })
    }
}

/// Development scheme rules, but no private addresses: what the guard tests need.
fn guarded_policy() -> EgressPolicy {
    EgressPolicy {
        allow_plain_http: true,
        allow_private_addresses: false,
        allowed_private_hosts: Vec::new(),
    }
}

fn settings(lookup: Arc<dyn Lookup>) -> ClientSettings {
    ClientSettings {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(5),
        lookup,
    }
}

fn resolver(lookup: Arc<dyn Lookup>, policy: EgressPolicy) -> GuardedResolver {
    GuardedResolver {
        lookup,
        policy: Arc::new(policy),
    }
}

async fn resolve(resolver: &GuardedResolver, host: &str) -> Result<Vec<SocketAddr>, String> {
    let name = host.parse().expect("valid test name");
    match resolver.resolve(name).await {
        Ok(addrs) => Ok(addrs.collect()),
        Err(error) => match error.downcast_ref::<EgressError>() {
            Some(EgressError::NoPublicAddress(host)) => Err(host.clone()),
            _ => panic!("unexpected resolver error: {error}"),
        },
    }
}

#[tokio::test]
async fn t26_each_resolution_is_filtered() {
    let resolver = resolver(Arc::new(Rebinding::default()), guarded_policy());
    let first = resolve(&resolver, "rebind.test").await;
    assert_eq!(first, Ok(vec![SocketAddr::new(PUBLIC, 0)]));
    let second = resolve(&resolver, "rebind.test").await;
    assert_eq!(second, Err("rebind.test".to_owned()));
}

#[tokio::test]
async fn t26_rebinding_refused_at_connect_time() {
    let sentinel = Sentinel::start().await;
    let lookup = Arc::new(Rebinding::default());
    let policy = guarded_policy();
    let client = build_client_with(&policy, "test", settings(lookup.clone())).expect("client");
    let url = url::Url::parse(&format!("http://rebind.test:{}/x", sentinel.port())).expect("url");

    // A check made with a separate lookup beforehand sees only the public answer...
    assert!(policy.check_url(&url).is_ok());
    let early = lookup.lookup("rebind.test".into()).await.expect("lookup");
    assert_eq!(early, vec![PUBLIC]);

    // ...but the connector resolves again and the loopback answer is dropped there.
    let error = client.get(url).send().await.expect_err("must be refused");
    assert_eq!(refused_host(&error), Some("rebind.test".to_owned()));
    assert_eq!(lookup.calls.load(Ordering::SeqCst), 2);
    sentinel.assert_untouched().await;
}

#[tokio::test]
async fn forbidden_answers_are_dropped_from_mixed_results() {
    let lookup = StaticLookup::new().with(
        "mixed.test",
        &[LOOPBACK, PUBLIC, "10.0.0.1".parse().expect("ip")],
    );
    let resolver = resolver(Arc::new(lookup), guarded_policy());
    let kept = resolve(&resolver, "mixed.test").await;
    assert_eq!(kept, Ok(vec![SocketAddr::new(PUBLIC, 0)]));
}

#[tokio::test]
async fn allow_listed_and_development_hosts_keep_private_answers() {
    let lookup: Arc<dyn Lookup> = Arc::new(StaticLookup::new().with("remote.test", &[LOOPBACK]));
    let listed = EgressPolicy {
        allowed_private_hosts: vec!["remote.test".into()],
        ..guarded_policy()
    };
    let expected = Ok(vec![SocketAddr::new(LOOPBACK, 0)]);
    assert_eq!(
        resolve(&resolver(lookup.clone(), listed), "remote.test").await,
        expected
    );
    let development = EgressPolicy {
        allow_private_addresses: true,
        ..guarded_policy()
    };
    assert_eq!(
        resolve(&resolver(lookup, development), "REMOTE.test").await,
        expected
    );
}

#[tokio::test]
async fn lookup_failures_are_not_reported_as_refusals() {
    let resolver = resolver(Arc::new(StaticLookup::new()), guarded_policy());
    let name = "unknown.test".parse().expect("valid name");
    let error = resolver
        .resolve(name)
        .await
        .err()
        .expect("unknown name fails");
    assert!(error.downcast_ref::<EgressError>().is_none());
}

#[tokio::test]
async fn t25_names_resolving_to_forbidden_addresses_never_connect() {
    let table = [
        "127.0.0.1",
        "127.0.0.2",
        "0.0.0.0",
        "::",
        "::1",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "198.18.0.1",
        "240.0.0.1",
        "::ffff:127.0.0.1",
        "::127.0.0.1",
        "64:ff9b::7f00:1",
        "2002:7f00:1::",
        "fd00::1",
        "fe80::1",
    ];
    let sentinel = Sentinel::start().await;
    let mut lookup = StaticLookup::new();
    for (i, address) in table.iter().enumerate() {
        lookup = lookup.with(&format!("h{i}.test"), &[address.parse().expect("ip")]);
    }
    let client =
        build_client_with(&guarded_policy(), "test", settings(Arc::new(lookup))).expect("client");
    for (i, address) in table.iter().enumerate() {
        let url = format!("http://h{i}.test:{}/", sentinel.port());
        let error = client.get(url).send().await.expect_err("must be refused");
        assert_eq!(
            refused_host(&error),
            Some(format!("h{i}.test")),
            "{address}"
        );
    }
    sentinel.assert_untouched().await;
}
