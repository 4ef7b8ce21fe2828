//! Monte Carlo and sensitivity (DESIGN §2.4) against closed forms and an independent exact sampler.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use std::sync::atomic::AtomicBool;

use common::{assert_close, eval, parse, scenario};
use outage_cost::model::Component;
use outage_cost::scenario::{Estimate, Field, Pert, Range90};
use outage_cost::sim::rng::SplitMix64;
use outage_cost::sim::{Job, Leaf, Output, Sampler, SortBy, Summary, run, tornado};

static GO: AtomicBool = AtomicBool::new(false);

fn draws(estimate: Estimate, field: Field, n: usize) -> Vec<f64> {
    let sampler = Sampler::new(Leaf::Field(field), &estimate).unwrap();
    let mut rng = SplitMix64::new(99);
    let words: Vec<u64> = (0..n).map(|_| rng.next_u64()).collect();
    let mut out = vec![0.0; n];
    sampler.fill(&words, &mut out);
    out
}

#[test]
fn the_same_seed_gives_the_same_numbers_whatever_the_thread_count() {
    let s = scenario("payment_wallet_uncertain.ron");
    let job = Job::new(&s);
    // Threads take chunks as they become free, so which thread does what varies from run to run.
    let a = run(&job, 20_003, 42, 1, &GO).unwrap();
    for threads in [2, 7, 2, 64] {
        assert_eq!(a.columns, run(&job, 20_003, 42, threads, &GO).unwrap().columns, "{threads} threads");
    }
    let d = run(&job, 20_003, 43, 2, &GO).unwrap();
    assert_ne!(a.columns, d.columns);
    assert_eq!(a.uncertain.len(), 12, "the reference's 12 uncertain inputs");
}

#[test]
fn pert_draws_follow_the_beta_distribution() {
    // PERT(0, 1, 4): α = 2, β = 4; mean (0 + 4·1 + 4)/6 = 4/3; the Beta(2, 4) CDF is
    // F(x) = 1 − (1 − x)⁵ − 5x(1 − x)⁴, so F(P_q / 4) must be q.
    let v = draws(Estimate::Pert(Pert { min: 0.0, mode: 1.0, max: 4.0 }), Field::RecoveryTailHours, 200_000);
    let s = Summary::of(&v);
    assert_close(s.mean, 4.0 / 3.0, 0.005, "PERT mean");
    let cdf = |x: f64| 1.0 - (1.0 - x).powi(5) - 5.0 * x * (1.0 - x).powi(4);
    for (q, p) in [(0.05, s.p5), (0.5, s.p50), (0.95, s.p95)] {
        assert!((cdf(p / 4.0) - q).abs() < 0.004, "F(P{}) = {}", q * 100.0, cdf(p / 4.0));
    }
}

#[test]
fn range90_draws_are_lognormal_or_normal_with_those_bounds() {
    // Range90(2, 8): lognormal with P5 = 2, P50 = 4, P95 = 8, mean 4·exp(σ²/2), σ = ln 4 / (2·1.6449).
    let v = draws(Estimate::Range90(Range90 { low: 2.0, high: 8.0 }), Field::RecoveryTailHours, 200_000);
    let s = Summary::of(&v);
    let sigma = 4f64.ln() / (2.0 * 1.644_853_626_951_472_2);
    assert_close(s.p5, 2.0, 0.01, "P5");
    assert_close(s.p50, 4.0, 0.01, "P50");
    assert_close(s.p95, 8.0, 0.01, "P95");
    assert_close(s.mean, 4.0 * (sigma * sigma / 2.0).exp(), 0.005, "lognormal mean");
    // Range90(0, 10) is normal: median 5, P95 10 (draws below 0 are clamped to 0).
    let v = draws(Estimate::Range90(Range90 { low: 0.0, high: 10.0 }), Field::RecoveryTailHours, 200_000);
    let s = Summary::of(&v);
    assert_close(s.p50, 5.0, 0.01, "normal P50");
    assert_close(s.p95, 10.0, 0.01, "normal P95");
    assert!(v.iter().all(|x| *x >= 0.0));
}

