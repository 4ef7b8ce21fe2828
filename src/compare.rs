//! Scenarios side by side (DESIGN §4 Compare): a delta table of headline figures and components,
//! and the return on a mitigation, `(ALE before − ALE after − annual cost) / annual cost`, with its
//! payback and break-even budget. No UI: the command line, the app and the report read it.
//!
//! Scenarios in different currencies are compared in US dollars (each converted by its own rate).
//! Monte Carlo, when scenarios have ranges, runs with each scenario's seed and count; the chance a
//! mitigation pays off pairs draw i of the baseline with draw i of the mitigated scenario.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::model::{Component, CurvePoint, Evaluation, cost_curve};
use crate::results::{CURVE_POINTS, SamplePlan};
use crate::scenario::{Field, Scenario, ScenarioError, Unit, load, presets};
use crate::sim::{Output, Summary};

/// The most scenarios compared at once.
pub const MAX_PINNED: usize = 4;

/// A scenario in a comparison, with its results.
#[derive(Clone, Debug)]
pub struct Pinned {
    /// How the comparison names it.
    pub label: String,
    /// The scenario.
    pub scenario: Scenario,
    /// Its deterministic results.
    pub evaluation: Evaluation,
    /// Provider cost by duration.
    pub curve: Vec<CurvePoint>,
    /// Monte Carlo summaries of the provider cost, combined impact and annual expected loss.
    pub summaries: Option<[Summary; 3]>,
    /// Monte Carlo annual expected losses, for the chance a mitigation pays off.
    pub annual_losses: Option<Vec<f64>>,
}

impl Pinned {
    /// Evaluates a scenario for comparison (Monte Carlo with its own settings when it has ranges).
    #[must_use]
    pub fn new(label: impl Into<String>, scenario: &Scenario) -> Self {
        let evaluation = Evaluation::of(scenario);
        let samples = SamplePlan::of(scenario, None, None).run(scenario, &AtomicBool::new(false));
        Self {
            label: label.into(),
            curve: cost_curve(&evaluation.point, CURVE_POINTS),
            summaries: samples.as_ref().map(|s| {
                [Output::ProviderCost, Output::CombinedImpact, Output::AnnualExpectedLoss]
                    .map(|o| Summary::of(s.column(o)))
            }),
            annual_losses: samples.map(|s| s.column(Output::AnnualExpectedLoss).to_vec()),
            scenario: scenario.clone(),
            evaluation,
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

/// One line of the delta table: a figure for each scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What the figure is.
    pub name: String,
    /// One value per scenario, in the comparison's currency.
    pub values: Vec<f64>,
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

/// The delta table: headline figures, then C1–C9.
#[must_use]
pub fn rows(pins: &[Pinned]) -> Vec<Row> {
    let (_, in_usd) = currency(pins);
    let row = |name: &str, unit: Unit, f: &dyn Fn(&Pinned) -> f64| Row {
        name: name.to_owned(),
        values: pins.iter().map(|p| f(p) * if unit == Unit::Money { p.to_common(in_usd) } else { 1.0 }).collect(),
        unit,
    };
    let money_row = |name: &str, f: &dyn Fn(&Pinned) -> f64| row(name, Unit::Money, f);
    let mut rows = vec![
        money_row("Provider cost", &|p| p.evaluation.outcome.provider_cost),
        money_row("Cost per outage hour", &|p| p.evaluation.outcome.cost_per_hour),
        row("Outage duration", Unit::Hours, &|p| p.evaluation.point.get(Field::DurationHours)),
        row("Users affected", Unit::Count, &|p| p.evaluation.outcome.users_affected),
        money_row("Ecosystem loss", &|p| p.evaluation.outcome.ecosystem_loss),
        money_row("Combined impact", &|p| p.evaluation.outcome.combined_impact),
        row("Outages per year", Unit::PerYear, &|p| p.evaluation.point.get(Field::FrequencyPerYear)),
        money_row("Annual expected loss", &|p| p.evaluation.outcome.annual_expected_loss),
        money_row("Market-value hit (not in totals)", &|p| p.evaluation.outcome.market_value_hit),
    ];
    rows.extend(
        Component::ALL
            .iter()
            .map(|&c| money_row(&format!("{} {}", c.id(), c.name()), &move |p| p.evaluation.outcome.components.get(c))),
    );
    rows
}

/// The return on a mitigation.
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

/// The return on `after`'s mitigation against `before` (which need not be its named baseline).
#[must_use]
pub fn mitigation_return(before: &Pinned, after: &Pinned) -> Return {
    let m = &after.scenario.mitigation;
    // Both annual expected losses in the mitigated scenario's currency.
    let rate = after.evaluation.point.get(Field::PerUsd) / before.evaluation.point.get(Field::PerUsd);
    let ale_before = before.evaluation.outcome.annual_expected_loss * rate;
    let ale_after = after.evaluation.outcome.annual_expected_loss;
    let (running, investment, life) =
        (m.running_cost_per_year.nominal(), m.investment.nominal(), m.life_years.nominal());
    let annual_cost = m.annual_cost();
    let saved = ale_before - ale_after;
    let chance_pays_off = match (&before.annual_losses, &after.annual_losses) {
        (None, None) => None,
        (b, a) => {
            let n = b.as_ref().map_or(usize::MAX, Vec::len).min(a.as_ref().map_or(usize::MAX, Vec::len));
            let at = |v: &Option<Vec<f64>>, i: usize, fixed: f64| v.as_ref().map_or(fixed, |v| v[i]);
            let wins = (0..n)
                .filter(|&i| {
                    at(b, i, before.evaluation.outcome.annual_expected_loss) * rate - at(a, i, ale_after) > annual_cost
                })
                .count();
            (n > 0).then(|| wins as f64 / n as f64)
        }
    };
    Return {
        ale_before,
        ale_after,
        annual_cost,
        net_benefit: saved - annual_cost,
        roi: (annual_cost > 0.0).then(|| (saved - annual_cost) / annual_cost),
        payback_years: if investment == 0.0 {
            (saved >= running).then_some(0.0)
        } else {
            (saved > running).then(|| investment / (saved - running))
        },
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
        .find(|p| p.scenario == baseline)
        .cloned()
        .unwrap_or_else(|| Pinned::new(baseline.title(), &baseline));
    let r = mitigation_return(&before, after);
    Some((before, r))
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
        after.scenario.mitigation.baseline = "before".to_owned();
        after.scenario.mitigation.running_cost_per_year = Input::fixed(1.0);
        after.scenario.mitigation.investment = Input::fixed(10.0);
        after.scenario.mitigation.life_years = Input::fixed(5.0);
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
        after.scenario.mitigation.running_cost_per_year = Input::fixed(1.0);
        after.scenario.mitigation.investment = Input::fixed(100.0);
        let r = mitigation_return(&before, &after);
        assert_eq!(r.payback_years, None);
        assert_eq!(r.break_even_investment, 0.0);
        assert!(r.roi.is_some_and(|x| x < -0.99));
    }

    #[test]
    fn deltas_are_absolute_and_relative_to_the_first() {
        let row = Row { name: "x".into(), values: vec![100.0, 150.0, 50.0], unit: Unit::Money };
        assert_eq!(row.deltas(), vec![(0.0, Some(0.0)), (50.0, Some(0.5)), (-50.0, Some(-0.5))]);
        let zero = Row { name: "z".into(), values: vec![0.0, 5.0], unit: Unit::Money };
        assert_eq!(zero.deltas()[1], (5.0, None));
    }
}
