//! Everything a report shows, computed once: the evaluation, the curves, the tornado and, when
//! the scenario has ranges, the Monte Carlo samples.

use std::sync::atomic::AtomicBool;

use crate::compare::Pinned;
use crate::model::{CurvePoint, Evaluation, TimelinePoint, cost_curve, timeline};
use crate::scenario::Scenario;
use crate::sim::{self, Job, Output, Samples, SortBy, Summary, Swing, tornado};

/// Points on exported curves.
const CURVE_POINTS: usize = 241;

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
    /// Scenarios pinned for comparison (the app's Compare tab); empty otherwise.
    pub compare: Vec<Pinned>,
}

impl ReportData {
    /// Computes a scenario's figures; Monte Carlo runs with `samples` draws (default: the
    /// scenario's setting when it has ranges; 0 turns it off) and `seed` (default: the scenario's).
    #[must_use]
    pub fn new(scenario: &Scenario, samples: Option<u32>, seed: Option<u64>) -> Self {
        let job = Job::new(scenario);
        let count = samples.unwrap_or(if job.uncertain().is_empty() { 0 } else { scenario.uncertainty.samples });
        let seed = seed.unwrap_or(scenario.uncertainty.seed);
        let samples = sim::run(&job, count as usize, seed, sim::default_threads(), &AtomicBool::new(false));
        Self::with_samples(scenario, samples)
    }

    /// A scenario's figures with Monte Carlo samples already drawn (or none).
    #[must_use]
    pub fn with_samples(scenario: &Scenario, samples: Option<Samples>) -> Self {
        let evaluation = Evaluation::of(scenario);
        Self {
            curve: cost_curve(&evaluation.point, CURVE_POINTS),
            timeline: timeline(&evaluation.point, &evaluation.outcome, CURVE_POINTS),
            tornado: tornado(scenario, SortBy::ProviderCost),
            scenario: scenario.clone(),
            evaluation,
            samples,
            compare: Vec::new(),
        }
    }

    /// Adds the scenarios pinned for comparison (two or more make a comparison section).
    #[must_use]
    pub fn with_comparison(mut self, pins: Vec<Pinned>) -> Self {
        self.compare = pins;
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
        self.samples.as_ref().map(|s| Summary::of(s.column(output)))
    }
}