#[test]
fn draws_stay_in_their_domain_and_the_start_hour_wraps() {
    let shares = draws(Estimate::Range90(Range90 { low: 0.5, high: 1.5 }), Field::ShareAffected, 50_000);
    assert!(shares.iter().all(|x| (0.0..=1.0).contains(x)));
    let hours = draws(Estimate::Range90(Range90 { low: 20.0, high: 30.0 }), Field::StartHour, 50_000);
    assert!(hours.iter().all(|x| (0.0..24.0).contains(x)));
    assert!(hours.iter().any(|x| *x < 4.0), "hours past midnight wrap to the morning");
}

#[test]
fn narrow_symmetric_ranges_centre_on_the_deterministic_value() {
    let mut s = scenario("flat_full_outage.ron");
    for field in
        [Field::ActiveUsers, Field::AnnualRevenue, Field::Responders, Field::LifetimeValue, Field::WorkforceCostPerHour]
    {
        let v = field.estimate(&s).nominal();
        field.set(&mut s, Estimate::Pert(Pert { min: 0.99 * v, mode: v, max: 1.01 * v })).unwrap();
    }
    let samples = run(&Job::new(&s), 20_000, 1, 2, &GO).unwrap();
    let p50 = Summary::of(samples.column(Output::ProviderCost)).p50;
    assert_close(p50, eval(&s).outcome.provider_cost, 0.002, "P50 near the deterministic cost");
}

#[test]
fn zero_samples_is_no_run_and_a_fixed_scenario_is_constant() {
    let s = scenario("flat_full_outage.ron");
    assert!(run(&Job::new(&s), 0, 1, 2, &GO).is_none());
    let samples = run(&Job::new(&s), 1000, 1, 2, &GO).unwrap();
    let p = eval(&s).outcome.provider_cost;
    assert!(samples.column(Output::ProviderCost).iter().all(|x| *x == p));
    assert!(samples.uncertain.is_empty());
}

#[test]
fn a_cancelled_run_returns_nothing() {
    let cancel = AtomicBool::new(true);
    assert!(run(&Job::new(&scenario("payment_wallet_uncertain.ron")), 100_000, 1, 2, &cancel).is_none());
}

#[test]
fn every_output_column_matches_the_model_for_its_draw() {
    // The components of every sample add up to its totals.
    let samples = run(&Job::new(&scenario("payment_wallet_uncertain.ron")), 5000, 3, 2, &GO).unwrap();
    for i in 0..samples.count {
        let c = |x: Component| samples.column(Output::Component(x))[i];
        let provider: f64 = [
            Component::LostRevenue,
            Component::Staff,
            Component::Response,
            Component::SlaCredits,
            Component::Compensation,
            Component::Churn,
            Component::Fines,
        ]
        .iter()
        .map(|&x| c(x))
        .sum();
        let p = samples.column(Output::ProviderCost)[i];
        assert!((provider - p).abs() <= 1e-9 * p, "sample {i}");
        assert!((samples.column(Output::AnnualExpectedLoss)[i] - 0.3 * p).abs() <= 1e-9 * p);
    }
}

