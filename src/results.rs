//! The figures a scenario shows, one answer per figure (DESIGN §2.5), for every surface: the
//! app's cards, breakdown and slides, the command line's table and JSON, the reports and the
//! copied summary all read a money figure through [`Figure::of`].
//!
//! - With no ranges a figure is the deterministic result.
//! - With ranges it is the Monte Carlo **mean** (the expected cost: means add up, so the
//!   components shown sum to the totals shown, and the annual expected loss is the mean of
//!   frequency × P), with its P5–P95 beside it. The median and the value "as entered" appear only
//!   where labelled so.
//!
//! The sample plan (how many draws, which seed) has one rule, [`SamplePlan::of`], and the sizes of
//! the curves and charts every surface draws are defined once here. No UI, no I/O.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::format::money;
use crate::model::uptime::UptimeBand;
use crate::model::{CurvePoint, Evaluation, Outcome, TimelinePoint, cost_curve, curve_end_hours, timeline};
use crate::scenario::{Estimate, Field, Scenario};
use crate::sim::{self, Job, OUTPUT_COUNT, Output, Samples, Summary};

/// Points on the cost-vs-duration curve (app, export, compare).
pub const CURVE_POINTS: usize = 241;
/// Points on the timeline of the outage (app, export).
pub const TIMELINE_POINTS: usize = 241;
/// Points on a loss-exceedance curve (app, export).
pub const EXCEEDANCE_POINTS: usize = 200;
/// Bins of a Monte Carlo histogram (app, export).
pub const HISTOGRAM_BINS: usize = 40;
/// Durations on the cost-vs-duration curve's Monte Carlo band.
pub const BAND_POINTS: usize = 25;
/// The most draws per duration on that band (common seed, so the band is smooth).
pub const BAND_SAMPLES: usize = 2000;

/// The Uptime Institute's $100k and $1M lines in a currency, as every chart draws and names them:
/// where each falls, and "Uptime $1M (₩1.4B)" (just "Uptime $1M" in US dollars at par).
#[must_use]
pub fn uptime_lines(per_usd: f64, code: &str) -> [(f64, String); 2] {
    crate::model::uptime::BAND_THRESHOLDS_USD.map(|usd| {
        let at = usd * per_usd;
        let name = format!("Uptime {}", money(usd, "USD"));
        let dollars = code.eq_ignore_ascii_case("USD") && (per_usd - 1.0).abs() < 1e-12;
        (at, if dollars { name } else { format!("{name} ({})", money(at, code)) })
    })
}

/// The results of one scenario that every surface composes: the app's panels, a report, a pinned
/// scenario in a comparison. The deterministic evaluation, curve and timeline are computed at
/// once; the Monte Carlo spread (summaries and the curve's band) is added when a run finishes.
#[derive(Clone, Debug)]
pub struct ScenarioResults {
    /// The scenario (shared, not copied, with the app's document version it was computed for).
    pub scenario: Arc<Scenario>,
    /// The deterministic evaluation.
    pub evaluation: Evaluation,
    /// Provider cost by outage duration ([`CURVE_POINTS`]).
    pub curve: Vec<CurvePoint>,
    /// The outage as it unfolds ([`TIMELINE_POINTS`]).
    pub timeline: Vec<TimelinePoint>,
    /// Every output's Monte Carlo summary, with ranges.
    pub summaries: Option<Summaries>,
    /// With ranges, the cost-vs-duration curve's mean and P5–P95 band.
    pub band: Option<Vec<BandPoint>>,
}

impl ScenarioResults {
    /// The deterministic results of a scenario (no spread yet).
    #[must_use]
    pub fn of(scenario: &Scenario) -> Self {
        Self::of_shared(Arc::new(scenario.clone()))
    }

    /// The deterministic results of a scenario already shared (no copy is made).
    #[must_use]
    pub fn of_shared(scenario: Arc<Scenario>) -> Self {
        let evaluation = Evaluation::of(&scenario);
        Self {
            curve: cost_curve(&evaluation.point, CURVE_POINTS),
            timeline: timeline(&evaluation.point, &evaluation.outcome, TIMELINE_POINTS),
            scenario,
            evaluation,
            summaries: None,
            band: None,
        }
    }

