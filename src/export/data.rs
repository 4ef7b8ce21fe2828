//! Everything a report shows, computed once: the evaluation, the curves, the tornado and, when
//! the scenario has ranges, the Monte Carlo samples.

use std::sync::atomic::AtomicBool;

use crate::compare::{Mitigation, Pinned};
use crate::model::{CurvePoint, Evaluation, TimelinePoint, cost_curve, timeline};
use crate::results::{
    BandPoint, CURVE_POINTS, Figure, SamplePlan, Summaries, TIMELINE_POINTS, duration_band, summarise,
};
use crate::scenario::Scenario;
use crate::sim::{Output, Samples, SortBy, Summary, Swing, tornado};

/// The figures of one scenario, for charts and reports.
pub struct ReportData {
    /// The scenario.
    pub scenario: Scenario,
    /// The deterministic evaluation.
    pub evaluation: Evaluation,
    /// Provider cost by outage duration.
    pub curve: Vec<CurvePoint>,
    /// The outage as it unfolds.
    pub timeline: Vec<TimelinePoint>,
    /// The tornado, sorted by the swing of the provider cost.
    pub tornado: Vec<Swing>,
    /// Monte Carlo samples, when the scenario has ranges and samples were asked for.
    pub samples: Option<Samples>,
    /// Their summaries, one per output.
    pub summaries: Option<Summaries>,
    /// With samples, the cost-vs-duration curve's mean and P5–P95 band.
    pub band: Option<Vec<BandPoint>>,
    /// Scenarios pinned for comparison (the app's Compare tab); empty otherwise.
    pub compare: Vec<Pinned>,
    /// The mitigation returns among them, each against the baseline it names (resolved by the
    /// caller, beside the file that names it).
    pub returns: Vec<Mitigation>,
}

impl ReportData {
    /// Computes a scenario's figures; Monte Carlo runs with `samples` draws (default: the
    /// scenario's setting when it has ranges; 0 turns it off) and `seed` (default: the scenario's).
    #[must_use]
    pub fn new(scenario: &Scenario, samples: Option<u64>, seed: Option<u64>) -> Self {
        let samples = SamplePlan::of(scenario, samples, seed).run(scenario, &AtomicBool::new(false));
        Self::with_samples(scenario, samples)
    }

    /// A scenario's figures with Monte Carlo samples already drawn (or none).
    #[must_use]
    pub fn with_samples(scenario: &Scenario, samples: Option<Samples>) -> Self {
        let evaluation = Evaluation::of(scenario);
        Self {
            curve: cost_curve(&evaluation.point, CURVE_POINTS),
            timeline: timeline(&evaluation.point, &evaluation.outcome, TIMELINE_POINTS),
            tornado: tornado(scenario, SortBy::ProviderCost),
            scenario: scenario.clone(),
            evaluation,
            summaries: samples.as_ref().map(summarise),
            band: samples.as_ref().and_then(|s| {
                duration_band(scenario, SamplePlan { count: s.count, seed: s.seed }, &AtomicBool::new(false))
            }),
            samples,
            compare: Vec::new(),
            returns: Vec::new(),
        }
    }

    /// Adds the scenarios pinned for comparison (two or more make a comparison section) and
    /// their mitigation returns.
    #[must_use]
    pub fn with_comparison(mut self, pins: Vec<Pinned>, returns: Vec<Mitigation>) -> Self {
        self.compare = pins;
        self.returns = returns;
        self
    }

    /// The scenario's currency code.
    #[must_use]
    pub fn currency(&self) -> &str {
        &self.scenario.currency.code
    }

    /// The Monte Carlo summary of an output, if Monte Carlo ran.
    #[must_use]
    pub fn summary(&self, output: Output) -> Option<Summary> {
        self.summaries.as_ref().map(|s| s[output.index()])
    }

    /// A money figure as every surface shows it: the Monte Carlo mean with ranges (DESIGN §2.5).
    #[must_use]
    pub fn figure(&self, output: Output) -> Figure {
        Figure::of(&self.evaluation.outcome, self.summaries.as_ref(), output)
    }
}
