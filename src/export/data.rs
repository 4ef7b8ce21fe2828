//! Everything a report shows, computed once: the evaluation, the curves, the tornado and, when
//! the scenario has ranges, the Monte Carlo samples.

use std::sync::atomic::AtomicBool;

use crate::compare::{Mitigation, Pinned};
use crate::results::{SamplePlan, ScenarioResults};
use crate::scenario::Scenario;
use crate::sim::{Samples, SortBy, Swing, tornado};

/// The figures of one scenario, for charts and reports: the shared [`ScenarioResults`] (read
/// through `Deref`), the tornado, the samples behind the spread, and any comparison.
pub struct ReportData {
    /// The scenario's results.
    pub results: ScenarioResults,
    /// The tornado, sorted by the swing of the provider cost.
    pub tornado: Vec<Swing>,
    /// Monte Carlo samples, when the scenario has ranges and samples were asked for.
    pub samples: Option<Samples>,
    /// Scenarios pinned for comparison (the app's Compare tab); empty otherwise.
    pub compare: Vec<Pinned>,
    /// The mitigation returns among them, each against the baseline it names (resolved by the
    /// caller, beside the file that names it).
    pub returns: Vec<Mitigation>,
}

impl std::ops::Deref for ReportData {
    type Target = ScenarioResults;

    fn deref(&self) -> &ScenarioResults {
        &self.results
    }
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
        Self {
            results: ScenarioResults::of(scenario).with_samples(samples.as_ref(), &AtomicBool::new(false)),
            tornado: tornado(scenario, SortBy::ProviderCost),
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
}
