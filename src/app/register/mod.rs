//! The register view (DESIGN §8): a register's entries with their rates, mean loss per outage and
//! shares; cards for the annual mean, a 1-in-20 year, the chance of a year without an outage and
//! the tail value at risk; the annual exceedance chart with the tolerance and, with a mitigation,
//! the curve before it; the causes' contributions; and slides. Its own document and undo history
//! ([`document`]); the years are simulated on a worker thread ([`worker`]); paint code only reads
//! the worker's finished results.

mod charts;
pub mod document;
mod entries;
mod present;
pub mod worker;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use egui::{Color32, RichText, Ui, Vec2};

use super::command::Command;
use crate::format::{money, money_exact, percent};
use crate::register::{Investment, Register, Risk};
pub use document::RegisterDoc;
use worker::Worker;

/// An open register and the transient state of its view.
pub struct RegisterView {
    /// The document.
    pub doc: RegisterDoc,
    worker: Option<Worker>,
    /// Show the baseline's figures (without the mitigation) instead of the register's.
    pub show_baseline: bool,
    /// The file name typed for "Add a file".
    pub add_file: String,
    /// A report being written on a background thread: the files written, or the error.
    report: Option<Receiver<Result<Vec<PathBuf>, String>>>,
}

impl RegisterView {
    /// A view of `register`, read from `path` if any.
    #[must_use]
    pub fn new(register: Register, path: Option<PathBuf>) -> Self {
        Self {
            doc: RegisterDoc::new(register, path),
            worker: None,
            show_baseline: false,
            add_file: String::new(),
            report: None,
        }
    }

    /// Per frame, before drawing: the worker gets the newest register and finished results are
    /// taken in; edits settle into undo steps.
    pub fn logic(&mut self, ctx: &egui::Context) {
        let repaint = ctx.clone();
        let origin = self.doc.path().map_or_else(|| "the open register".to_owned(), |p| p.display().to_string());
        let folder = self.doc.folder();
        self.worker.get_or_insert_with(|| Worker::start(move || repaint.request_repaint())).update(
            &self.doc.register,
            &origin,
            folder,
        );
        self.doc.feed_undo(ctx.input(|i| i.time));
    }

    /// Writes the register's report (charts, report.html/md, years.csv) into `dir` on a background
    /// thread, from the figures on screen. `Err` when there are no figures yet.
    pub fn start_report(
        &mut self,
        dir: PathBuf,
        size: crate::export::Size,
        repaint: impl Fn() + Send + 'static,
    ) -> Result<(), String> {
        let Some(c) = self.worker.as_ref().and_then(Worker::computed).filter(|_| self.is_current()) else {
            return Err("the years are still being simulated: export again in a moment".to_owned());
        };
        let (resolved, analysis) = (c.resolved.clone(), c.analysis.clone());
        let (done, inbox) = channel();
        let spawned = std::thread::Builder::new().name("register report".to_owned()).spawn(move || {
            let written = crate::export::register::write_report(
                &resolved,
                &analysis,
                &dir,
                size,
                crate::export::Replace::OnlyReports,
            )
            .map_err(|e| format!("{e:#}"));
            let _ = done.send(written);
            repaint();
        });
        spawned.map_err(|e| format!("cannot start writing the report: {e}"))?;
        self.report = Some(inbox);
        Ok(())
    }

    /// A finished report: how many files were written, or the error.
    pub fn finished_report(&mut self) -> Option<Result<usize, String>> {
        let done = self.report.as_ref()?.try_recv().ok()?;
        self.report = None;
        Some(done.map(|files| files.len()))
    }

    /// Whether the figures shown are for the register as it is now.
    #[must_use]
    pub fn is_current(&self) -> bool {
        self.worker.as_ref().is_some_and(|w| w.is_current(&self.doc.register))
    }

    /// The annual mean shown (the latest finished run), for tests and automation.
    #[must_use]
    pub fn annual_mean(&self) -> Option<f64> {
        self.worker.as_ref().and_then(Worker::computed).map(|c| c.analysis.risk.loss.mean)
    }

    /// How many slides the register's deck has.
    #[must_use]
    pub fn slide_count(&self) -> usize {
        present::slide_count(self.worker.as_ref().and_then(Worker::computed))
    }

    /// The register view, filling the central panel. Returns commands for side effects.
    pub fn ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let computed = self.worker.as_ref().and_then(Worker::computed);
        let current = self.is_current();
        ui.horizontal(|ui| {
            ui.heading(RichText::new(self.doc.register.title()).strong());
            let status = if current { "" } else { "  simulating…" };
            ui.label(RichText::new(status).weak());
        });
        if let Some(error) = self.worker.as_ref().and_then(Worker::error) {
            ui.colored_label(Color32::from_rgb(0xD6, 0x3C, 0x3C), error);
        }
        if let Some(c) = computed {
            let r = &c.analysis.risk;
            let description = crate::format::clipped(&c.register.description, 160);
            let line = ui.label(
                RichText::new(format!(
                    "{} simulated years, seed {}, in {:.0} ms · {description} · amounts per year in {}",
                    crate::format::grouped(r.years as f64, 0),
                    r.seed,
                    r.seconds * 1000.0,
                    r.currency
                ))
                .weak(),
            );
            if matches!(description, std::borrow::Cow::Owned(_)) {
                line.on_hover_text(&c.register.description);
            }
            if let (Some(baseline), Some(investment)) = (&c.baseline_risk, &c.analysis.investment) {
                ui.horizontal(|ui| {
                    ui.label("Show:");
                    ui.selectable_value(&mut self.show_baseline, false, "With the mitigation");
                    ui.selectable_value(&mut self.show_baseline, true, format!("Without it ({})", investment.baseline));
                });
                let shown = if self.show_baseline { baseline } else { r };
                cards_ui(ui, shown);
                investment_cards_ui(ui, investment, &r.currency);
            } else {
                cards_ui(ui, r);
            }
        }
        ui.add_space(6.0);
        let scenarios = computed.map(|c| c.resolved.scenarios.as_slice()).unwrap_or_default();
        let risk = computed.map(|c| &c.analysis.risk);
        let folder = self.doc.folder();
        commands.extend(entries::ui(
            ui,
            &mut self.doc.register,
            scenarios,
            risk,
            &mut self.add_file,
            folder.as_deref(),
        ));
        ui.separator();
        if let Some(c) = computed {
            let height = ui.available_height().max(200.0);
            ui.columns(2, |columns| {
                charts::exceedance_ui(&mut columns[0], &c.analysis, self.show_baseline, height);
                charts::contributions_ui(&mut columns[1], &c.analysis.risk, height);
            });
        }
        commands
    }

    /// The register's slide `slide`, full window.
    pub fn present_ui(&mut self, ui: &mut Ui, slide: usize) {
        let computed = self.worker.as_ref().and_then(Worker::computed);
        present::ui(ui, &mut self.doc.register, computed, slide);
    }
}

