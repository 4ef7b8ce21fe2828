//! The register's speed (DESIGN §8): 100 000 simulated years of the shipped Kakao register, as
//! the app recomputes them while a rate is dragged (aim: ≤ 50 ms on 2 cores), and the same with
//! its new data center against the baseline (paired years, two registers simulated).
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use outage_cost::register::{self, analyse};
use outage_cost::sim;

fn register(c: &mut Criterion) {
    let go = AtomicBool::new(false);
    let threads = sim::default_threads();
    let kakao = register::load::load_preset("kakao-register").unwrap().unwrap();
    let with_dc = register::load::load_preset("kakao-register-new-dc").unwrap().unwrap();
    let mut group = c.benchmark_group("register, 100 000 simulated years");
    group.sample_size(20);
    group.bench_function(format!("Kakao register, {threads} thread(s), figures included"), |b| {
        b.iter(|| black_box(analyse(&kakao, Some(100_000), None, threads, &go).unwrap().risk.loss.mean));
    });
    group.bench_function(format!("Kakao with its new data center against the baseline, {threads} thread(s)"), |b| {
        b.iter(|| black_box(analyse(&with_dc, Some(100_000), None, threads, &go).unwrap().investment));
    });
    group.finish();
}

criterion_group!(benches, register);
criterion_main!(benches);
