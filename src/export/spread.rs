//! The report's part on what spreads the cost: the correlations between inputs the run applied,
//! and each uncertain input's rank correlation with P and the combined impact and its share of
//! their variance (DESIGN §2.4), for `report.html` and `report.md`.

use std::fmt::Write as _;

use super::ReportData;
use crate::sim::{Driver, drivers};

/// How the shares are computed, one sentence.
const METHOD: &str = "Rank (Spearman) correlation over the run's first draws; the share of the variance is the \
                      squared rank correlation, normalised over the inputs (a first-order measure).";

/// The drivers of the report's run (none without Monte Carlo).
fn found(data: &ReportData) -> Vec<Driver> {
    data.samples.as_ref().map_or_else(Vec::new, |s| drivers(&data.scenario, s))
}

/// The correlations as `a ↔ b: rank` lines.
fn correlations(data: &ReportData) -> Vec<String> {
    data.scenario.correlations.iter().map(|c| format!("{} ↔ {}: rank correlation {:+.2}", c.a, c.b, c.rank)).collect()
}

/// HTML: a list of the correlations and a table of the drivers; `esc` escapes text.
#[must_use]
pub fn html(data: &ReportData, esc: fn(&str) -> String) -> String {
    let mut out = String::new();
    let pairs = correlations(data);
    if !pairs.is_empty() {
        out.push_str("<h3>Correlated inputs</h3>\n<ul>\n");
        for p in &pairs {
            let _ = writeln!(out, "<li>{}</li>", esc(p));
        }
        out.push_str("</ul>\n");
    }
    let found = found(data);
    if found.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "<h3>What drives the spread</h3>\n<p>{}</p>\n<table>\n<tr><th>Input</th><th class=\"n\">Rank corr. with P</th><th class=\"n\">Share of P's variance</th><th class=\"n\">Rank corr. with combined</th><th class=\"n\">Share of combined's variance</th></tr>",
        esc(METHOD)
    );
    for d in &found {
        let _ = writeln!(
            out,
            "<tr><td>{} <code>{}</code></td><td class=\"n\">{:+.2}</td><td class=\"n\">{:.1}%</td><td class=\"n\">{:+.2}</td><td class=\"n\">{:.1}%</td></tr>",
            esc(&d.label),
            esc(&d.leaf.path()),
            d.provider_rank,
            d.provider_share * 100.0,
            d.combined_rank,
            d.combined_share * 100.0
        );
    }
    out.push_str("</table>\n");
    out
}

/// Markdown: the same, as a list and a table.
#[must_use]
pub fn markdown(data: &ReportData) -> String {
    let mut out = String::new();
    let pairs = correlations(data);
    if !pairs.is_empty() {
        out.push_str("## Correlated inputs\n\n");
        for p in &pairs {
            let _ = writeln!(out, "- {p}");
        }
        out.push('\n');
    }
    let found = found(data);
    if found.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "## What drives the spread\n\n{METHOD}\n\n| Input | Rank corr. with P | Share of P's variance | Rank corr. with combined | Share of combined's variance |\n|---|---:|---:|---:|---:|"
    );
    for d in &found {
        let _ = writeln!(
            out,
            "| {} (`{}`) | {:+.2} | {:.1}% | {:+.2} | {:.1}% |",
            d.label.replace('|', "\\|"),
            d.leaf.path(),
            d.provider_rank,
            d.provider_share * 100.0,
            d.combined_rank,
            d.combined_share * 100.0
        );
    }
    out.push('\n');
    out
}
