//! Monte Carlo off the UI thread: a named worker runs the newest scenario it was given, cancels a
//! run when a newer scenario arrives, and asks for a repaint when a result is ready. The UI only
//! sends scenarios and picks up finished results; a frame never waits for it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};

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
    fn of(scenario: &Scenario, samples: Samples, cancel: &AtomicBool) -> Option<Self> {
        let results = ScenarioResults::of(scenario).with_samples(Some(&samples), cancel);
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

    /// The summary of one output.
    #[must_use]
    pub fn summary(&self, output: Output) -> Summary {
        self.results.summary(output).unwrap_or_else(|| Summary::of(self.samples.column(output)))
    }
}

struct Request {
    scenario: Scenario,
    cancel: Arc<AtomicBool>,
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
    requests: Sender<Request>,
    finished: Arc<Mutex<Option<Analysis>>>,
    requested: Option<Scenario>,
    cancel: Arc<AtomicBool>,
    /// The latest result, kept for display while a newer run is under way.
    pub latest: Option<Analysis>,
}

impl Worker {
    /// Starts the worker thread; `repaint` is called when a result is ready.
    #[must_use]
    pub fn start(repaint: impl Fn() + Send + 'static) -> Self {
        let (requests, inbox) = channel::<Request>();
        let finished = Arc::new(Mutex::new(None));
        let out = Arc::clone(&finished);
        let spawned =
            std::thread::Builder::new().name("monte-carlo".to_owned()).spawn(move || serve(&inbox, &out, &repaint));
        if let Err(e) = spawned {
            // Without the thread the app still works; the cards show the deterministic figures.
            eprintln!("warning: cannot start the Monte Carlo worker: {e}");
        }
        Self { requests, finished, requested: None, cancel: Arc::new(AtomicBool::new(false)), latest: None }
    }

    /// Asks for a run of `scenario` if it differs from the last one asked for, cancelling that
    /// run; picks up a finished result. Cheap enough for every frame.
    pub fn update(&mut self, scenario: &Scenario) {
        if self.requested.as_ref() != Some(scenario) {
            self.cancel.store(true, Ordering::Relaxed);
            self.cancel = Arc::new(AtomicBool::new(false));
            self.requested = Some(scenario.clone());
            if has_ranges(scenario) {
                let request = Request { scenario: scenario.clone(), cancel: Arc::clone(&self.cancel) };
                // A closed channel means the worker is gone; the deterministic figures remain.
                let _ = self.requests.send(request);
            }
        }
        if let Some(done) = self.finished.lock().unwrap_or_else(PoisonError::into_inner).take() {
            self.latest = Some(done);
        }
    }

    /// Where the worker stands for `scenario`.
    #[must_use]
    pub fn status(&self, scenario: &Scenario) -> Status {
        if !has_ranges(scenario) {
            Status::Off
        } else if self.latest.as_ref().is_some_and(|a| a.scenario() == scenario) {
            Status::Done
        } else {
            Status::Running
        }
    }

    /// The latest result if it belongs to `scenario`'s ranges (an older one is still shown while
    /// the new run is under way).
    #[must_use]
    pub fn analysis(&self, scenario: &Scenario) -> Option<&Analysis> {
        if has_ranges(scenario) { self.latest.as_ref() } else { None }
    }
}

/// Whether Monte Carlo has anything to draw (the one sample-plan rule).
#[must_use]
pub fn has_ranges(scenario: &Scenario) -> bool {
    SamplePlan::of(scenario, None, None).count > 0
}

fn serve(inbox: &Receiver<Request>, out: &Mutex<Option<Analysis>>, repaint: &dyn Fn()) {
    while let Ok(mut request) = inbox.recv() {
        // Only the newest request matters.
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        let plan = SamplePlan::of(&request.scenario, None, None);
        let samples = plan.run(&request.scenario, &request.cancel);
        if let Some(analysis) = samples.and_then(|s| Analysis::of(&request.scenario, s, &request.cancel)) {
            *out.lock().unwrap_or_else(PoisonError::into_inner) = Some(analysis);
            repaint();
        }
    }
}
