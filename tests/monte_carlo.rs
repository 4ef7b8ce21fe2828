//! Monte Carlo and sensitivity (DESIGN §2.4) against closed forms and an independent exact sampler.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use std::sync::atomic::AtomicBool;

use common::{assert_close, eval, parse, scenario};
use outage_cost::model::Component;
use outage_cost::scenario::{Estimate, Field, Pert, Range90, Scenario};
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
        let b = run(&job, 20_003, 42, threads, &GO).unwrap();
        assert_eq!((&a.columns, &a.distributions), (&b.columns, &b.distributions), "{threads} threads");
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
    // C1 = 1000/h · H with H = D (flat, hard down); fines fixed 100 000; P as entered 110 000.
    // Largest move of P either side: fines ±25% → 25 000; duration PERT(9, 10, 20) → −1 000 and
    // +10 000 → 10 000; revenue and demand factor ±25% → 2 500 each; share affected, share
    // dependent and failing share 0.75..1 (kept in [0, 1]) → 2 500 each.
    let s = parse(
        "(version: 1, outage: (duration_hours: Pert(min: 9, mode: 10, max: 20)), revenue: (annual_revenue: 8760000), fines: (fixed: 100000))",
    );
    let bars = tornado(&s, SortBy::ProviderCost);
    let paths: Vec<String> = bars.iter().map(|b| b.leaf.path()).collect();
    assert_eq!(&paths[..2], ["fines.fixed", "outage.duration_hours"]);
    assert_close(bars[0].provider_swing(), 25_000.0, 1e-12, "fines swing");
    assert_close(bars[1].provider_swing(), 10_000.0, 1e-9, "duration swing");
    assert!(paths[2..].iter().any(|p| p == "revenue.annual_revenue"));
    assert!(paths[2..].iter().any(|p| p == "outage.demand_factor"));
    assert_eq!(bars.len(), 7);
    for bar in &bars[2..] {
        assert_close(bar.provider_swing(), 2_500.0, 1e-9, &bar.leaf.path());
        assert!((0.0..=1.0).contains(&bar.inputs.0) || bar.leaf.path() == "revenue.annual_revenue");
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
        // The engine's summaries are streamed over all its samples; the exact run's are sorted.
        let (ours, theirs) = (engine.summary(output), Summary::of(exact_column));
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

#[test]
fn tornado_swings_mean_something() {
    // A start hour swings ±3 h around the clock; SLA tiers are contract terms, not swung; a start
    // time that raises the cost on both sides ranks by its larger move, not by the gap between
    // its ends.
    let s = scenario("payment_wallet_uncertain.ron");
    let bars = tornado(&s, SortBy::ProviderCost);
    assert!(!bars.iter().any(|b| b.leaf.path().starts_with("sla.tiers")));
    if let Some(start) = bars.iter().find(|b| b.leaf.path() == "outage.start_hour") {
        assert_eq!(start.inputs, (9.0, 15.0));
    }
    let keys: Vec<f64> = bars.iter().map(outage_cost::sim::Swing::provider_swing).collect();
    assert!(keys.windows(2).all(|w| w[0] >= w[1]));
    for b in &bars {
        let far = (b.provider_cost.0 - b.base.0).abs().max((b.provider_cost.1 - b.base.0).abs());
        assert_eq!(b.provider_swing(), far);
    }
    let late = parse("(version: 1, outage: (start_hour: 23, duration_hours: 2), revenue: (annual_revenue: 8760000))");
    let bars = tornado(&late, SortBy::ProviderCost);
    let start = bars.iter().find(|b| b.leaf.path() == "outage.start_hour");
    assert!(start.is_none_or(|b| b.inputs == (20.0, 2.0)), "{start:?}");
}

/// The bench scenario with duration and recovery tail, and merchants' dependence and substitution,
/// rank-correlated.
fn correlated(rank_a: f64, rank_b: f64) -> Scenario {
    let text = std::fs::read_to_string(common::data("payment_wallet_uncertain.ron")).unwrap();
    let at = text.rfind(')').unwrap();
    let extra = format!(
        "    correlations: [\n        (a: \"outage.duration_hours\", b: \"outage.recovery_tail_hours\", rank: {rank_a}),\n        (a: \"businesses[0].dependence\", b: \"businesses[0].substitution\", rank: {rank_b}),\n    ],\n"
    );
    let text = format!("{}{extra}{}", &text[..at], &text[at..]);
    outage_cost::scenario::load::parse(&text, "correlated.ron").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn rank_correlations_hold_and_each_input_keeps_its_distribution() {
    let s = correlated(0.6, -0.4);
    let job = Job::new(&s);
    let n = 100_000;
    let with = outage_cost::sim::run_keeping(&job, n, 9, 2, &GO, n).unwrap();
    let column = |samples: &outage_cost::sim::Samples, path: &str| {
        let k = samples.uncertain.iter().position(|l| l.path() == path).unwrap();
        samples.inputs[k].clone()
    };
    let (d, t) = (column(&with, "outage.duration_hours"), column(&with, "outage.recovery_tail_hours"));
    let (dep, sub) = (column(&with, "businesses[0].dependence"), column(&with, "businesses[0].substitution"));
    let rho = outage_cost::sim::spearman(&d, &t);
    assert!((rho - 0.6).abs() <= 0.02, "duration–tail {rho}");
    let rho = outage_cost::sim::spearman(&dep, &sub);
    assert!((rho + 0.4).abs() <= 0.02, "dependence–substitution {rho}");
    let rho = outage_cost::sim::spearman(&d, &dep);
    assert!(rho.abs() <= 0.02, "uncorrelated pair {rho}");
    // Each input keeps its distribution: its percentiles match the independent run's.
    let mut plain = s.clone();
    plain.correlations.clear();
    let without = outage_cost::sim::run_keeping(&Job::new(&plain), n, 9, 2, &GO, n).unwrap();
    for path in ["outage.duration_hours", "outage.recovery_tail_hours", "businesses[0].substitution"] {
        let (a, b) = (Summary::of(&column(&with, path)), Summary::of(&column(&without, path)));
        for (x, y) in [(a.p5, b.p5), (a.p50, b.p50), (a.p95, b.p95), (a.mean, b.mean)] {
            assert_close(x, y, 0.02, path);
        }
    }
    // The same bits on any thread count.
    let again = outage_cost::sim::run_keeping(&job, n, 9, 1, &GO, n).unwrap();
    assert_eq!((&with.inputs, &with.distributions), (&again.inputs, &again.distributions));
}

#[test]
fn impossible_or_unranged_correlations_are_refused_at_load() {
    let base = std::fs::read_to_string(common::data("payment_wallet_uncertain.ron")).unwrap();
    let with = |entries: &str| {
        let at = base.rfind(')').unwrap();
        format!("{}    correlations: [\n{entries}    ],\n{}", &base[..at], &base[at..])
    };
    let impossible = with(concat!(
        "        (a: \"outage.duration_hours\", b: \"outage.recovery_tail_hours\", rank: 0.9),\n",
        "        (a: \"outage.recovery_tail_hours\", b: \"outage.failure_share\", rank: 0.9),\n",
        "        (a: \"outage.duration_hours\", b: \"outage.failure_share\", rank: -0.9),\n",
    ));
    let e = outage_cost::scenario::load::parse(&impossible, "x.ron").unwrap_err().to_string();
    assert!(e.contains("outage.duration_hours") && e.contains("outage.recovery_tail_hours"), "{e}");
    assert!(e.contains("outage.failure_share") && e.contains("positive"), "{e}");
    let line = impossible.lines().position(|l| l.contains("rank: -0.9")).unwrap() + 1;
    assert!(e.starts_with(&format!("x.ron:{line}:9: correlations[2]")), "{e}");
    let fixed = with("        (a: \"outage.duration_hours\", b: \"users.usage_hours_per_day\", rank: 0.3),\n");
    let e = outage_cost::scenario::load::parse(&fixed, "x.ron").unwrap_err().to_string();
    assert!(e.contains("users.usage_hours_per_day") && e.contains("not a ranged input"), "{e}");
    let ok = with("        (a: \"outage.duration_hours\", b: \"businesses[0].dependence\", rank: 0.3),\n");
    let s = outage_cost::scenario::load::parse(&ok, "x.ron").unwrap();
    assert_eq!(s.correlations.len(), 1);
    // Saved and read back, the correlations stay.
    let text = outage_cost::scenario::save::to_ron(&s).unwrap();
    assert_eq!(outage_cost::scenario::load::parse(&text, "y.ron").unwrap().correlations, s.correlations);
}

#[test]
fn drivers_rank_the_inputs_that_spread_the_cost() {
    let s = scenario("payment_wallet_uncertain.ron");
    let samples = run(&Job::new(&s), 20_000, 42, 2, &GO).unwrap();
    let drivers = outage_cost::sim::drivers(&s, &samples);
    assert_eq!(drivers.len(), samples.uncertain.len());
    let total: f64 = drivers.iter().map(|d| d.provider_share).sum();
    assert!((total - 1.0).abs() < 1e-9);
    assert!(drivers.windows(2).all(|w| w[0].provider_share >= w[1].provider_share));
    // The duration drives most of the provider cost; the market drop none of it.
    assert_eq!(drivers[0].leaf.path(), "outage.duration_hours");
    let market = drivers.iter().find(|d| d.leaf.path() == "market.drop_share").unwrap();
    assert!(market.provider_rank.abs() < 0.03, "{market:?}");
}

#[test]
fn a_job_with_a_field_fixed_draws_as_the_scenario_with_that_field_fixed() {
    let mut scenario = outage_cost::scenario::presets::find("kakao-2022").unwrap().load().unwrap();
    assert!(scenario.outage.duration_hours.estimate().is_uncertain());
    let job = Job::new(&scenario).with_fixed(Field::DurationHours, 5.0).unwrap();
    scenario.outage.duration_hours.set(Estimate::Fixed(5.0)).unwrap();
    let cancel = AtomicBool::new(false);
    let a = run(&job, 3000, 9, 2, &cancel).unwrap();
    let b = run(&Job::new(&scenario), 3000, 9, 2, &cancel).unwrap();
    assert_eq!(a.columns, b.columns);
    assert_eq!(a.uncertain, b.uncertain);
}
