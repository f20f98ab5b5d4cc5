//! The yardstick: how many RSA-2048 `rsa-sha256` signatures one core makes and checks per
//! second with the library the server uses (aws-lc-rs), on a signing string of the usual size.
//! Every figure of the other scenarios is also given as a share of these.

use crate::federation::keys::{ActorKeyPair, PublicKey};
use serde::Serialize;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A draft-cavage signing string of the usual size.
const MESSAGE: &[u8] = b"(request-target): post /inbox\nhost: solidarity.bench\n\
date: Mon, 07 Dec 2026 12:00:00 GMT\n\
digest: SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=";

/// Operations per second on one core.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct CryptoRates {
    pub sign_per_second: f64,
    pub verify_per_second: f64,
}

fn rate(span: Duration, mut operation: impl FnMut()) -> f64 {
    operation();
    let started = Instant::now();
    let mut count = 0_u64;
    while started.elapsed() < span {
        operation();
        count += 1;
    }
    count as f64 / started.elapsed().as_secs_f64()
}

/// Measures both rates on one thread, `span` each.
pub async fn measure(span: Duration) -> anyhow::Result<CryptoRates> {
    tokio::task::spawn_blocking(move || {
        let key = ActorKeyPair::generate()?;
        let public = PublicKey::from_pem(key.public_pem())?;
        let signature = key.sign(MESSAGE)?;
        anyhow::ensure!(
            public.verify(MESSAGE, &signature),
            "a signature must verify"
        );
        let sign_per_second = rate(span, || {
            black_box(key.sign(black_box(MESSAGE)).expect("signs"));
        });
        let verify_per_second = rate(span, || {
            black_box(public.verify(black_box(MESSAGE), black_box(&signature)));
        });
        Ok(CryptoRates {
            sign_per_second,
            verify_per_second,
        })
    })
    .await?
}
