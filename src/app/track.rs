//! The Track record tab (DESIGN §10) and the time to threshold (§9) for the cards and the
//! cost-vs-duration chart.
//!
//! Both are computed off the UI thread: the backtest of every shipped preset once, when the tab is
//! first shown; the time to threshold whenever the scenario or the tolerance changes (a newer
//! request cancels the older run). Paint code reads only finished results.

use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, channel};

use egui::{Color32, Grid, RichText, ScrollArea, Ui};
use egui_plot::{Legend, Line, Points};

use super::background::Newest;
use super::document::Version;
use crate::backtest::{AGREEMENT, Record};
use crate::format::money;
use crate::results::SamplePlan;
use crate::threshold::{Crossing, time_to_threshold};

/// The key a time-to-threshold run was made for: the version of the scenario and the tolerance.
type Key = (Version, Option<f64>);

/// Background results of the track record and the time to threshold.
#[derive(Default)]
pub struct Track {
    records: Option<Vec<Record>>,
    records_inbox: Option<Receiver<Vec<Record>>>,
    crossings: Option<(Key, Vec<Crossing>)>,
    requested: Option<Key>,
    worker: Option<Worker>,
}

/// The time-to-threshold worker: one named thread that takes the newest request and abandons a
/// run when a newer one arrives.
type Worker = Newest<Key, (Key, Vec<Crossing>)>;

fn start(repaint: impl Fn() + Send + 'static) -> Worker {
    let work = |key: &Key, cancel: &AtomicBool| {
        let crossings = time_to_threshold(&key.0, key.1, SamplePlan::of(&key.0, None, None), cancel);
        Some((key.clone(), crossings))
    };
    Newest::start("time to threshold", work, repaint)
}

impl Track {
    /// Takes in finished work and starts what is needed: the backtest once `want_records`, the
    /// time to threshold when the scenario or tolerance changed.
    pub fn update(
        &mut self,
        version: &Version,
        tolerance: Option<f64>,
        want_records: bool,
        repaint: impl Fn() + Send + Clone + 'static,
    ) {
        if let Some(inbox) = &self.records_inbox
            && let Ok(records) = inbox.try_recv()
        {
            self.records = Some(records);
            self.records_inbox = None;
        }
        if want_records && self.records.is_none() && self.records_inbox.is_none() {
            let (tx, rx) = channel();
            let done = repaint.clone();
            let spawned = std::thread::Builder::new().name("track record".to_owned()).spawn(move || {
                let _ = tx.send(crate::backtest::shipped(&AtomicBool::new(false)));
                done();
            });
            if spawned.is_ok() {
                self.records_inbox = Some(rx);
            }
        }
        let worker = self.worker.get_or_insert_with(|| start(repaint));
        if let Some(done) = worker.take() {
            self.crossings = Some(done);
        }
        let fresh = self.requested.as_ref().is_some_and(|(v, t)| v == version && *t == tolerance);
        if !fresh {
            worker.ask((version.clone(), tolerance));
            self.requested = Some((version.clone(), tolerance));
        }
    }

    /// The time to threshold of `scenario`, once computed (the last one while it updates).
    #[must_use]
    pub fn crossings(&self) -> Option<&[Crossing]> {
        self.crossings.as_ref().map(|(_, c)| c.as_slice())
    }
}

/// The Track record tab: every preset with published losses, beside the model, as a table and a
/// chart of published against modelled (US dollars, log axes).
pub fn ui(ui: &mut Ui, track: &Track) {
    let Some(records) = &track.records else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Running every preset with published losses…");
        });
        return;
    };
    ui.label(
        RichText::new(format!(
            "Published losses against the model: the Monte Carlo mean with P5–P95 where a preset has ranges. \
             A figure agrees when the model is within {:.0}% of the published range.",
            AGREEMENT * 100.0
        ))
        .weak(),
    );
    ui.columns(2, |columns| {
        ScrollArea::both().id_salt("track table").show(&mut columns[0], |ui| table_ui(ui, records));
        chart_ui(&mut columns[1], records);
    });
}