    /// The results with the spread of a finished run: its summaries, and the curve's band worked
    /// out with the same plan (`None` when cancelled).
    #[must_use]
    pub fn with_samples(mut self, samples: Option<&Samples>, cancel: &AtomicBool) -> Self {
        self.summaries = samples.map(summarise);
        self.band =
            samples.and_then(|s| duration_band(&self.scenario, SamplePlan { count: s.count, seed: s.seed }, cancel));
        self
    }

    /// A money figure as every surface shows it (DESIGN §2.5).
    #[must_use]
    pub fn figure(&self, output: Output) -> Figure {
        Figure::of(&self.evaluation.outcome, self.summaries.as_ref(), output)
    }

    /// The Monte Carlo summary of an output, with ranges.
    #[must_use]
    pub fn summary(&self, output: Output) -> Option<Summary> {
        self.summaries.as_ref().map(|s| s[output.index()])
    }

    /// The scenario's currency code.
    #[must_use]
    pub fn currency(&self) -> &str {
        &self.scenario.currency.code
    }

    /// The provider cost as shown (the mean with ranges), in US dollars.
    #[must_use]
    pub fn provider_cost_usd(&self) -> f64 {
        self.figure(Output::ProviderCost).value / self.evaluation.point.get(Field::PerUsd)
    }

    /// The Uptime Institute band of the provider cost as shown, so the badge agrees with the
    /// figure beside it.
    #[must_use]
    pub fn uptime_band(&self) -> UptimeBand {
        UptimeBand::of_usd(self.provider_cost_usd())
    }
}

/// How many Monte Carlo draws a run makes, and with which seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SamplePlan {
    /// Draws; 0 means no run (the figures are deterministic).
    pub count: usize,
    /// The seed.
    pub seed: u64,
}

impl SamplePlan {
    /// The one rule: a scenario without ranges runs no Monte Carlo (every draw would equal the
    /// deterministic result); one with ranges draws `samples` (default: the scenario's
    /// `uncertainty.samples`) with `seed` (default: the scenario's `uncertainty.seed`).
    #[must_use]
    pub fn of(scenario: &Scenario, samples: Option<u64>, seed: Option<u64>) -> Self {
        let wanted = samples.unwrap_or(scenario.uncertainty.samples);
        let count = if has_ranges(scenario) { usize::try_from(wanted).unwrap_or(usize::MAX) } else { 0 };
        Self { count, seed: seed.unwrap_or(scenario.uncertainty.seed) }
    }

    /// Runs the plan on every core; `None` when it draws nothing or was cancelled.
    #[must_use]
    pub fn run(self, scenario: &Scenario, cancel: &AtomicBool) -> Option<Samples> {
        self.run_job(&Job::new(scenario), cancel)
    }

    /// Like [`SamplePlan::run`], keeping the first rows of `outputs` only (and of every input; the
    /// drivers of the spread need the provider cost and the combined impact): the same draws and
    /// distributions, less memory.
    #[must_use]
    pub fn run_keeping_only(self, scenario: &Scenario, outputs: &[Output], cancel: &AtomicBool) -> Option<Samples> {
        self.run_job(&Job::new(scenario).keeping_only(outputs), cancel)
    }

    fn run_job(self, job: &Job, cancel: &AtomicBool) -> Option<Samples> {
        if self.count == 0 {
            return None;
        }
        sim::run(job, self.count, self.seed, sim::default_threads(), cancel)
    }
}

/// The provider cost's mean and P5–P95 at one outage duration (the curve's band with ranges).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BandPoint {
    /// The outage duration.
    pub hours: f64,
    /// Mean provider cost.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// The cost-vs-duration curve with ranges: for [`BAND_POINTS`] durations from 0 to the curve's
