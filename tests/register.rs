//! Registers (DESIGN §8): with fixed severities the annual loss is a sum of Poissons, so its mean,
//! variance, chance of zero and quantiles have closed forms; rates drawn from a range, currencies,
//! reproducibility on any thread count, and the mitigation's paired years.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use common::{assert_close, eval};
use outage_cost::register::{self, Register, Resolved, Years, presets, save};
use outage_cost::results::SamplePlan;
use outage_cost::scenario::presets as scenario_presets;
use outage_cost::sim::Output;

/// A fresh folder for one test's files.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("outage-cost-register-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `tests/data/flat_full_outage.ron` (no ranges) with its duration set, copied into `dir`.
fn fixed_scenario(dir: &Path, name: &str, duration_hours: f64, currency: &str) -> f64 {
    let text = std::fs::read_to_string(common::data("flat_full_outage.ron")).unwrap();
    let text = text.replace("duration_hours: 4.0", &format!("duration_hours: {duration_hours}"));
    let text = text.replace("code: \"USD\",\n        per_usd: 1.0,", currency);
    std::fs::write(dir.join(name), &text).unwrap();
    let s = outage_cost::scenario::load::parse(&text, name).unwrap();
    assert!(!outage_cost::results::has_ranges(&s));
    eval(&s).outcome.provider_cost
}

fn write_register(dir: &Path, name: &str, text: &str) -> Resolved {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    register::load_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn years(r: &Resolved, threads: usize) -> Years {
    let per_usd = r.register.currency.per_usd.nominal();
    register::simulate(r, r.register.years as usize, r.register.seed, per_usd, threads, &AtomicBool::new(false))
        .unwrap()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn variance(v: &[f64]) -> f64 {
    let m = mean(v);
    v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len() as f64
}

/// The Poisson CDF at `k`.
fn poisson_cdf(lambda: f64, k: u32) -> f64 {
    let mut p = (-lambda).exp();
    let mut cdf = p;
    for i in 1..=k {
        p *= lambda / f64::from(i);
        cdf += p;
    }
    cdf
}

#[test]
fn fixed_severities_give_a_sum_of_poissons() {
    let dir = folder("poisson");
    let c1 = fixed_scenario(&dir, "long.ron", 8.0, "code: \"USD\",\n        per_usd: 1.0,");
    let c2 = fixed_scenario(&dir, "short.ron", 0.5, "code: \"USD\",\n        per_usd: 1.0,");
    let (l1, l2) = (0.4, 1.1);
    let r = write_register(
        &dir,
        "r.ron",
        &format!(
            "(version: 1, kind: Register, entries: [(scenario: \"long.ron\", per_year: {l1}), \
             (scenario: \"short.ron\", per_year: {l2})], years: 200000, seed: 3)"
        ),
    );
    let y = years(&r, 2);
    let n = y.total.len() as f64;
    // Mean Σλc, variance Σλc², chance of no outage e^−Σλ.
    let (m, var) = (l1 * c1 + l2 * c2, l1 * c1 * c1 + l2 * c2 * c2);
    let se = (var / n).sqrt();
    assert!((mean(&y.total) - m).abs() < 4.0 * se, "mean {} vs {m} (se {se})", mean(&y.total));
    assert_close(variance(&y.total), var, 0.03, "variance");
    let p0 = (-(l1 + l2)).exp();
    let zero = y.outages.iter().filter(|&&k| k == 0).count() as f64 / n;
    assert!((zero - p0).abs() < 4.0 * (p0 * (1.0 - p0) / n).sqrt(), "{zero} vs {p0}");
    // Each entry alone is c·Poisson(λ): its quantiles are c times the Poisson's.
    let mut long: Vec<f64> = y.by_entry[0].clone();
    long.sort_by(f64::total_cmp);
    for q in [0.5, 0.9, 0.99, 0.999] {
        let k = (0..100).find(|&k| poisson_cdf(l1, k) >= q).unwrap();
        let at = long[((long.len() - 1) as f64 * q) as usize];
        assert_close(at, c1 * f64::from(k), 1e-9, &format!("quantile {q}"));
    }
    let risk = register::Risk::of(&r, &y, 3);
    assert_close(risk.chance_no_outage, zero, 1e-12, "chance of no outage");
    assert_close(risk.loss.mean, mean(&y.total), 1e-9, "mean");
    assert_close(risk.entries[0].mean_loss_per_outage, c1, 1e-9, "a fixed severity per outage");
}

#[test]
fn a_lognormal_rate_has_the_lognormal_mean() {
    let dir = folder("lognormal");
    let c = fixed_scenario(&dir, "s.ron", 4.0, "code: \"USD\",\n        per_usd: 1.0,");
    let r = write_register(
        &dir,
        "r.ron",
        "(version: 1, kind: Register, entries: [(scenario: \"s.ron\", per_year: Range90(low: 0.5, high: 2))], years: 200000, seed: 5)",
    );
    let y = years(&r, 2);
    let sigma = (2.0f64.ln() - 0.5f64.ln()) / (2.0 * 1.644_853_626_951_472_2);
    let rate_mean = (sigma * sigma / 2.0).exp();
    assert_close(mean(&y.total), c * rate_mean, 0.01, "mean of a lognormal rate");
    assert_close(y.mean_rate_by_entry[0], rate_mean, 0.01, "mean rate drawn");
}

#[test]
fn one_entry_costs_its_rate_times_the_scenarios_mean() {
    let r = register::resolve(
        register::parse("(version: 1, kind: Register, currency: (code: \"KRW\", per_usd: 1430), entries: [(scenario: \"kakao-2022\", per_year: 0.5)], years: 200000, seed: 1)", "r.ron")
            .unwrap(),
        "r.ron",
        None,
        None,
    )
    .unwrap();
    let y = years(&r, 2);
    let s = scenario_presets::find("kakao-2022").unwrap().load().unwrap();
    let samples = SamplePlan::of(&s, Some(200_000), None).run(&s, &AtomicBool::new(false)).unwrap();
    let mean_p = mean(samples.column(Output::ProviderCost));
    assert_close(mean(&y.total), 0.5 * mean_p, 0.02, "λ × mean P");
}

#[test]
fn entries_in_other_currencies_are_converted_through_the_dollar() {
    let dir = folder("currency");
    fixed_scenario(&dir, "usd.ron", 4.0, "code: \"USD\",\n        per_usd: 1.0,");
    let text = |code: &str, rate: f64| {
        format!(
            "(version: 1, kind: Register, currency: (code: \"{code}\", per_usd: {rate}), \
             entries: [(scenario: \"usd.ron\", per_year: 2)], years: 1000, seed: 9)"
        )
    };
    let usd = years(&write_register(&dir, "usd-r.ron", &text("USD", 1.0)), 1);
    let krw = years(&write_register(&dir, "krw-r.ron", &text("KRW", 1430.0)), 1);
    for (u, k) in usd.total.iter().zip(&krw.total) {
        assert_close(*k, u * 1430.0, 1e-12, "won");
    }
    // A scenario in won inside a dollar register.
    fixed_scenario(&dir, "krw.ron", 4.0, "code: \"KRW\",\n        per_usd: 1430.0,");
    let back = years(
        &write_register(
            &dir,
            "r2.ron",
            "(version: 1, kind: Register, entries: [(scenario: \"krw.ron\", per_year: 2)], years: 1000, seed: 9)",
        ),
        1,
    );
    for (u, b) in usd.total.iter().zip(&back.total) {
        assert_close(*b, u / 1430.0, 1e-12, "dollars from won");
    }
}

#[test]
fn the_same_seed_gives_the_same_bits_on_any_thread_count() {
    let r = register::load::load_preset("kakao-register").unwrap().unwrap();
    let per_usd = r.register.currency.per_usd.nominal();
    let run = |threads| register::simulate(&r, 20_000, 11, per_usd, threads, &AtomicBool::new(false)).unwrap();
    let (one, two, four) = (run(1), run(2), run(4));
    let bits = |y: &Years| y.total.iter().chain(&y.combined).map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&one), bits(&two));
    assert_eq!(bits(&one), bits(&four));
    assert_eq!(one.outages, four.outages);
    let other = register::simulate(&r, 20_000, 12, per_usd, 2, &AtomicBool::new(false)).unwrap();
    assert_ne!(bits(&one), bits(&other), "another seed, other years");
}

