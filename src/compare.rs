//! Scenarios side by side (DESIGN §4 Compare): a delta table of headline figures and components,
//! and the return on a mitigation, `(ALE before − ALE after − annual cost) / annual cost`, with its
//! payback and break-even budget. No UI: the command line, the app and the report read it.
//!
//! Scenarios in different currencies are compared in US dollars (each converted by its own rate).
//! Monte Carlo, when scenarios have ranges, runs with each scenario's seed and count; money figures
//! are then the Monte Carlo means with their P5–P95 (DESIGN §2.5), the return compares mean annual
//! expected losses, and the chance a mitigation pays off pairs draw i of the baseline with draw i
//! of the mitigated scenario.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::model::Component;
use crate::results::{SamplePlan, ScenarioResults};
use crate::scenario::{Field, Scenario, ScenarioError, Unit, load, presets};
use crate::sim::Output;

/// The most scenarios compared at once.
pub const MAX_PINNED: usize = 4;

/// A scenario in a comparison: its shared [`ScenarioResults`] (read through `Deref`), under a label.
#[derive(Clone, Debug)]
pub struct Pinned {
    /// How the comparison names it.
    pub label: String,
    /// Its results, with the Monte Carlo spread when it has ranges.
    pub results: ScenarioResults,
    /// Monte Carlo annual expected losses, for the chance a mitigation pays off.
    pub annual_losses: Option<Vec<f64>>,
}

impl std::ops::Deref for Pinned {
    type Target = ScenarioResults;

    fn deref(&self) -> &ScenarioResults {
        &self.results
    }
}

impl std::ops::DerefMut for Pinned {
    fn deref_mut(&mut self) -> &mut ScenarioResults {
        &mut self.results
    }
}

impl Pinned {
    /// Evaluates a scenario for comparison (Monte Carlo with its own settings when it has ranges).
    #[must_use]
    pub fn new(label: impl Into<String>, scenario: &Scenario) -> Self {
        let cancel = AtomicBool::new(false);
        let samples = SamplePlan::of(scenario, None, None).run(scenario, &cancel);
        Self {
            label: label.into(),
            results: ScenarioResults::of(scenario).with_samples(samples.as_ref(), &cancel),
            annual_losses: samples.map(|s| s.column(Output::AnnualExpectedLoss).to_vec()),
        }
    }

    /// Units of this scenario's currency per unit of the comparison's currency.
    fn to_common(&self, in_usd: bool) -> f64 {
        if in_usd { 1.0 / self.evaluation.point.get(Field::PerUsd) } else { 1.0 }
    }
}

/// The currency a comparison is shown in: the scenarios' own when they share it, else US dollars.
#[must_use]
pub fn currency(pins: &[Pinned]) -> (String, bool) {
    let first = pins.first().map_or("USD", |p| p.scenario.currency.code.as_str());
    let shared = pins.iter().all(|p| p.scenario.currency.code.eq_ignore_ascii_case(first));
    if shared { (first.to_owned(), false) } else { ("USD".to_owned(), true) }
}

/// What a line of the delta table shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A money figure (the Monte Carlo mean with ranges).
    Figure(Output),
    /// The cost per outage hour, inputs as entered.
    CostPerHour,
    /// The outage duration, as entered.
    Duration,
    /// The users affected, as entered.
    UsersAffected,
    /// Outages per year, as entered.
    Frequency,
}

/// One line of the delta table: a figure for each scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What the line shows.
    pub kind: RowKind,
    /// How the table names it.
    pub name: String,
    /// One value per scenario, in the comparison's currency.
    pub values: Vec<f64>,
    /// Each value's P5–P95, for a scenario with ranges and a money figure.
    pub ranges: Vec<Option<(f64, f64)>>,
    /// Its unit.
    pub unit: Unit,
}

impl Row {
    /// Each value's difference from the first scenario's: `(absolute, relative)`; the relative
    /// change is `None` when the first value is 0.
    #[must_use]
    pub fn deltas(&self) -> Vec<(f64, Option<f64>)> {
        let base = self.values.first().copied().unwrap_or(0.0);
        self.values.iter().map(|v| (v - base, (base != 0.0).then(|| (v - base) / base.abs()))).collect()
    }
}