/// end, the provider cost's mean and P5–P95 over the other inputs' ranges (the duration fixed at
/// each point, the same seed throughout). `None` without ranges or when cancelled.
#[must_use]
pub fn duration_band(scenario: &Scenario, plan: SamplePlan, cancel: &AtomicBool) -> Option<Vec<BandPoint>> {
    if plan.count == 0 {
        return None;
    }
    let end = curve_end_hours(scenario.outage.duration_hours.nominal());
    let count = plan.count.min(BAND_SAMPLES);
    (0..BAND_POINTS)
        .map(|i| {
            // A duration must be positive: the first point is a moment after the start.
            let hours = (end * i as f64 / (BAND_POINTS - 1) as f64).max(end * 1e-4);
            let mut at = scenario.clone();
            at.outage.duration_hours.set(Estimate::Fixed(hours)).ok()?;
            let samples = sim::run(&Job::new(&at), count, plan.seed, sim::default_threads(), cancel)?;
            let s = samples.summary(Output::ProviderCost);
            Some(BandPoint { hours, mean: s.mean, p5: s.p5, p95: s.p95 })
        })
        .collect()
}

/// Whether a scenario has any uncertain input (a `Pert` or `Range90`).
#[must_use]
pub fn has_ranges(scenario: &Scenario) -> bool {
    sim::any_uncertain(scenario)
}

/// Every output's summary, in [`Output::ALL`] order.
pub type Summaries = [Summary; OUTPUT_COUNT];

/// Summarises every output of a run (over every sample, streamed).
#[must_use]
pub fn summarise(samples: &Samples) -> Summaries {
    Output::ALL.map(|o| samples.summary(o))
}

/// The totals built from the components, each with its formula written once (DESIGN §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Total {
    /// `P = C1 + C4 + C5 + C6 + C7 + C8 + C9`.
    ProviderCost,
    /// `C2 + C3`.
    EcosystemLoss,
    /// `P − C6 − C7 + Eco`.
    CombinedImpact,
    /// `P / D`.
    CostPerHour,
    /// `frequency × P`.
    AnnualExpectedLoss,
    /// `market cap × drop`, never added to the totals.
    MarketValueHit,
}

impl Total {
    /// Every total, in the order the surfaces list them.
    pub const ALL: [Total; 6] = [
        Total::ProviderCost,
        Total::EcosystemLoss,
        Total::CombinedImpact,
        Total::CostPerHour,
        Total::AnnualExpectedLoss,
        Total::MarketValueHit,
    ];

    /// Its name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Total::ProviderCost => "Provider cost",
            Total::EcosystemLoss => "Ecosystem loss",
            Total::CombinedImpact => "Combined impact",
            Total::CostPerHour => "Cost per outage hour",
            Total::AnnualExpectedLoss => "Annual expected loss",
            Total::MarketValueHit => "Market-value hit",
        }
    }

    /// Its symbol in the other formulas, if it has one.
    #[must_use]
    pub fn symbol(self) -> Option<&'static str> {
        match self {
            Total::ProviderCost => Some("P"),
            Total::EcosystemLoss => Some("Eco"),
            _ => None,
        }
    }

    /// How it is computed.
    #[must_use]
    pub fn formula(self) -> &'static str {
        match self {
            Total::ProviderCost => "C1 + C4 + C5 + C6 + C7 + C8 + C9",
            Total::EcosystemLoss => "C2 + C3",
            Total::CombinedImpact => "P − C6 − C7 + Eco",
            Total::CostPerHour => "P / D",
            Total::AnnualExpectedLoss => "frequency × P",
            Total::MarketValueHit => "market cap × drop",
        }
    }

    /// "Provider cost P = C1 + …": the name, its symbol and its formula.
    #[must_use]
    pub fn line(self) -> String {
        match self.symbol() {
            Some(symbol) => format!("{} {symbol} = {}", self.name(), self.formula()),
            None => format!("{} = {}", self.name(), self.formula()),
        }
    }

    /// The Monte Carlo output it is, if it is one (the cost per hour is computed as entered).
    #[must_use]
    pub fn output(self) -> Option<Output> {
        match self {
            Total::ProviderCost => Some(Output::ProviderCost),
            Total::EcosystemLoss => Some(Output::EcosystemLoss),
            Total::CombinedImpact => Some(Output::CombinedImpact),
            Total::CostPerHour => None,
            Total::AnnualExpectedLoss => Some(Output::AnnualExpectedLoss),
            Total::MarketValueHit => Some(Output::MarketValueHit),
        }
    }

    /// Its figure: the Monte Carlo mean with ranges, else the deterministic result (the cost per
    /// hour is always as entered).
    #[must_use]
    pub fn figure(self, outcome: &Outcome, summaries: Option<&Summaries>) -> Figure {
        match self.output() {
            Some(output) => Figure::of(outcome, summaries, output),
            None => Figure::fixed(outcome.cost_per_hour),
        }
    }

    /// What a surface says beside it: "never added to totals", or "as entered" for the cost per
    /// hour when the other figures are Monte Carlo means.
    #[must_use]
    pub fn note(self, ranged: bool) -> Option<&'static str> {
        match self {
            Total::MarketValueHit => Some("never added to totals"),
            Total::CostPerHour if ranged => Some("as entered"),
            _ => None,
        }
    }
}