#[test]
fn a_mitigation_is_measured_on_paired_years() {
    let after = register::load::load_preset("kakao-register-new-dc").unwrap().unwrap();
    let cancel = AtomicBool::new(false);
    let a = register::analyse(&after, Some(50_000), None, 2, &cancel).unwrap();
    let before = a.baseline_years.as_ref().unwrap();
    // Entries both registers share draw the same outages in the same years.
    assert_eq!(before.by_entry[1], a.years.by_entry[1]);
    assert_eq!(before.by_entry[2], a.years.by_entry[2]);
    let i = a.investment.as_ref().unwrap();
    let paired: f64 = before.total.iter().zip(&a.years.total).map(|(b, x)| b - x).sum::<f64>() / 50_000.0;
    assert_close(i.mean_saved, paired, 1e-9, "mean saved is the mean paired difference");
    assert!(i.mean_saved > 0.0, "the standby saves something");
    assert_close(i.annual_cost, 20e9 + 460e9 / 10.0, 1e-12, "annual cost");
    let wins = before.total.iter().zip(&a.years.total).filter(|(b, x)| *b - *x > i.annual_cost).count();
    assert_close(i.chance_pays_off, wins as f64 / 50_000.0, 1e-12, "chance it pays off");
    // The baseline alone gives the same years as its own run with the same seed.
    let baseline = register::load::load_preset("kakao-register").unwrap().unwrap();
    let alone = register::analyse(&baseline, Some(50_000), Some(after.register.seed), 2, &cancel).unwrap();
    assert_eq!(alone.years.total, before.total);
}

