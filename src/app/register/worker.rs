//! Simulated years off the UI thread: a named worker resolves the newest register it was given
//! (entry scenarios and the baseline are read here, never on the UI thread), simulates its years,
//! cancels a run when a newer register arrives, and asks for a repaint when a result is ready.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use crate::app::background::Newest;
use crate::register::{self, Analysis, Register, Resolved, Risk};
use crate::sim::default_threads;

/// A finished run.
pub struct Computed {
    /// The register it was run for.
    pub register: Register,
    /// The register with its scenarios.
    pub resolved: Resolved,
    /// The figures and years.
    pub analysis: Analysis,
    /// The baseline's own figures on the paired years, with a mitigation.
    pub baseline_risk: Option<Risk>,
}

/// What the worker last finished.
pub enum Outcome {
    /// Figures.
    Done(Box<Computed>),
    /// The register could not be resolved: the message.
    Failed(Box<Register>, String),
}

struct Request {
    register: Register,
    origin: String,
    folder: Option<PathBuf>,
}

/// The UI's handle on the worker thread.
pub struct Worker {
    thread: Newest<Request, Outcome>,
    requested: Option<Register>,
    /// The latest result, kept for display while a newer run is under way.
    pub latest: Option<Outcome>,
}

impl Worker {
    /// Starts the worker thread; `repaint` is called when a result is ready.
    #[must_use]
    pub fn start(repaint: impl Fn() + Send + 'static) -> Self {
        Self { thread: Newest::start("register", run, repaint), requested: None, latest: None }
    }

    /// Asks for a run of `register` if it differs from the last one asked for, cancelling that
    /// run; picks up a finished result. Cheap enough for every frame.
    pub fn update(&mut self, register: &Register, origin: &str, folder: Option<PathBuf>) {
        if self.requested.as_ref() != Some(register) {
            self.requested = Some(register.clone());
            self.thread.ask(Request { register: register.clone(), origin: origin.to_owned(), folder });
        }
        if let Some(done) = self.thread.take() {
            self.latest = Some(done);
        }
    }

    /// Whether the latest result is for `register`.
    #[must_use]
    pub fn is_current(&self, register: &Register) -> bool {
        match &self.latest {
            Some(Outcome::Done(c)) => c.register == *register,
            Some(Outcome::Failed(r, _)) => **r == *register,
            None => false,
        }
    }

    /// The latest figures (perhaps of an earlier version of the register, while a run is under way).
    #[must_use]
    pub fn computed(&self) -> Option<&Computed> {
        match &self.latest {
            Some(Outcome::Done(c)) => Some(c),
            _ => None,
        }
    }

    /// The latest error, if the current register could not be resolved.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        match &self.latest {
            Some(Outcome::Failed(_, message)) => Some(message),
            _ => None,
        }
    }
}

/// The worker's job: resolve the register (reading its files here) and simulate its years.
fn run(request: &Request, cancel: &AtomicBool) -> Option<Outcome> {
    let resolved = match register::resolve(request.register.clone(), &request.origin, None, request.folder.as_deref()) {
        Err(e) => return Some(Outcome::Failed(Box::new(request.register.clone()), format!("{e:#}"))),
        Ok(resolved) => resolved,
    };
    let analysis = register::analyse(&resolved, None, None, default_threads(), cancel)?;
    let baseline_risk = resolved.baseline.as_deref().zip(analysis.baseline_years.as_ref()).map(|(b, years)| {
        // The baseline's years are in this register's currency.
        let mut risk = Risk::of(b, years, analysis.risk.seed);
        risk.currency.clone_from(&analysis.risk.currency);
        risk
    });
    Some(Outcome::Done(Box::new(Computed { register: request.register.clone(), resolved, analysis, baseline_risk })))
}
