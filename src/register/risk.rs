//! What simulated years say (DESIGN §8): the annual loss's mean and percentiles, the tail value at
//! risk, the exceedance curves of the year's total and of its largest outage, each entry's share
//! of the mean and of the worst years, the tolerance check and, with a mitigation, the investment
//! case from paired years. One home for these figures: the command line, the report and the app
//! all read [`Analysis`].
//!
//! Percentiles follow numpy's linear rule. The worst 5% of years are the `⌈5% · years⌉` largest
//! totals. Exceedance curves are `P(loss > x)` on a logarithmic grid of losses; a register whose
//! years cost nothing has empty curves.

use std::sync::atomic::AtomicBool;

use serde::Serialize;

pub use super::curves::ToleranceCheck;
use super::curves::{exceedance_on, grid, tolerance_check};
use super::{Resolved, Years, simulate};

/// The share of years in the tail: tail value at risk is the mean of the worst 5%.
pub const TAIL_SHARE: f64 = 0.05;

/// Figures of a year's loss.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Annual {
    /// Mean.
    pub mean: f64,
    /// Standard deviation.
    pub std_dev: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median: a typical year.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile: a 1-in-20 year.
    pub p95: f64,
    /// 99th percentile: a 1-in-100 year.
    pub p99: f64,
    /// Tail value at risk: the mean of the worst 5% of years.
    pub tvar95: f64,
}

impl Annual {
    /// The figures of `values` (all zero when there are none).
    #[must_use]
    pub fn of(values: &[f64]) -> Self {
        if values.is_empty() {
            return Self::default();
        }
        let mut sorted = values.to_vec();
        sorted.sort_unstable_by(f64::total_cmp);
        Self::of_sorted(&sorted)
    }

    fn of_sorted(sorted: &[f64]) -> Self {
        let n = sorted.len() as f64;
        let mean = sorted.iter().sum::<f64>() / n;
        let var = sorted.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
        let tail = tail_count(sorted.len());
        let tvar95 = sorted[sorted.len() - tail..].iter().sum::<f64>() / tail as f64;
        Self {
            mean,
            std_dev: var.sqrt(),
            p5: percentile(sorted, 5.0),
            p50: percentile(sorted, 50.0),
            p90: percentile(sorted, 90.0),
            p95: percentile(sorted, 95.0),
            p99: percentile(sorted, 99.0),
            tvar95,
        }
    }
}

/// How many years make the worst 5% (at least one).
fn tail_count(years: usize) -> usize {
    ((years as f64 * TAIL_SHARE).ceil() as usize).clamp(1, years.max(1))
}

/// numpy's linear percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = p / 100.0 * (sorted.len() - 1) as f64;
    let below = rank.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    sorted[below] + (rank - below as f64) * (sorted[above] - sorted[below])
}

/// One entry's part in the register's risk.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntryRisk {
    /// The scenario as the register names it (preset id or file).
    pub scenario: String,
    /// The scenario's title.
    pub name: String,
    /// The rate as entered: its nominal value.
    pub rate_nominal: f64,
    /// Whether the rate is a range.
    pub rate_ranged: bool,
    /// The mean rate drawn.
    pub rate_mean: f64,
    /// Mean provider cost of one of its outages, in the register's currency.
    pub mean_loss_per_outage: f64,
    /// Its mean loss per year.
    pub annual_mean: f64,
    /// Its share of the register's annual mean.
    pub share_of_mean: f64,
    /// Its share of the loss in the worst 5% of years.
    pub share_of_tail: f64,
}

/// The risk of a register over its simulated years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Risk {
    /// The register's title.
    pub name: String,
    /// The currency of every figure.
    pub currency: String,
    /// Simulated years.
    pub years: usize,
    /// The seed.
    pub seed: u64,
    /// The year's provider cost.
    pub loss: Annual,
    /// The year's combined impact.
    pub combined: Annual,
    /// The year's largest single outage.
    pub largest: Annual,
    /// With insurance: the year's loss net of cover plus the premium.
    pub net: Option<Annual>,
    /// The chance of a year without an outage.
    pub chance_no_outage: f64,
    /// Mean outages per year.
    pub mean_outages: f64,
    /// `P(year's loss > x)`.
    pub exceedance: Vec<(f64, f64)>,
    /// `P(year's largest outage > x)`.
    pub largest_exceedance: Vec<(f64, f64)>,
    /// With insurance: `P(year's net loss > x)`.
    pub net_exceedance: Option<Vec<(f64, f64)>>,
    /// Each entry's part.
    pub entries: Vec<EntryRisk>,
    /// The tolerance check, when the register gives a tolerance.
    pub tolerance: Option<ToleranceCheck>,
    /// Seconds spent simulating.
    pub seconds: f64,
}

