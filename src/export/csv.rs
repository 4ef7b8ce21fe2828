//! CSV for analysts: the breakdown, the cost-vs-duration curve and the Monte Carlo samples. Numbers
//! are written in Rust's shortest form that reads back to the same value.

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::ReportData;
use crate::model::Component;
use crate::results::{Figure, Total};
use crate::scenario::Scenario;
use crate::sim::{self, Output, Samples};

/// Quotes a field when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// `id,component,side,value,p5,p95,as_entered` for C1–C9, then the totals: each value as every
/// surface shows it (the Monte Carlo mean with ranges, with its P5 and P95), and the value with
/// every input as entered.
#[must_use]
pub fn breakdown(data: &ReportData) -> String {
    let o = &data.evaluation.outcome;
    let mut out = String::from("id,component,side,value,p5,p95,as_entered\n");
    let row = |out: &mut String, id: &str, name: &str, side: &str, f: Figure| {
        let (p5, p95) = f.range.map_or((String::new(), String::new()), |(lo, hi)| (lo.to_string(), hi.to_string()));
        let _ = writeln!(out, "{id},{},{},{},{p5},{p95},{}", field(name), field(side), f.value, f.as_entered);
    };
    for c in Component::ALL {
        let side = if c.is_transfer() { "provider (transfer)" } else { side(c) };
        row(&mut out, c.id(), c.name(), side, data.figure(Output::Component(c)));
    }
    for (id, total) in [
        ("P", Total::ProviderCost),
        ("Eco", Total::EcosystemLoss),
        ("combined", Total::CombinedImpact),
        ("per_hour", Total::CostPerHour),
        ("annual", Total::AnnualExpectedLoss),
        ("M", Total::MarketValueHit),
    ] {
        let name = match total.note(false) {
            Some(note) => format!("{} ({note})", total.name()),
            None => total.name().to_owned(),
        };
        row(&mut out, id, &name, "total", total.figure(o, data.summaries.as_ref()));
    }
    out
}

fn side(c: Component) -> &'static str {
    match c.side() {
        crate::model::Side::Provider => "provider",
        crate::model::Side::Ecosystem => "ecosystem",
    }
}

/// `duration_hours,C1,…,C9,provider_cost,ecosystem_loss`.
#[must_use]
pub fn curve(data: &ReportData) -> String {
    let mut out = String::from("duration_hours");
    for c in Component::ALL {
        let _ = write!(out, ",{}", c.id());
    }
    out.push_str(",provider_cost,ecosystem_loss\n");
    for p in &data.curve {
        let _ = write!(out, "{}", p.duration_hours);
        for (_, v) in p.components.iter() {
            let _ = write!(out, ",{v}");
        }
        let _ = writeln!(out, ",{},{}", p.provider_cost, p.ecosystem_loss);
    }
    out
}

/// Writes `path`: one row per Monte Carlo sample of the run `samples` summarises, one column per
/// output, then one per uncertain input named by its field path; the run's draws made again, in
/// windows (see [`sim::write_csv`]).
pub fn samples(scenario: &Scenario, samples: &Samples, path: &Path) -> io::Result<()> {
    let mut out = io::BufWriter::new(std::fs::File::create(path)?);
    let job = sim::Job::new(scenario);
    let go = AtomicBool::new(false);
    sim::write_csv(&job, samples.count, samples.seed, sim::default_threads(), &go, &mut out)?;
    out.flush()?;
    out.get_ref().sync_all()
}
