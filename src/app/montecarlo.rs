//! Monte Carlo off the UI thread (`background::Newest`): the worker runs the newest version of the
//! scenario it was given, cancels a run when a newer version arrives, and asks for a repaint when a
//! result is ready. The UI only sends versions and picks up finished results; a frame never waits.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::background::Newest;
use super::document::Version;
use crate::results::{EXCEEDANCE_POINTS, HISTOGRAM_BINS, SamplePlan, ScenarioResults};
use crate::scenario::Scenario;
use crate::sim::{Driver, Output, Samples, Summary, drivers};

/// Histogram bins: `(left edge, width, share of samples)`.
type Bins = Vec<(f64, f64, f64)>;

/// A finished run: the shared [`ScenarioResults`] with its spread (summaries and the curve's
/// band, the same struct the command line and reports compose), and what the Uncertainty tab
/// draws from the samples.
pub struct Analysis {
    /// The scenario's results with the run's summaries and band.
    pub results: ScenarioResults,
    /// The samples.
    pub samples: Samples,
    /// `P(cost > x)` per output of interest: provider cost, combined impact, annual expected loss.
    pub exceedance: Vec<(Output, Vec<(f64, f64)>)>,
    /// Histogram per output of interest.
    pub histograms: Vec<(Output, Bins)>,
    /// What drives the spread, largest share first.
    pub drivers: Vec<Driver>,
}

impl Analysis {
    /// The analysis of a finished run; `None` when cancelled on the way.
    fn of(scenario: &Arc<Scenario>, samples: Samples, cancel: &AtomicBool) -> Option<Self> {
        let results = ScenarioResults::of_shared(Arc::clone(scenario)).with_samples(Some(&samples), cancel);
        if results.band.is_none() || cancel.load(Ordering::Relaxed) {
            return None;
        }
        let shown = [Output::ProviderCost, Output::CombinedImpact, Output::AnnualExpectedLoss];
        Some(Self {
            exceedance: shown.iter().map(|&o| (o, samples.distribution(o).exceedance(EXCEEDANCE_POINTS))).collect(),
            histograms: shown.iter().map(|&o| (o, samples.distribution(o).histogram(HISTOGRAM_BINS))).collect(),
            drivers: drivers(scenario, &samples),
            results,
            samples,
        })
    }

    /// The scenario it was run for.
    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.results.scenario
    }

    /// Whether the run is for `scenario` (the same shared copy, or an equal scenario).
    #[must_use]
    pub fn is_for(&self, scenario: &Arc<Scenario>) -> bool {
        Arc::ptr_eq(&self.results.scenario, scenario) || *self.results.scenario == **scenario
    }

    /// The summary of one output.
    #[must_use]
    pub fn summary(&self, output: Output) -> Summary {
        self.results.summary(output).unwrap_or_else(|| Summary::of(self.samples.column(output)))
    }
}

/// The state of the worker as the UI sees it.
pub enum Status {
    /// The scenario has no ranges (or 0 samples): only the deterministic model applies.
    Off,
    /// A run for the current scenario is under way.
    Running,
    /// The latest finished run is for the current scenario.
    Done,
}

/// The UI's handle on the worker thread.
pub struct Worker {
    thread: Newest<Version, Analysis>,
    requested: Option<Version>,
    /// Whether the version requested has anything to draw.
    ranged: bool,
    /// The latest result, kept for display while a newer run is under way.
    pub latest: Option<Analysis>,
}

impl Worker {
    /// Starts the worker thread; `repaint` is called when a result is ready.
    #[must_use]
    pub fn start(repaint: impl Fn() + Send + 'static) -> Self {
        let thread = Newest::start("monte-carlo", run, repaint);
        Self { thread, requested: None, ranged: false, latest: None }
    }

    /// Asks for a run of `version` if it differs from the last one asked for, cancelling that
    /// run; picks up a finished result. Cheap enough for every frame.
    pub fn update(&mut self, version: &Version) {
        if self.requested.as_ref() != Some(version) {
            self.requested = Some(version.clone());
            self.ranged = has_ranges(version);
            if self.ranged {
                self.thread.ask(version.clone());
            } else {
                self.thread.stop();
            }
        }
        if let Some(done) = self.thread.take() {
            self.latest = Some(done);
        }
    }

    /// Where the worker stands for the version last asked for.
    #[must_use]
    pub fn status(&self) -> Status {
        match &self.requested {
            Some(v) if self.ranged => {
                if self.latest.as_ref().is_some_and(|a| a.is_for(v.shared())) {
                    Status::Done
                } else {
                    Status::Running
                }
            }
            _ => Status::Off,
        }
    }

    /// The latest result while the version last asked for has ranges (an older one is still
    /// shown while the new run is under way).
    #[must_use]
    pub fn analysis(&self) -> Option<&Analysis> {
        if self.ranged { self.latest.as_ref() } else { None }
    }
}

/// Whether Monte Carlo has anything to draw (the one sample-plan rule).
#[must_use]
pub fn has_ranges(scenario: &Scenario) -> bool {
    SamplePlan::of(scenario, None, None).count > 0
}

/// The worker's job: draw the version's samples and analyse them.
fn run(version: &Version, cancel: &AtomicBool) -> Option<Analysis> {
    let samples = SamplePlan::of(version, None, None).run(version, cancel)?;
    Analysis::of(version.shared(), samples, cancel)
}
