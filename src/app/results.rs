//! Results of the open scenario, computed when the scenario changes and read by every panel.

use std::time::{Duration, Instant};

use crate::model::{CurvePoint, Evaluation, TimelinePoint, cost_curve, timeline};
use crate::results::{BandPoint, CURVE_POINTS, Figure, Summaries, TIMELINE_POINTS};
use crate::scenario::Scenario;
use crate::sim::Output;
use crate::sim::{Swing, tornado_both};

/// Everything the charts and cards show, for one version of the scenario.
pub struct Results {
    scenario: Scenario,
    /// The deterministic evaluation.
    pub evaluation: Evaluation,
    /// The cost-vs-duration curve.
    pub curve: Vec<CurvePoint>,
    /// The outage as it unfolds.
    pub timeline: Vec<TimelinePoint>,
    /// Tornado bars sorted by the swing of the provider cost.
    pub tornado_provider: Vec<Swing>,
    /// Tornado bars sorted by the swing of the combined impact.
    pub tornado_combined: Vec<Swing>,
    /// How long the last recomputation took.
    pub compute_time: Duration,
    /// The Monte Carlo summaries shown with the figures (the latest finished run while the
    /// scenario has ranges), set each frame from the worker.
    pub summaries: Option<Summaries>,
    /// With ranges, the cost-vs-duration curve's mean and P5–P95 band (set with `summaries`).
    pub band: Option<Vec<BandPoint>>,
}

impl Results {
    /// Computes the results of a scenario.
    #[must_use]
    pub fn of(scenario: &Scenario) -> Self {
        let started = Instant::now();
        let evaluation = Evaluation::of(scenario);
        let curve = cost_curve(&evaluation.point, CURVE_POINTS);
        let timeline = timeline(&evaluation.point, &evaluation.outcome, TIMELINE_POINTS);
        let (tornado_provider, tornado_combined) = tornado_both(scenario);
        Self {
            scenario: scenario.clone(),
            evaluation,
            curve,
            timeline,
            tornado_provider,
            tornado_combined,
            compute_time: started.elapsed(),
            summaries: None,
            band: None,
        }
    }

    /// A money figure as every surface shows it: the Monte Carlo mean with its P5–P95 when the
    /// scenario has ranges, else the deterministic result (DESIGN §2.5).
    #[must_use]
    pub fn figure(&self, output: Output) -> Figure {
        Figure::of(&self.evaluation.outcome, self.summaries.as_ref(), output)
    }

    /// Recomputes if the scenario changed since; returns whether it did.
    pub fn refresh(&mut self, scenario: &Scenario) -> bool {
        if *scenario == self.scenario {
            return false;
        }
        let (summaries, band) = (self.summaries.take(), self.band.take());
        *self = Self::of(scenario);
        (self.summaries, self.band) = (summaries, band);
        true
    }
}