#[test]
fn the_tornado_sorts_inputs_by_swing() {
    // C1 = 1000/h · H with H = D (flat, hard down); fines fixed 100 000.
    // Swings of P: fines ±25% → 50 000; duration PERT(9, 10, 20) → 9 000..20 000 = 11 000;
    // revenue and demand factor ±25% → 5 000 each; share affected, share dependent and failing share 0.75..1 (clamped)
    // → 2 500 each.
    let s = parse(
        "(version: 1, outage: (duration_hours: Pert(min: 9, mode: 10, max: 20)), revenue: (annual_revenue: 8760000), fines: (fixed: 100000))",
    );
    let bars = tornado(&s, SortBy::ProviderCost);
    let paths: Vec<String> = bars.iter().map(|b| b.leaf.path()).collect();
    // The demand factor (1, swung ±25%) moves C1 as much as the revenue does; ties keep file order.
    assert_eq!(&paths[..4], ["fines.fixed", "outage.duration_hours", "outage.demand_factor", "revenue.annual_revenue"]);
    assert_close(bars[0].provider_swing(), 50_000.0, 1e-12, "fines swing");
    assert_close(bars[1].provider_swing(), 11_000.0, 1e-9, "duration swing");
    assert_close(bars[2].provider_swing(), 5_000.0, 1e-9, "demand swing");
    assert_close(bars[3].provider_swing(), 5_000.0, 1e-9, "revenue swing");
    assert_eq!(bars.len(), 7);
    for bar in &bars[4..] {
        assert_close(bar.provider_swing(), 2_500.0, 1e-9, &bar.leaf.path());
    }
    // Inputs that move nothing are left out.
    assert!(!paths.iter().any(|p| p == "frequency_per_year"));
}

/// An exact sampler written independently of the engine: Beta(α, β) as a ratio of Marsaglia–Tsang
/// gamma draws, normals by Box–Muller.
struct Exact(SplitMix64);

impl Exact {
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.0.next_open01(), self.0.next_open01());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }

    fn gamma(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v > 0.0 && self.0.next_open01().ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }

    fn draw(&mut self, estimate: &Estimate) -> Option<f64> {
        match *estimate {
            Estimate::Pert(p) if p.min < p.max => {
                let span = p.max - p.min;
                let (a, b) = (1.0 + 4.0 * (p.mode - p.min) / span, 1.0 + 4.0 * (p.max - p.mode) / span);
                let (x, y) = (self.gamma(a), self.gamma(b));
                Some(p.min + span * x / (x + y))
            }
            Estimate::Range90(r) if r.low < r.high && r.low > 0.0 => {
                let (lo, hi) = (r.low.ln(), r.high.ln());
                Some((0.5 * (lo + hi) + (hi - lo) / (2.0 * 1.644_853_626_951_472_2) * self.normal()).exp())
            }
            Estimate::Range90(r) if r.low < r.high => {
                Some(0.5 * (r.low + r.high) + (r.high - r.low) / (2.0 * 1.644_853_626_951_472_2) * self.normal())
            }
            _ => None,
        }
    }
}

#[test]
fn engine_percentiles_are_within_half_a_percent_of_an_exact_million_sample_run() {
    let s = scenario("payment_wallet_uncertain.ron");
    let n = 1_000_000;
    let engine = run(&Job::new(&s), n, 42, outage_cost::sim::default_threads(), &GO).unwrap();
    // The exact run: the same model, every uncertain input drawn exactly.
    let uncertain: Vec<(Leaf, Estimate)> =
        outage_cost::sim::leaves(&s).into_iter().filter(|(_, e)| e.is_uncertain()).collect();
    let nominal = outage_cost::model::Point::nominal(&s);
    let raw = s.outage.traffic_profile.raw_weights().unwrap();
    let mut exact = Exact(SplitMix64::new(2024));
    let mut point = nominal.clone();
    let mut weights = raw;
    let (mut provider, mut ecosystem) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        for (leaf, estimate) in &uncertain {
            let v = exact.draw(estimate).unwrap();
            leaf.write(&mut point, &mut weights, leaf.fit(v));
        }
        let o = outage_cost::model::evaluate(&point);
        provider.push(o.provider_cost);
        ecosystem.push(o.ecosystem_loss);
    }
    for (output, exact_column) in [(Output::ProviderCost, &provider), (Output::EcosystemLoss, &ecosystem)] {
        let (ours, theirs) = (Summary::of(engine.column(output)), Summary::of(exact_column));
        for (name, a, b) in [
            ("mean", ours.mean, theirs.mean),
            ("P5", ours.p5, theirs.p5),
            ("P50", ours.p50, theirs.p50),
            ("P95", ours.p95, theirs.p95),
        ] {
            assert_close(a, b, 0.005, &format!("{} {name}", output.name()));
        }
    }
}