/// The investment case: the register with its mitigation against its baseline, year by year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Investment {
    /// The baseline register's title.
    pub baseline: String,
    /// Mean annual loss without the mitigation.
    pub mean_before: f64,
    /// Mean annual loss with it.
    pub mean_after: f64,
    /// `mean_before − mean_after`.
    pub mean_saved: f64,
    /// A 1-in-20 year without and with it.
    pub p95_before: f64,
    /// A 1-in-20 year with it.
    pub p95_after: f64,
    /// Running cost plus the investment spread over its life.
    pub annual_cost: f64,
    /// `mean saved − annual cost`.
    pub net_benefit: f64,
    /// `net benefit / annual cost`; `None` when it costs nothing.
    pub roi: Option<f64>,
    /// Years until the investment is paid back by the savings net of running costs; `None` if never.
    pub payback_years: Option<f64>,
    /// The share of paired years in which the loss saved exceeds the annual cost.
    pub chance_pays_off: f64,
    /// `P(loss > x)` without the mitigation, on the same losses as `after`.
    pub before: Vec<(f64, f64)>,
    /// `P(loss > x)` with it.
    pub after: Vec<(f64, f64)>,
}

/// Everything a register's simulation gives: the figures, the investment case and the years.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The register's risk.
    pub risk: Risk,
    /// The investment case, with a mitigation whose baseline loaded.
    pub investment: Option<Investment>,
    /// The simulated years.
    pub years: Years,
    /// The baseline's years, paired with `years`.
    pub baseline_years: Option<Years>,
}

/// Simulates a register and works out its figures: `years` and `seed` override the register's.
/// `None` when cancelled.
#[must_use]
pub fn analyse(
    resolved: &Resolved,
    years: Option<usize>,
    seed: Option<u64>,
    threads: usize,
    cancel: &AtomicBool,
) -> Option<Analysis> {
    let register = &resolved.register;
    let count = years.unwrap_or(register.years as usize);
    let seed = seed.unwrap_or(register.seed);
    let per_usd = register.currency.per_usd.nominal();
    let simulated = simulate(resolved, count, seed, per_usd, threads, cancel)?;
    let risk = Risk::of(resolved, &simulated, seed);
    let baseline_years = match &resolved.baseline {
        Some(b) => Some(simulate(b, count, seed, per_usd, threads, cancel)?),
        None => None,
    };
    let investment = resolved
        .baseline
        .as_ref()
        .zip(baseline_years.as_ref())
        .map(|(b, before)| Investment::of(b.register.title(), &register.mitigation, before, &simulated));
    Some(Analysis { risk, investment, years: simulated, baseline_years })
}

