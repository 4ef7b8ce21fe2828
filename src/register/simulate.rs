//! Simulated years (DESIGN §8): per year each entry's rate drawn (when a range), a Poisson count of
//! its outages, and for each outage an independent Monte Carlo draw of its scenario.
//!
//! All years' counts are drawn first; then, per entry, the existing engine ([`sim::run`]) draws the
//! entry's outages in runs of at most [`MAX_RUN`] and the draws are handed to the years in order.
//! Every random number is read by position from streams keyed by the seed, the entry's index and
//! the run's index, and the runs are cut where the counts say, so the same seed gives the same
//! years on any thread count (the engine's own guarantee covers the draws). Entries in other
//! currencies are converted through US dollars (their nominal `per_usd`). A scenario without
//! ranges is evaluated once and its cost reused for every outage. The engine's output columns are
//! kept per thread between runs (at most [`MAX_RUN`] samples of each output).

use std::cell::RefCell;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use super::{MAX_RATE_PER_YEAR, Resolved};
use crate::scenario::{Estimate, Field};
use crate::sim::quantile::normal_quantile;
use crate::sim::rng::{Stream, open01};
use crate::sim::{self, Job, Leaf, Output, Sampler, Samples};

/// The most outages drawn by one engine run (bounds memory whatever the years and rates).
pub const MAX_RUN: usize = 1 << 18;

/// Stream tags, so rates, counts and draws never share random words.
const RATE_STREAM: u64 = 0x5241_5445; // "RATE"
const COUNT_STREAM: u64 = 0x434F_554E; // "COUN"
const DRAW_STREAM: u64 = 0x4452_4157; // "DRAW"

thread_local! {
    /// The engine's output columns, reused by every run on this thread: the app's worker simulates
    /// again after every edit, and fresh columns would pay the memory's first-touch cost each time.
    static COLUMNS: RefCell<Samples> = RefCell::new(Samples::default());
}

/// Rates above this use the normal approximation of the Poisson count (inversion is exact below).
const POISSON_INVERSION_MAX: f64 = 500.0;

/// The simulated years of a register: one value per year, in the target currency.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Years {
    /// The year's provider cost P, summed over its outages.
    pub total: Vec<f64>,
    /// The year's combined impact, summed over its outages.
    pub combined: Vec<f64>,
    /// The year's largest single outage (provider cost); 0 in a year without one.
    pub largest: Vec<f64>,
    /// How many outages the year had.
    pub outages: Vec<u32>,
    /// Per entry, its provider cost in each year.
    pub by_entry: Vec<Vec<f64>>,
    /// Per entry, its rate in each year's draw, averaged over the years.
    pub mean_rate_by_entry: Vec<f64>,
    /// Per entry, the number of outages over all years.
    pub outages_by_entry: Vec<u64>,
    /// With insurance: the year's loss net of cover, plus the premium.
    pub net: Option<Vec<f64>>,
    /// Wall time.
    pub elapsed: Duration,
}

impl Years {
    /// How many years.
    #[must_use]
    pub fn count(&self) -> usize {
        self.total.len()
    }
}

