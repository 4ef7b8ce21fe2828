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
        e.band.label(),
        e.severity.level,
        e.severity.name(),
        money(o.market_value_hit, code),
    )
}

/// The Markdown summary; chart images are the PNG files written beside it.
#[must_use]
pub fn report(data: &ReportData, charts: &[(Chart, String)]) -> String {
    let s = &data.scenario;
    let code = data.currency();
    let mut out = format!("# {}\n\n", s.title());
    if !s.description.is_empty() {
        let _ = writeln!(out, "{}\n", s.description);
    }
    out.push_str("## Headline\n\n```\n");
    out.push_str(&summary_text(data));
    out.push_str("```\n\n## Breakdown\n\n| | Component | Cost | Share of P + Eco |\n|---|---|---:|---:|\n");
    let total = data.figure(Output::ProviderCost).value + data.figure(Output::EcosystemLoss).value;
    for c in crate::model::Component::ALL {
        let v = data.figure(Output::Component(c)).value;
        let share = if total > 0.0 { v / total } else { 0.0 };
        let _ = writeln!(out, "| {} | {} | {} | {} |", c.id(), c.name(), money(v, code), percent(share));
    }
    out.push('\n');
    out.push_str(&super::spread::markdown(data));
    out.push_str("## Charts\n\n");
    for (chart, _) in charts {
        let _ = writeln!(out, "![{}]({}.png)\n", chart.name(), chart.file_stem());
    }
    if !s.sources.is_empty() {
        out.push_str("## Sources\n\n");
        for source in &s.sources {
            let _ = writeln!(out, "- [{}]({})", source.label, source.url);
        }
        out.push('\n');
    }
    if !s.assumptions.is_empty() {
        out.push_str("## Assumptions\n\n");
        for a in &s.assumptions {
            let _ = writeln!(out, "- {a}");
        }
    }
    out
}