fn table_ui(ui: &mut Ui, records: &[Record]) {
    Grid::new("track record").num_columns(5).striped(true).spacing([10.0, 4.0]).show(ui, |ui| {
        for h in ["Preset: figure", "Published", "Model", "P5–P95", "Error"] {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for r in records {
            for c in &r.checks {
                let code = r.currency.as_str();
                ui.label(format!("{}: {}", r.id, c.figure)).on_hover_text(format!(
                    "{}\n{}\nSource: {}\n{}",
                    r.title, c.name, c.published.source, c.published.note
                ));
                ui.label(c.published_text(code));
                ui.label(money(c.model, code));
                ui.label(c.range_text(code));
                let colour =
                    if c.agrees() { Color32::from_rgb(0x2E, 0x9D, 0x5B) } else { Color32::from_rgb(0xD0, 0x45, 0x3A) };
                let text = c.error_text();
                ui.label(RichText::new(text).color(colour));
                ui.end_row();
            }
        }
    });
}

/// Published (x) against modelled (y) in US dollars, both on log axes, with the line where they
/// are equal.
fn chart_ui(ui: &mut Ui, records: &[Record]) {
    let mut points = Vec::new();
    let mut whiskers = Vec::new();
    for r in records {
        for c in &r.checks {
            let usd = |v: f64| (v / r.per_usd).max(1.0).log10();
            let x = usd(c.published.middle());
            points.push((format!("{}: {}", r.id, c.figure), [x, usd(c.model)]));
            if let Some((lo, hi)) = c.range {
                whiskers.push([[x, usd(lo)], [x, usd(hi)]]);
            }
            if c.published.low < c.published.high {
                whiskers.push([[usd(c.published.low), usd(c.model)], [usd(c.published.high), usd(c.model)]]);
            }
        }
    }
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, [x, y])| (lo.min(x.min(*y)), hi.max(x.max(*y))));
    let (lo, hi) = if lo.is_finite() { (lo.floor(), hi.ceil()) } else { (0.0, 1.0) };
    let ticks = |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| money(10f64.powf(mark.value), "USD");
    let names: Vec<(String, [f64; 2])> = points.clone();
    super::charts::plot("track record chart")
        .legend(Legend::default().position(egui_plot::Corner::RightBottom))
        .x_axis_label("Published (USD, log)")
        .y_axis_label("Model (USD, log)")
        .x_axis_formatter(ticks)
        .y_axis_formatter(ticks)
        .include_x(lo)
        .include_x(hi)
        .include_y(lo)
        .include_y(hi)
        .label_formatter(move |hover| {
            let p = super::charts::hover_point(hover);
            let nearest = names.iter().min_by(|a, b| {
                let d = |q: &[f64; 2]| (q[0] - p.x).powi(2) + (q[1] - p.y).powi(2);
                d(&a.1).total_cmp(&d(&b.1))
            });
            nearest.map(|(name, [x, y])| {
                format!("{name}\npublished {}\nmodel {}", money(10f64.powf(*x), "USD"), money(10f64.powf(*y), "USD"))
            })
        })
        .show(ui, |plot_ui| {
            plot_ui.line(Line::new("Model = published", vec![[lo, lo], [hi, hi]]).color(Color32::from_gray(140)));
            for w in whiskers {
                plot_ui.line(
                    Line::new("P5–P95 and published range", w.to_vec())
                        .color(Color32::from_rgb(0x2F, 0x6E, 0xEB).gamma_multiply(0.5)),
                );
            }
            let xy: Vec<[f64; 2]> = points.iter().map(|(_, p)| *p).collect();
            plot_ui.points(Points::new("Presets", xy).radius(4.0).color(Color32::from_rgb(0x2F, 0x6E, 0xEB)));
        });
}