/// One card: a title, a big value and a line of context; the exact value on hover.
pub fn card_ui(ui: &mut Ui, title: &str, value: &str, context: &str, hover: &str, width: f32) {
    super::cards::card_frame(ui)
        .show(ui, |ui| {
            ui.set_width(width - 26.0);
            ui.set_height(60.0);
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                ui.label(RichText::new(title).size(12.5).weak());
                ui.label(RichText::new(value).size(24.0).strong());
                ui.add(egui::Label::new(RichText::new(context).size(11.5).weak()).truncate());
            });
        })
        .response
        .on_hover_text(hover);
}

/// The cards of a register's year: the annual mean with P5–P95, a typical year, a 1-in-20 year,
/// the chance of a year without an outage, the tail value at risk.
pub fn cards_ui(ui: &mut Ui, r: &Risk) {
    let code = r.currency.as_str();
    let m = |v: f64| money(v, code);
    let mut cards = vec![
        (
            "Annual loss (mean)",
            m(r.loss.mean),
            format!("P5–P95 {} – {}", m(r.loss.p5), m(r.loss.p95)),
            money_exact(r.loss.mean, code),
        ),
        (
            "A typical year (median)",
            m(r.loss.p50),
            "half the years cost less".to_owned(),
            money_exact(r.loss.p50, code),
        ),
        ("A 1-in-20 year", m(r.loss.p95), format!("1-in-100: {}", m(r.loss.p99)), money_exact(r.loss.p95, code)),
        (
            "Chance of no outage",
            percent(r.chance_no_outage),
            format!("{:.1} outages a year on average", r.mean_outages),
            "The share of simulated years without a single outage".to_owned(),
        ),
        (
            "Tail value at risk",
            m(r.loss.tvar95),
            "mean of the worst 5% of years".to_owned(),
            money_exact(r.loss.tvar95, code),
        ),
    ];
    if let Some(net) = &r.net {
        cards.push((
            "Net of insurance (mean)",
            m(net.mean),
            format!("1-in-20: {}", m(net.p95)),
            money_exact(net.mean, code),
        ));
    }
    if let Some(t) = &r.tolerance {
        let verdict = if t.within { "Within".to_owned() } else { "Exceeded".to_owned() };
        let context = t.crossed_at.map_or_else(|| "at every point given".to_owned(), |x| format!("from {}", m(x)));
        cards.push((
            "Loss tolerance",
            verdict,
            context,
            "The chance of a worse year against the tolerance curve".to_owned(),
        ));
    }
    row_ui(ui, &cards);
}

/// The investment case's cards.
fn investment_cards_ui(ui: &mut Ui, i: &Investment, code: &str) {
    let m = |v: f64| money(v, code);
    let payback = i.payback_years.map_or_else(|| "never".to_owned(), |y| format!("{y:.1} years"));
    let verdict = if i.net_benefit >= 0.0 { "It pays" } else { "It does not pay" };
    let cards = vec![
        (
            "Loss saved per year",
            m(i.mean_saved),
            format!("{} → {}", m(i.mean_before), m(i.mean_after)),
            money_exact(i.mean_saved, code),
        ),
        ("Annual cost", m(i.annual_cost), "running + investment / life".to_owned(), money_exact(i.annual_cost, code)),
        (
            verdict,
            i.roi.map_or_else(|| "—".to_owned(), percent),
            format!("return · payback {payback}"),
            format!("Net benefit {} per year", money_exact(i.net_benefit, code)),
        ),
        (
            "Chance it pays in a year",
            percent(i.chance_pays_off),
            format!("1-in-20 year {} → {}", m(i.p95_before), m(i.p95_after)),
            "The share of paired years in which the loss saved exceeds the annual cost".to_owned(),
        ),
    ];
    row_ui(ui, &cards);
}

fn row_ui(ui: &mut Ui, cards: &[(&str, String, String, String)]) {
    let gap = 8.0;
    let available = ui.available_width();
    let columns = cards.len().max(1);
    let width = ((available - gap * (columns - 1) as f32) / columns as f32).max(120.0);
    ui.spacing_mut().item_spacing = Vec2::splat(gap);
    ui.horizontal_wrapped(|ui| {
        for (title, value, context, hover) in cards {
            card_ui(ui, title, value, context, hover, width);
        }
    });
}