/// A figure as every surface shows it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    /// The value shown: the Monte Carlo mean with ranges, else the deterministic result.
    pub value: f64,
    /// P5 and P95, with ranges.
    pub range: Option<(f64, f64)>,
    /// The median, with ranges (shown only where labelled "median").
    pub median: Option<f64>,
    /// Every input at its nominal value (shown only where labelled "as entered").
    pub as_entered: f64,
}

impl Figure {
    /// The figure of `output`: from the Monte Carlo summaries when there are any, else from the
    /// deterministic outcome.
    #[must_use]
    pub fn of(outcome: &Outcome, summaries: Option<&Summaries>, output: Output) -> Self {
        let as_entered = output.of(outcome);
        match summaries {
            Some(s) => {
                let s = s[output.index()];
                Self { value: s.mean, range: Some((s.p5, s.p95)), median: Some(s.p50), as_entered }
            }
            None => Self { value: as_entered, range: None, median: None, as_entered },
        }
    }

    /// A deterministic figure of `value`.
    #[must_use]
    fn fixed(value: f64) -> Self {
        Self { value, range: None, median: None, as_entered: value }
    }

    /// Whether the figure is a Monte Carlo mean.
    #[must_use]
    pub fn is_mean(&self) -> bool {
        self.range.is_some()
    }

    /// "P5–P95 $1.2M–$3.4M", or nothing without ranges.
    #[must_use]
    pub fn range_text(&self, code: &str) -> String {
        self.range.map_or_else(String::new, |(lo, hi)| format!("P5–P95 {}–{}", money(lo, code), money(hi, code)))
    }

