//! Results of the open scenario, computed when the scenario changes and read by every panel: the
//! shared [`ScenarioResults`] (read through `Deref`) plus the tornado both ways and the time taken.
//!
//! A scenario of ordinary size is recomputed at once, so an edit shows in the frame that made it.
//! A large one (thousands of business groups) is recomputed on a worker thread: the panels keep
//! showing the previous results until the new ones are ready, and typing stays fluid.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::changes::Changes;
use crate::results::ScenarioResults;
use crate::scenario::Scenario;
use crate::sim::{Swing, tornado_both};

use super::background::Newest;
use super::document::Version;

/// Business groups above which the results are computed off the UI thread (about 2 ms of work).
pub const LARGE_GROUPS: usize = 2_000;

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
    /// The worker for large scenarios, started when first needed.
    background: Option<Background>,
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
        Self::of_shared(Arc::new(scenario.clone()))
    }

    fn of_shared(scenario: Arc<Scenario>) -> Self {
        let started = Instant::now();
        let (tornado_provider, tornado_combined) = tornado_both(&scenario);
        let changes = crate::changes::from_preset(&scenario);
        Self {
            shared: ScenarioResults::of_shared(scenario),
            tornado_provider,
            tornado_combined,
            changes,
            compute_time: started.elapsed(),
            background: None,
        }
    }

    /// Follows `version` of the scenario: recomputes at once if it changed and is of ordinary
    /// size, or hands it to the worker if it is large (`repaint` is asked for when the worker is
    /// done); takes in what the worker finished. Returns whether the results shown changed. The
    /// spread shown stays until the Monte Carlo worker's next run replaces it.
    pub fn refresh(&mut self, version: &Version, repaint: &egui::Context) -> bool {
        let mut changed = self.take_finished();
        if version.holds(&self.shared.scenario) {
            // Back to what is shown (an undo while a newer version was being computed): that
            // version's results are no longer wanted.
            self.forget_asked();
            return changed;
        }
        if version.businesses.len() > LARGE_GROUPS {
            let repaint = repaint.clone();
            self.background.get_or_insert_with(|| Background::start(move || repaint.request_repaint())).ask(version);
        } else {
            self.forget_asked();
            self.replace(Self::of_shared(Arc::clone(version.shared())));
            changed = true;
        }
        changed
    }

    /// Whether newer results are being computed (a large scenario changed).
    #[must_use]
    pub fn is_pending(&self) -> bool {
        self.background.as_ref().is_some_and(|b| b.asked.as_ref().is_some_and(|v| !v.holds(&self.shared.scenario)))
    }

    /// Stops computing the version last handed to the worker.
    fn forget_asked(&mut self) {
        if let Some(b) = &mut self.background
            && b.asked.take().is_some()
        {
            b.thread.stop();
        }
    }

    fn take_finished(&mut self) -> bool {
        let Some(done) = self.background.as_ref().and_then(Background::finished) else { return false };
        self.replace(done);
        true
    }

    /// Shows `newer`, keeping the spread shown and the worker.
    fn replace(&mut self, newer: Self) {
        let (summaries, band, background) =
            (self.shared.summaries.take(), self.shared.band.take(), self.background.take());
        *self = newer;
        (self.shared.summaries, self.shared.band, self.background) = (summaries, band, background);
    }
}

/// The worker thread that computes a large scenario's results; only the newest version asked
/// for is computed.
struct Background {
    thread: Newest<Version, Results>,
    asked: Option<Version>,
}

impl Background {
    fn start(repaint: impl Fn() + Send + 'static) -> Self {
        let work = |version: &Version, _: &AtomicBool| Some(Results::of_shared(Arc::clone(version.shared())));
        Self { thread: Newest::start("results", work, repaint), asked: None }
    }

    fn ask(&mut self, version: &Version) {
        if self.asked.as_ref() != Some(version) {
            self.thread.ask(version.clone());
            self.asked = Some(version.clone());
        }
    }

    /// The results of the version last asked for, once computed (an older one is dropped).
    fn finished(&self) -> Option<Results> {
        let done = self.thread.take()?;
        let wanted = self.asked.as_ref().is_some_and(|v| Arc::ptr_eq(v.shared(), &done.shared.scenario));
        wanted.then_some(done)
    }
}