impl Risk {
    /// The figures of simulated years.
    #[must_use]
    pub fn of(resolved: &Resolved, years: &Years, seed: u64) -> Self {
        let register = &resolved.register;
        let n = years.count();
        // The columns sorted side by side, one thread each.
        let (sorted, sorted_largest, combined, net_sorted) = std::thread::scope(|scope| {
            let largest = scope.spawn(|| sorted_copy(&years.largest));
            let combined = scope.spawn(|| Annual::of(&years.combined));
            let net = years.net.as_ref().map(|net| scope.spawn(|| sorted_copy(net)));
            let sorted = sorted_copy(&years.total);
            let join = |h: std::thread::ScopedJoinHandle<'_, Vec<f64>>, values: &[f64]| {
                h.join().unwrap_or_else(|_| sorted_copy(values))
            };
            let largest = join(largest, &years.largest);
            let combined = combined.join().unwrap_or_else(|_| Annual::of(&years.combined));
            let net = net.zip(years.net.as_ref()).map(|(h, values)| join(h, values));
            (sorted, largest, combined, net)
        });
        let loss = if n == 0 { Annual::default() } else { Annual::of_sorted(&sorted) };
        let grid = grid(&[&sorted, &sorted_largest]);
        // The worst 5% of years, by total.
        let mut tail: Vec<usize> = (0..n).collect();
        let tail_years = if n == 0 { 0 } else { tail_count(n) };
        if tail_years < n {
            // Worst first, ties by year: a total order, so the tail is one well-defined set.
            tail.select_nth_unstable_by(tail_years - 1, |&a, &b| {
                years.total[b].total_cmp(&years.total[a]).then(a.cmp(&b))
            });
            tail.truncate(tail_years);
        }
        let tail_total: f64 = tail.iter().map(|&y| years.total[y]).sum();
        let total_sum: f64 = years.total.iter().sum();
        let entries = register
            .entries
            .iter()
            .zip(&resolved.scenarios)
            .enumerate()
            .map(|(e, (entry, scenario))| {
                let column = &years.by_entry[e];
                let sum: f64 = column.iter().sum();
                let rate = entry.rate(&scenario.frequency_per_year);
                let outages = years.outages_by_entry[e];
                EntryRisk {
                    scenario: entry.scenario.clone(),
                    name: scenario.title().to_owned(),
                    rate_nominal: rate.nominal(),
                    rate_ranged: rate.is_uncertain(),
                    rate_mean: years.mean_rate_by_entry[e],
                    mean_loss_per_outage: if outages == 0 { 0.0 } else { sum / outages as f64 },
                    annual_mean: if n == 0 { 0.0 } else { sum / n as f64 },
                    share_of_mean: share(sum, total_sum),
                    share_of_tail: share(tail.iter().map(|&y| column[y]).sum(), tail_total),
                }
            })
            .collect();
        let exceedance = exceedance_on(&sorted, &grid);
        let tolerance = (!register.tolerance.is_empty()).then(|| tolerance_check(&register.tolerance, &sorted, &grid));
        Self {
            name: register.title().to_owned(),
            currency: register.currency.code.clone(),
            years: n,
            seed,
            loss,
            combined,
            largest: if n == 0 { Annual::default() } else { Annual::of_sorted(&sorted_largest) },
            net: net_sorted.as_ref().map(|s| if s.is_empty() { Annual::default() } else { Annual::of_sorted(s) }),
            chance_no_outage: if n == 0 {
                1.0
            } else {
                years.outages.iter().filter(|&&k| k == 0).count() as f64 / n as f64
            },
            mean_outages: if n == 0 {
                0.0
            } else {
                years.outages.iter().map(|&k| f64::from(k)).sum::<f64>() / n as f64
            },
            largest_exceedance: exceedance_on(&sorted_largest, &grid),
            net_exceedance: net_sorted.as_ref().map(|s| exceedance_on(s, &grid)),
            exceedance,
            entries,
            tolerance,
            seconds: years.elapsed.as_secs_f64(),
        }
    }
}

impl Investment {
    /// The investment case from paired years (year `y` of `before` and of `after` share their
    /// seeds).
    #[must_use]
    pub fn of(baseline: &str, mitigation: &crate::scenario::Mitigation, before: &Years, after: &Years) -> Self {
        let annual_cost = mitigation.annual_cost();
        let (running, investment) = (mitigation.running_cost_per_year.nominal(), mitigation.investment.nominal());
        let pairs = before.total.len().min(after.total.len());
        let wins = before.total.iter().zip(&after.total).filter(|(x, y)| *x - *y > annual_cost).count();
        let (sorted_before, sorted_after) = std::thread::scope(|scope| {
            let b = scope.spawn(|| sorted_copy(&before.total));
            let a = sorted_copy(&after.total);
            (b.join().unwrap_or_else(|_| sorted_copy(&before.total)), a)
        });
        let of = |sorted: &[f64]| if sorted.is_empty() { Annual::default() } else { Annual::of_sorted(sorted) };
        let (b, a) = (of(&sorted_before), of(&sorted_after));
        let saved = b.mean - a.mean;
        let grid = grid(&[&sorted_before, &sorted_after]);
        Self {
            baseline: baseline.to_owned(),
            mean_before: b.mean,
            mean_after: a.mean,
            mean_saved: saved,
            p95_before: b.p95,
            p95_after: a.p95,
            annual_cost,
            net_benefit: saved - annual_cost,
            roi: crate::scenario::return_on(saved, annual_cost),
            payback_years: crate::scenario::payback_years(investment, running, saved),
            chance_pays_off: if pairs == 0 { 0.0 } else { wins as f64 / pairs as f64 },
            before: exceedance_on(&sorted_before, &grid),
            after: exceedance_on(&sorted_after, &grid),
        }
    }
}

/// A sorted copy.
fn sorted_copy(values: &[f64]) -> Vec<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    sorted
}

fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annual_figures_by_hand() {
        let a = Annual::of(&[0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(a.mean, 20.0);
        assert_eq!(a.p50, 20.0);
        assert_eq!(a.p90, 36.0);
        // The worst 5% of five years is the single worst.
        assert_eq!(a.tvar95, 40.0);
        assert_eq!(Annual::of(&[]), Annual::default());
    }
}