    /// The value in compact money, with "(mean; P5–P95 …)" beside it when there are ranges.
    #[must_use]
    pub fn money_with_range(&self, code: &str) -> String {
        match self.range {
            Some(_) => format!("{} (mean; {})", money(self.value, code), self.range_text(code)),
            None => money(self.value, code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Evaluation};
    use crate::scenario::{Estimate, Field, Pert};

    fn uncertain() -> Scenario {
        let mut s = Scenario::blank();
        let _ = Field::FinesPerHour.set(&mut s, Estimate::Fixed(1000.0));
        let _ = Field::DurationHours.set(&mut s, Estimate::Pert(Pert { min: 1.0, mode: 2.0, max: 9.0 }));
        s.uncertainty.samples = 4000;
        s
    }

    #[test]
    fn uptime_lines_are_named_in_dollars_and_placed_in_the_currency() {
        let won = uptime_lines(1430.0, "KRW");
        assert_eq!(won[1].0, 1.43e9);
        assert_eq!(won[1].1, format!("Uptime $1M ({})", money(1.43e9, "KRW")));
        assert_eq!(uptime_lines(1.0, "USD").map(|l| l.1), ["Uptime $100k", "Uptime $1M"]);
    }

    #[test]
    fn the_plan_runs_nothing_without_ranges_whatever_is_asked() {
        let s = Scenario::blank();
        assert_eq!(SamplePlan::of(&s, Some(500), Some(3)), SamplePlan { count: 0, seed: 3 });
        let u = uncertain();
        assert_eq!(SamplePlan::of(&u, None, None).count, 4000);
        assert_eq!(SamplePlan::of(&u, Some(10), None), SamplePlan { count: 10, seed: u.uncertainty.seed });
    }

    #[test]
    fn with_ranges_a_figure_is_the_mean_and_components_add_up() {
        let s = uncertain();
        let e = Evaluation::of(&s);
        let samples = SamplePlan::of(&s, None, None).run(&s, &AtomicBool::new(false));
        let summaries = samples.as_ref().map(summarise);
        let p = Figure::of(&e.outcome, summaries.as_ref(), Output::ProviderCost);
        // The fine is 1000 per hour of a PERT(1, 2, 9) duration: mean (1 + 8 + 9) / 6 = 3 h.
        assert!((p.value - 3000.0).abs() < 60.0, "{p:?}");
        assert_eq!(p.as_entered, 2000.0);
        assert!(p.median.is_some_and(|m| m < p.value));
        let parts: f64 = Component::ALL
            .iter()
            .filter(|c| c.side() == crate::model::Side::Provider)
            .map(|&c| Figure::of(&e.outcome, summaries.as_ref(), Output::Component(c)).value)
            .sum();
        assert!((parts - p.value).abs() <= 1e-9 * p.value);
        assert!(p.money_with_range("USD").starts_with("$3"), "{}", p.money_with_range("USD"));
    }

    #[test]
    fn the_band_brackets_the_mean_and_grows_with_the_duration() {
        let mut s = uncertain();
        // Uncertain response cost per hour, so every duration has a spread.
        let _ = Field::ResponderCostPerHour.set(&mut s, Estimate::Pert(Pert { min: 50.0, mode: 100.0, max: 300.0 }));
        let _ = Field::Responders.set(&mut s, Estimate::Fixed(2.0));
        let plan = SamplePlan::of(&s, Some(3000), None);
        let band = duration_band(&s, plan, &AtomicBool::new(false)).unwrap_or_default();
        assert_eq!(band.len(), BAND_POINTS);
        assert!(band.iter().all(|b| b.p5 <= b.mean && b.mean <= b.p95));
        assert!(band.windows(2).all(|w| w[0].hours < w[1].hours && w[0].mean <= w[1].mean));
        assert_eq!(band.last().map(|b| b.hours), Some(24.0));
        assert!(
            duration_band(&Scenario::blank(), SamplePlan::of(&Scenario::blank(), None, None), &AtomicBool::new(false))
                .is_none()
        );
    }

    #[test]
    fn each_total_has_one_formula_and_the_cost_per_hour_is_as_entered() {
        assert_eq!(Total::ProviderCost.line(), "Provider cost P = C1 + C4 + C5 + C6 + C7 + C8 + C9");
        assert_eq!(Total::CombinedImpact.line(), "Combined impact = P − C6 − C7 + Eco");
        let s = uncertain();
        let e = Evaluation::of(&s);
        let samples = SamplePlan::of(&s, None, None).run(&s, &AtomicBool::new(false));
        let summaries = samples.as_ref().map(summarise);
        let per_hour = Total::CostPerHour.figure(&e.outcome, summaries.as_ref());
        assert_eq!((per_hour.value, per_hour.range), (e.outcome.cost_per_hour, None));
        assert_eq!(Total::CostPerHour.note(true), Some("as entered"));
        assert_eq!(Total::CostPerHour.note(false), None);
        let p = Total::ProviderCost.figure(&e.outcome, summaries.as_ref());
        assert!(p.is_mean() && p.value > p.as_entered);
    }

    #[test]
    fn without_ranges_a_figure_is_the_deterministic_result() {
        let mut s = Scenario::blank();
        let _ = Field::FinesFixed.set(&mut s, Estimate::Fixed(5.0));
        let e = Evaluation::of(&s);
        let f = Figure::of(&e.outcome, None, Output::ProviderCost);
        assert_eq!((f.value, f.range, f.median, f.as_entered), (5.0, None, None, 5.0));
        assert_eq!(f.money_with_range("USD"), money(5.0, "USD"));
    }
}