/// The delta table: headline figures, then C1–C9. With ranges the money figures are Monte Carlo
/// means (so the components add up to the totals); the cost per hour is then labelled as entered.
#[must_use]
pub fn rows(pins: &[Pinned]) -> Vec<Row> {
    let (_, in_usd) = currency(pins);
    let ranged = pins.iter().any(|p| p.summaries.is_some());
    let row = |kind: RowKind, name: String| {
        let (values, ranges) = pins
            .iter()
            .map(|p| {
                let rate = p.to_common(in_usd);
                let o = &p.evaluation.outcome;
                match kind {
                    RowKind::Figure(output) => {
                        let f = p.figure(output);
                        (f.value * rate, f.range.map(|(lo, hi)| (lo * rate, hi * rate)))
                    }
                    RowKind::CostPerHour => (o.cost_per_hour * rate, None),
                    RowKind::Duration => (p.evaluation.point.get(Field::DurationHours), None),
                    RowKind::UsersAffected => (o.users_affected, None),
                    RowKind::Frequency => (p.evaluation.point.get(Field::FrequencyPerYear), None),
                }
            })
            .unzip();
        let unit = match kind {
            RowKind::Figure(_) | RowKind::CostPerHour => Unit::Money,
            RowKind::Duration => Unit::Hours,
            RowKind::UsersAffected => Unit::Count,
            RowKind::Frequency => Unit::PerYear,
        };
        Row { kind, name, values, ranges, unit }
    };
    let figure = |output: Output, name: &str| row(RowKind::Figure(output), name.to_owned());
    let per_hour = if ranged { "Cost per outage hour (as entered)" } else { "Cost per outage hour" };
    let mut rows = vec![
        figure(Output::ProviderCost, "Provider cost"),
        row(RowKind::CostPerHour, per_hour.to_owned()),
        row(RowKind::Duration, "Outage duration".to_owned()),
        row(RowKind::UsersAffected, "Users affected".to_owned()),
        figure(Output::EcosystemLoss, "Ecosystem loss"),
        figure(Output::CombinedImpact, "Combined impact"),
        row(RowKind::Frequency, "Outages per year".to_owned()),
        figure(Output::AnnualExpectedLoss, "Annual expected loss"),
        figure(Output::MarketValueHit, "Market-value hit (not in totals)"),
    ];
    rows.extend(
        Component::ALL.iter().map(|&c| row(RowKind::Figure(Output::Component(c)), format!("{} {}", c.id(), c.name()))),
    );
    rows
}

/// The return on a mitigation. With ranges the annual expected losses are Monte Carlo means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Return {
    /// Annual expected loss without the mitigation.
    pub ale_before: f64,
    /// Annual expected loss with it.
    pub ale_after: f64,
    /// Running cost plus the investment spread over its life.
    pub annual_cost: f64,
    /// `ALE before − ALE after − annual cost`.
    pub net_benefit: f64,
    /// `net benefit / annual cost`; `None` when the mitigation costs nothing.
    pub roi: Option<f64>,
    /// Years until the investment is paid back by the savings net of running costs; `None` if
    /// never.
    pub payback_years: Option<f64>,
    /// The most the mitigation may cost per year and still break even: `ALE before − ALE after`.
    pub break_even_annual_budget: f64,
    /// The most it may cost up front (spread over its life, with its running cost) and break even.
    pub break_even_investment: f64,
    /// The share of paired Monte Carlo draws in which it pays off; `None` without ranges.
    pub chance_pays_off: Option<f64>,
}

/// A compared scenario with a mitigation, the baseline it was measured against and the return.
#[derive(Clone, Debug)]
pub struct Mitigation {
    /// Index of the mitigated scenario among the compared ones.
    pub after: usize,
    /// Its baseline (the compared one when it is among them, else loaded and computed on its own).
    pub before: Pinned,
    /// The return.
    pub result: Return,
}