/// Simulates `years` years of `resolved` with `seed`, in the currency whose rate to the dollar is
/// `per_usd`, on up to `threads` threads. `None` when cancelled.
#[must_use]
pub fn simulate(
    resolved: &Resolved,
    years: usize,
    seed: u64,
    per_usd: f64,
    threads: usize,
    cancel: &AtomicBool,
) -> Option<Years> {
    let started = Instant::now();
    let register = &resolved.register;
    let entries = register.entries.len();
    let mut out = Years {
        total: vec![0.0; years],
        combined: vec![0.0; years],
        largest: vec![0.0; years],
        outages: vec![0; years],
        by_entry: vec![vec![0.0; years]; entries],
        mean_rate_by_entry: vec![0.0; entries],
        outages_by_entry: vec![0; entries],
        net: None,
        elapsed: Duration::ZERO,
    };
    let deductible = register.insurance.as_ref().map_or(f64::INFINITY, |i| i.deductible_per_outage.nominal());
    let mut excess = vec![0.0; if register.insurance.is_some() { years } else { 0 }];
    for (e, (entry, scenario)) in register.entries.iter().zip(&resolved.scenarios).enumerate() {
        let rate = entry.rate(&scenario.frequency_per_year);
        let counts = counts(&rate, years, seed, e as u64, &mut out.mean_rate_by_entry[e]);
        let to_currency = per_usd / scenario.currency.per_usd.nominal();
        let job = Job::new(scenario);
        let fixed = job.uncertain().is_empty();
        let draw_stream = Stream::new(seed ^ DRAW_STREAM, e as u64);
        let mut year = 0;
        let mut run_index = 0;
        while year < years {
            // The next run: whole years, at most MAX_RUN outages (one year never has more).
            let first = year;
            let mut n = 0usize;
            while year < years && (n == 0 || n + counts[year] as usize <= MAX_RUN) {
                n += counts[year] as usize;
                year += 1;
            }
            if n == 0 {
                continue;
            }
            let draws = if fixed { 1 } else { n };
            let finished = COLUMNS.with_borrow_mut(|samples| {
                // Every draw is kept: each is an outage of some year.
                if !sim::run_columns_into(&job, draws, draw_stream.word(run_index), threads, cancel, samples) {
                    return false;
                }
                let provider = samples.column(Output::ProviderCost);
                let combined = samples.column(Output::CombinedImpact);
                let mut k = 0;
                for (y, &count) in counts.iter().enumerate().take(year).skip(first) {
                    for _ in 0..count {
                        let i = if fixed { 0 } else { k };
                        let (p, c) = (provider[i] * to_currency, combined[i] * to_currency);
                        out.total[y] += p;
                        out.combined[y] += c;
                        out.by_entry[e][y] += p;
                        out.largest[y] = out.largest[y].max(p);
                        if let Some(x) = excess.get_mut(y) {
                            *x += (p - deductible).max(0.0);
                        }
                        k += 1;
                    }
                    out.outages[y] += count;
                }
                true
            });
            if !finished {
                return None;
            }
            run_index += 1;
            out.outages_by_entry[e] += n as u64;
        }
    }
    if let Some(insurance) = &register.insurance {
        let (limit, premium) = (insurance.limit_per_year.nominal(), insurance.premium_per_year.nominal());
        out.net = Some(out.total.iter().zip(&excess).map(|(t, x)| t - x.min(limit) + premium).collect());
    }
    out.elapsed = started.elapsed();
    Some(out)
}

/// Each year's count of an entry's outages: its rate drawn per year (a range, from the same draw
/// tables as Monte Carlo) or fixed, then a Poisson count. Sets `mean_rate` to the mean rate drawn.
fn counts(rate: &Estimate, years: usize, seed: u64, entry: u64, mean_rate: &mut f64) -> Vec<u32> {
    let mut words = vec![0u64; years];
    let mut lambdas = vec![clamp_rate(rate.nominal()); years];
    if let Some(sampler) = Sampler::new(Leaf::Field(Field::FrequencyPerYear), rate) {
        Stream::new(seed ^ RATE_STREAM, entry).fill(&mut words);
        sampler.fill(&words, &mut lambdas);
        for lambda in &mut lambdas {
            *lambda = clamp_rate(*lambda);
        }
    }
    *mean_rate = if years == 0 { clamp_rate(rate.nominal()) } else { lambdas.iter().sum::<f64>() / years as f64 };
    Stream::new(seed ^ COUNT_STREAM, entry).fill(&mut words);
    lambdas.iter().zip(&words).map(|(&lambda, &bits)| poisson(lambda, open01(bits))).collect()
}

fn clamp_rate(rate: f64) -> f64 {
    if rate.is_nan() { 0.0 } else { rate.clamp(0.0, MAX_RATE_PER_YEAR) }
}

/// The Poisson(`lambda`) count whose CDF first reaches `u`: exact inversion up to
/// [`POISSON_INVERSION_MAX`], the normal approximation above.
fn poisson(lambda: f64, u: f64) -> u32 {
    if lambda <= 0.0 {
        return 0;
    }
    if lambda > POISSON_INVERSION_MAX {
        return (lambda + lambda.sqrt() * normal_quantile(u)).round().max(0.0) as u32;
    }
    let mut p = (-lambda).exp();
    let mut cdf = p;
    let mut k = 0u32;
    // The tail beyond 10·λ + 50 is far below the 2⁻⁵² resolution of u.
    let cap = (10.0 * lambda + 50.0) as u32;
    while u > cdf && k < cap {
        k += 1;
        p *= lambda / f64::from(k);
        cdf += p;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_inversion_by_hand() {
        // λ = 1: P(0) = 0.3679, P(≤1) = 0.7358, P(≤2) = 0.9197.
        assert_eq!(poisson(1.0, 0.30), 0);
        assert_eq!(poisson(1.0, 0.50), 1);
        assert_eq!(poisson(1.0, 0.80), 2);
        assert_eq!(poisson(0.0, 0.99), 0);
        assert!(poisson(1e3, 0.5).abs_diff(1000) <= 1);
    }

    #[test]
    fn poisson_counts_have_the_right_mean() {
        let mut rate = 0.0;
        let c = counts(&Estimate::Fixed(2.5), 200_000, 1, 0, &mut rate);
        let mean = c.iter().map(|&k| f64::from(k)).sum::<f64>() / c.len() as f64;
        assert!((mean - 2.5).abs() < 0.02, "{mean}");
        assert_eq!(rate, 2.5);
    }
}
