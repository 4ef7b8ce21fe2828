//! `report.md`, and the short summary the app copies to the clipboard.

use std::fmt::Write as _;

use super::{Chart, ReportData};
use crate::format::{compact, hours, money, percent};
use crate::sim::Output;

/// A money figure with its Monte Carlo interval when there is one.
fn figure(data: &ReportData, output: Output) -> String {
    data.figure(output).money_with_range(data.currency())
}

/// A few lines for an email or a chat: the headline figures of the scenario.
#[must_use]
pub fn summary_text(data: &ReportData) -> String {
    let e = &data.evaluation;
    let (o, p) = (&e.outcome, &e.point);
    let code = data.currency();
    let d = p.get(crate::scenario::Field::DurationHours);
    format!(
        "{}\n\
         Provider cost: {} for a {} outage ({} per outage hour)\n\
         Users affected: {}; user-hours disrupted: {}\n\
         Ecosystem loss: {}; combined impact: {}\n\
         Annual expected loss: {}\n\
         Uptime Institute band: {}; suggested severity {} ({})\n\
         Market-value hit (not in totals): {}\n",
        data.scenario.title(),
        figure(data, Output::ProviderCost),
        hours(d),
        money(o.cost_per_hour, code),
        compact(o.users_affected),
        compact(o.user_hours),
        figure(data, Output::EcosystemLoss),
        figure(data, Output::CombinedImpact),
        figure(data, Output::AnnualExpectedLoss),
        data.uptime_band().label(),
        e.severity.level,
        e.severity.name(),
        money(o.market_value_hit, code),
    )
}

/// Text from a file as Markdown shows it literally: punctuation that Markdown (or HTML inside it)
/// would act on is backslash-escaped, line breaks become spaces and control characters are
/// dropped, so a name can neither format the report nor inject HTML or links.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.trim_start().chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // What starts a block (a heading, a list item, a rule) only acts at the start of the text.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let at = if matches!(out.chars().next(), Some('#' | '-' | '+' | '=')) {
        Some(0)
    } else if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        Some(digits)
    } else {
        None
    };
    if let Some(at) = at {
        out.insert(at, '\\');
    }
    out
}

/// A fenced code block around `text` whose fence no run of backticks inside can close.
fn fenced(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let text: String = text.chars().filter(|c| !c.is_control() || *c == '\n').collect();
    format!("{fence}\n{text}{fence}\n")
}

/// The Markdown summary; chart images are the PNG files written beside it.
#[must_use]
pub fn report(data: &ReportData, charts: &[(Chart, String)]) -> String {
    let s = &data.scenario;
    let code = data.currency();
    let mut out = format!("# {}\n\n", escape(s.title()));
    if !s.description.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&s.description));
    }
    out.push_str("## Headline\n\n");
    out.push_str(&fenced(&summary_text(data)));
    out.push_str("\n## Breakdown\n\n| | Component | Cost | Share of P + Eco |\n|---|---|---:|---:|\n");
    let total = data.figure(Output::ProviderCost).value + data.figure(Output::EcosystemLoss).value;
    for c in crate::model::Component::ALL {
        let v = data.figure(Output::Component(c)).value;
        let share = if total > 0.0 { v / total } else { 0.0 };
        let _ = writeln!(out, "| {} | {} | {} | {} |", c.id(), c.name(), escape(&money(v, code)), percent(share));
    }
    out.push('\n');
    out.push_str(&super::spread::markdown(data));
    out.push_str("## Charts\n\n");
    for (chart, _) in charts {
        let _ = writeln!(out, "![{}]({}.png)\n", chart.name(), chart.file_stem());
    }
    if let Some(changes) = crate::changes::from_preset(s).filter(|c| !c.inputs.is_empty()) {
        let _ = writeln!(
            out,
            "## Changed from the preset “{}”\n\n| Input | Preset | Now |\n|---|---|---|",
            escape(&changes.preset)
        );
        for c in &changes.inputs {
            let _ = writeln!(out, "| {} | {} | **{}** |", escape(&c.label), escape(&c.preset), escape(&c.now));
        }
        out.push('\n');
        for stale in &changes.stale {
            let _ = writeln!(
                out,
                "- ⚠ This assumption mentions the preset's {}, which has changed: {}",
                escape(&stale.input),
                escape(&stale.text)
            );
        }
        if !changes.stale.is_empty() {
            out.push('\n');
        }
    }
    published(&mut out, data);
    if !s.sources.is_empty() {
        out.push_str("## Sources\n\n");
        for source in &s.sources {
            match super::html::safe_link(&source.url) {
                Some(url) => {
                    let url = url.replace('(', "%28").replace(')', "%29").replace(' ', "%20");
                    let _ = writeln!(out, "- [{}](<{}>)", escape(&source.label), url.replace(['<', '>'], ""));
                }
                None if source.url.trim().is_empty() => {
                    let _ = writeln!(out, "- {}", escape(&source.label));
                }
                None => {
                    let _ = writeln!(out, "- {} ({})", escape(&source.label), escape(&source.url));
                }
            }
        }
        out.push('\n');
    }
    if !s.assumptions.is_empty() {
        out.push_str("## Assumptions\n\n");
        for a in &s.assumptions {
            let _ = writeln!(out, "- {}", escape(a));
        }
    }
    out
}

/// The scenario's published figures beside the model's (DESIGN §10), as the backtest reads them.
fn published(out: &mut String, data: &ReportData) {
    let checks = crate::backtest::check(&data.scenario, data.samples.as_ref());
    if checks.is_empty() {
        return;
    }
    let code = data.currency();
    out.push_str("## Published figures beside the model\n\n| Figure | Published | Model | P5–P95 | Error | Source |\n|---|---:|---:|---:|---:|---|\n");
    for c in &checks {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            c.name,
            c.published_text(code),
            money(c.model, code),
            c.range_text(code),
            c.error_text(),
            c.published.source
        );
    }
    out.push('\n');
}