/// The return on `after`'s mitigation against `before` (which need not be its named baseline).
#[must_use]
pub fn mitigation_return(before: &Pinned, after: &Pinned) -> Return {
    let m = &after.scenario.mitigation;
    // Both annual expected losses in the mitigated scenario's currency.
    let rate = after.evaluation.point.get(Field::PerUsd) / before.evaluation.point.get(Field::PerUsd);
    let ale_before = before.figure(Output::AnnualExpectedLoss).value * rate;
    let ale_after = after.figure(Output::AnnualExpectedLoss).value;
    let (running, investment, life) =
        (m.running_cost_per_year.nominal(), m.investment.nominal(), m.life_years.nominal());
    let annual_cost = m.annual_cost();
    let saved = ale_before - ale_after;
    let chance_pays_off = match (&before.annual_losses, &after.annual_losses) {
        (None, None) => None,
        (b, a) => {
            let n = b.as_ref().map_or(usize::MAX, Vec::len).min(a.as_ref().map_or(usize::MAX, Vec::len));
            let at = |v: &Option<Vec<f64>>, i: usize, fixed: f64| v.as_ref().map_or(fixed, |v| v[i]);
            let wins =
                (0..n).filter(|&i| at(b, i, ale_before / rate) * rate - at(a, i, ale_after) > annual_cost).count();
            (n > 0).then(|| wins as f64 / n as f64)
        }
    };
    Return {
        ale_before,
        ale_after,
        annual_cost,
        net_benefit: saved - annual_cost,
        roi: crate::scenario::return_on(saved, annual_cost),
        payback_years: crate::scenario::payback_years(investment, running, saved),
        break_even_annual_budget: saved,
        break_even_investment: ((saved - running) * life).max(0.0),
        chance_pays_off,
    }
}

/// The return on `after`'s mitigation against its baseline: the pinned scenario that is the
/// baseline, else the baseline loaded afresh (a relative file name read from `folder`). `None` when
/// it names none or cannot be loaded.
#[must_use]
pub fn return_against(after: &Pinned, pins: &[Pinned], folder: Option<&Path>) -> Option<(Pinned, Return)> {
    if after.scenario.mitigation.is_unused() {
        return None;
    }
    let baseline = load_baseline(&after.scenario, folder).ok()?;
    let before = pins
        .iter()
        .find(|p| *p.scenario == baseline)
        .cloned()
        .unwrap_or_else(|| Pinned::new(baseline.title(), &baseline));
    let r = mitigation_return(&before, after);
    Some((before, r))
}

/// Each scenario with a mitigation against its baseline: the compared one that equals it, else
/// the baseline loaded (beside the file that names it) and computed. Baselines that cannot be
/// loaded give no return.
#[must_use]
pub fn returns(pins: &[Pinned], folders: &[Option<PathBuf>]) -> Vec<Mitigation> {
    pins.iter()
        .zip(folders)
        .enumerate()
        .filter_map(|(i, (after, folder))| {
            let (before, result) = return_against(after, pins, folder.as_deref())?;
            Some(Mitigation { after: i, before, result })
        })
        .collect()
}