#[test]
fn a_mitigation_that_changes_nothing_saves_nothing_in_every_year() {
    let dir = folder("nothing");
    fixed_scenario(&dir, "s.ron", 4.0, "code: \"USD\",\n        per_usd: 1.0,");
    let body = "entries: [(scenario: \"kakao-2022\", per_year: Range90(low: 0.1, high: 1)), (scenario: \"s.ron\", per_year: 0.3)], years: 5000, seed: 4";
    std::fs::write(dir.join("before.ron"), format!("(version: 1, kind: Register, {body})")).unwrap();
    let after = write_register(
        &dir,
        "after.ron",
        &format!(
            "(version: 1, kind: Register, {body}, mitigation: (baseline: \"before.ron\", running_cost_per_year: 1, investment: 0, life_years: 1))"
        ),
    );
    let a = register::analyse(&after, None, None, 2, &AtomicBool::new(false)).unwrap();
    assert_eq!(a.baseline_years.as_ref().unwrap().total, a.years.total);
    let i = a.investment.unwrap();
    assert_eq!(i.mean_saved, 0.0);
    assert_eq!(i.chance_pays_off, 0.0);
    assert_eq!(i.payback_years, None);
}

#[test]
fn insurance_covers_above_the_deductible_up_to_the_limit() {
    let dir = folder("insurance");
    let c = fixed_scenario(&dir, "s.ron", 4.0, "code: \"USD\",\n        per_usd: 1.0,");
    let r = write_register(
        &dir,
        "r.ron",
        &format!(
            "(version: 1, kind: Register, entries: [(scenario: \"s.ron\", per_year: 2)], years: 20000, seed: 2, \
             insurance: (deductible_per_outage: {}, limit_per_year: {}, premium_per_year: 100))",
            c * 0.25,
            c
        ),
    );
    let y = years(&r, 1);
    for (&total, (&net, &k)) in y.total.iter().zip(y.net.as_ref().unwrap().iter().zip(&y.outages)) {
        let covered = (f64::from(k) * c * 0.75).min(c);
        assert_close(net, total - covered + 100.0, 1e-9, "net of cover");
    }
}

#[test]
fn every_shipped_register_loads_is_documented_and_round_trips() {
    let dir = folder("shipped");
    for p in presets::REGISTERS {
        let r = register::load::load_preset(p.id).unwrap().unwrap_or_else(|e| panic!("{e}"));
        let reg = &r.register;
        assert!(!reg.name.is_empty() && !reg.description.is_empty(), "{}", p.id);
        assert!(!reg.sources.is_empty() && !reg.assumptions.is_empty(), "{}", p.id);
        assert!(reg.sources.iter().all(|s| s.url.starts_with("https://")), "{}", p.id);
        assert!(reg.entries.len() >= 2, "{}: several causes", p.id);
        let path = dir.join(p.file_name());
        save::save_file(reg, &path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let again: Register = register::parse(&text, "again.ron").unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(&again, reg, "{} changed on the way through a file", p.id);
    }
}

#[test]
fn the_kakao_register_tells_which_cause_drives_the_tail_and_whether_the_new_data_center_pays() {
    let cancel = AtomicBool::new(false);
    let r = register::load::load_preset("kakao-register").unwrap().unwrap();
    let a = register::analyse(&r, Some(50_000), None, 2, &cancel).unwrap();
    let fire = &a.risk.entries[0];
    assert!(fire.share_of_tail > 0.8, "the fire drives the worst years: {}", fire.share_of_tail);
    assert!(fire.share_of_tail > fire.share_of_mean);
    assert!(a.risk.loss.p95 > a.risk.loss.p50 && a.risk.loss.tvar95 >= a.risk.loss.p95);
    let t = a.risk.tolerance.as_ref().unwrap();
    assert!(!t.within, "without the new data center the tolerance is exceeded");
    let after = register::load::load_preset("kakao-register-new-dc").unwrap().unwrap();
    let b = register::analyse(&after, Some(50_000), None, 2, &cancel).unwrap();
    assert!(b.risk.tolerance.as_ref().unwrap().within, "with it the risk is within the tolerance");
    let i = b.investment.unwrap();
    assert!(i.p95_after < i.p95_before);
}

#[test]
fn a_register_naming_itself_is_refused() {
    let dir = folder("self");
    std::fs::write(
        dir.join("a.ron"),
        "(version: 1, kind: Register, entries: [], mitigation: (baseline: \"b.ron\", running_cost_per_year: 1, investment: 0, life_years: 1))",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.ron"),
        "(version: 1, kind: Register, entries: [], mitigation: (baseline: \"a.ron\", running_cost_per_year: 1, investment: 0, life_years: 1))",
    )
    .unwrap();
    let err = register::load_file(&dir.join("a.ron")).unwrap_err().to_string();
    assert!(err.contains("mitigation.baseline") && err.contains("names it through its own baseline"), "{err}");
}
