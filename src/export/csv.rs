//! CSV for analysts: the breakdown, the cost-vs-duration curve and the Monte Carlo samples. Numbers
//! are written in Rust's shortest form that reads back to the same value.

use std::fmt::Write as _;

use super::ReportData;
use crate::model::Component;
use std::io::{self, Write as _};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::scenario::Scenario;
use crate::sim::{self, Samples};

/// Quotes a field when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// `id,component,side,value` for C1–C9, then the totals.
#[must_use]
pub fn breakdown(data: &ReportData) -> String {
    let o = &data.evaluation.outcome;
    let mut out = String::from("id,component,side,value\n");
    for (c, v) in o.components.iter() {
        let side = if c.is_transfer() { "provider (transfer)" } else { side(c) };
        let _ = writeln!(out, "{},{},{},{v}", c.id(), field(c.name()), field(side));
    }
    for (id, name, v) in [
        ("P", "Provider cost", o.provider_cost),
        ("Eco", "Ecosystem loss", o.ecosystem_loss),
        ("combined", "Combined impact", o.combined_impact),
        ("per_hour", "Cost per outage hour", o.cost_per_hour),
        ("annual", "Annual expected loss", o.annual_expected_loss),
        ("M", "Market-value hit (not in totals)", o.market_value_hit),
    ] {
        let _ = writeln!(out, "{id},{},total,{v}", field(name));
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