/// Loads a mitigation's baseline: a shipped preset by id, else a file relative to `folder`.
pub fn load_baseline(scenario: &Scenario, folder: Option<&Path>) -> Result<Scenario, ScenarioError> {
    let name = scenario.mitigation.baseline.trim();
    if let Some(preset) = presets::find(name) {
        return Ok(preset.load()?);
    }
    let path = Path::new(name);
    let path = match folder {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    };
    load::load_file(&path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Estimate, Input};
    use std::sync::Arc;

    fn pinned(ale: f64) -> Pinned {
        // A flat 1-hour outage with a fine of `ale` and one outage a year: ALE = ale.
        let mut s = Scenario::blank();
        let _ = Field::FinesFixed.set(&mut s, Estimate::Fixed(ale));
        Pinned::new("x", &s)
    }

    #[test]
    fn return_on_a_mitigation_by_hand() {
        // Before 10, after 4, running 1, investment 10 over 5 years: annual cost 1 + 2 = 3;
        // net 10 − 4 − 3 = 3; ROI 100%; payback 10 / (6 − 1) = 2 years; break-even 6 a year and
        // (6 − 1)·5 = 25 up front.
        let before = pinned(10.0);
        let mut after = pinned(4.0);
        let m = &mut Arc::make_mut(&mut after.scenario).mitigation;
        m.baseline = "before".to_owned();
        m.running_cost_per_year = Input::fixed(1.0);
        m.investment = Input::fixed(10.0);
        m.life_years = Input::fixed(5.0);
        let r = mitigation_return(&before, &after);
        assert_eq!((r.ale_before, r.ale_after, r.annual_cost, r.net_benefit), (10.0, 4.0, 3.0, 3.0));
        assert_eq!(r.roi, Some(1.0));
        assert_eq!(r.payback_years, Some(2.0));
        assert_eq!((r.break_even_annual_budget, r.break_even_investment), (6.0, 25.0));
        assert_eq!(r.chance_pays_off, None);
    }

    #[test]
    fn a_mitigation_that_saves_less_than_it_runs_never_pays_back() {
        let before = pinned(10.0);
        let mut after = pinned(9.5);
        let m = &mut Arc::make_mut(&mut after.scenario).mitigation;
        m.running_cost_per_year = Input::fixed(1.0);
        m.investment = Input::fixed(100.0);
        let r = mitigation_return(&before, &after);
        assert_eq!(r.payback_years, None);
        assert_eq!(r.break_even_investment, 0.0);
        assert!(r.roi.is_some_and(|x| x < -0.99));
    }

    #[test]
    fn deltas_are_absolute_and_relative_to_the_first() {
        let make = |values: Vec<f64>| Row {
            kind: RowKind::Figure(Output::ProviderCost),
            name: "x".into(),
            ranges: vec![None; values.len()],
            values,
            unit: Unit::Money,
        };
        let row = make(vec![100.0, 150.0, 50.0]);
        assert_eq!(row.deltas(), vec![(0.0, Some(0.0)), (50.0, Some(0.5)), (-50.0, Some(-0.5))]);
        let zero = make(vec![0.0, 5.0]);
        assert_eq!(zero.deltas()[1], (5.0, None));
    }

    #[test]
    fn with_ranges_rows_and_returns_use_the_monte_carlo_means() {
        let mut s = Scenario::blank();
        let _ = Field::FinesPerHour.set(&mut s, Estimate::Fixed(1000.0));
        let _ =
            Field::DurationHours.set(&mut s, Estimate::Pert(crate::scenario::Pert { min: 1.0, mode: 2.0, max: 9.0 }));
        s.uncertainty.samples = 2000;
        let before = Pinned::new("before", &s);
        let mean = before.summaries.map(|m| m[Output::ProviderCost.index()].mean).unwrap_or_default();
        // PERT(1, 2, 9) hours at 1000 an hour: a mean near 3000, well above the 2000 as entered.
        assert!((mean - 3000.0).abs() < 100.0, "{mean}");
        let table = rows(std::slice::from_ref(&before));
        let provider = table.iter().find(|r| r.kind == RowKind::Figure(Output::ProviderCost));
        assert_eq!(provider.map(|r| r.values[0]), Some(mean));
        assert!(provider.is_some_and(|r| r.ranges[0].is_some_and(|(lo, hi)| lo < mean && mean < hi)));
        let parts: f64 = Component::ALL
            .iter()
            .filter(|c| c.side() == crate::model::Side::Provider)
            .filter_map(|&c| table.iter().find(|r| r.kind == RowKind::Figure(Output::Component(c))))
            .map(|r| r.values[0])
            .sum();
        assert!((parts - mean).abs() <= 1e-9 * mean);
        assert!(table.iter().any(|r| r.name == "Cost per outage hour (as entered)"));
        let mut after = Pinned::new("after", &Scenario::blank());
        Arc::make_mut(&mut after.scenario).mitigation.running_cost_per_year = Input::fixed(1.0);
        let ale = before.figure(Output::AnnualExpectedLoss).value;
        assert_eq!(mitigation_return(&before, &after).ale_before, ale);
    }
}
