//! The model's speed (DESIGN §7): one deterministic evaluation, a 500-point cost-vs-duration curve,
//! the tornado, and 100 000 Monte Carlo samples of the reference's 12-uncertain-input scenario on
//! one core and on every core.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use outage_cost::model::{Evaluation, Point, cost_curve, evaluate};
use outage_cost::scenario::{load, presets};
use outage_cost::sim::{self, Job, Output, SortBy, tornado};

fn model(c: &mut Criterion) {
    let kakao = presets::default_scenario();
    let point = Point::nominal(&kakao);
    c.bench_function("evaluate (one point)", |b| {
        b.iter(|| black_box(evaluate(black_box(&point))));
    });
    c.bench_function("evaluation (scenario to results)", |b| {
        b.iter(|| black_box(Evaluation::of(black_box(&kakao))));
    });
    c.bench_function("cost curve (500 points)", |b| {
        b.iter(|| black_box(cost_curve(black_box(&point), 500)));
    });
    c.bench_function("tornado", |b| {
        b.iter(|| black_box(tornado(black_box(&kakao), SortBy::ProviderCost)));
    });
}

fn monte_carlo(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/payment_wallet_uncertain.ron");
    let scenario = load::load_file(&path).unwrap();
    let job = Job::new(&scenario);
    let go = AtomicBool::new(false);
    let mut group = c.benchmark_group("monte carlo, 100 000 samples, 12 uncertain inputs");
    group.sample_size(20);
    for threads in [1, sim::default_threads()] {
        group.bench_function(format!("{threads} thread(s), every output summarised"), |b| {
            b.iter(|| {
                let samples = sim::run(&job, 100_000, 42, threads, &go).unwrap();
                black_box(Output::ALL.map(|o| samples.summary(o)))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, model, monte_carlo);
criterion_main!(benches);
