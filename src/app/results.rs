//! Results of the open scenario, computed when the scenario changes and read by every panel: the
//! shared [`ScenarioResults`] (read through `Deref`) plus the tornado both ways and the time taken.

use std::ops::{Deref, DerefMut};
use std::time::{Duration, Instant};

use crate::changes::Changes;
use crate::results::ScenarioResults;
use crate::scenario::Scenario;
use crate::sim::{Swing, tornado_both};

/// Everything the charts and cards show, for one version of the scenario.
pub struct Results {
    /// The evaluation, curve and timeline; the Monte Carlo summaries and band of the latest
    /// finished run while the scenario has ranges (set each frame from the worker).
    pub shared: ScenarioResults,
    /// Tornado bars sorted by the swing of the provider cost.
    pub tornado_provider: Vec<Swing>,
    /// Tornado bars sorted by the swing of the combined impact.
    pub tornado_combined: Vec<Swing>,
    /// What changed from the preset the scenario came from, if it came from one.
    pub changes: Option<Changes>,
    /// How long the last recomputation took.
    pub compute_time: Duration,
}

impl Deref for Results {
    type Target = ScenarioResults;

    fn deref(&self) -> &ScenarioResults {
        &self.shared
    }
}

impl DerefMut for Results {
    fn deref_mut(&mut self) -> &mut ScenarioResults {
        &mut self.shared
    }
}

impl Results {
    /// Computes the results of a scenario.
    #[must_use]
    pub fn of(scenario: &Scenario) -> Self {
        let started = Instant::now();
        let shared = ScenarioResults::of(scenario);
        let (tornado_provider, tornado_combined) = tornado_both(scenario);
        Self {
            shared,
            tornado_provider,
            tornado_combined,
            changes: crate::changes::from_preset(scenario),
            compute_time: started.elapsed(),
        }
    }

    /// Recomputes if the scenario changed since; returns whether it did. The spread shown stays
    /// until the worker's next run replaces it.
    pub fn refresh(&mut self, scenario: &Scenario) -> bool {
        if *scenario == self.shared.scenario {
            return false;
        }
        let (summaries, band) = (self.shared.summaries.take(), self.shared.band.take());
        *self = Self::of(scenario);
        (self.shared.summaries, self.shared.band) = (summaries, band);
        true
    }
}
