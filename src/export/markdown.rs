//! `report.md`, and the short summary the app copies to the clipboard.

use std::fmt::Write as _;

use super::{Chart, ReportData};
use crate::format::{compact, hours, money, percent};
use crate::sim::Output;

/// A money figure with its Monte Carlo interval when there is one.
fn figure(data: &ReportData, output: Output, nominal: f64) -> String {
    let code = data.currency();
    data.summary(output).map_or_else(
        || money(nominal, code),
        |s| format!("{} (median; 90% between {} and {})", money(s.p50, code), money(s.p5, code), money(s.p95, code)),
    )
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
        figure(data, Output::ProviderCost, o.provider_cost),
        hours(d),
        money(o.cost_per_hour, code),
        compact(o.users_affected),
        compact(o.user_hours),
        figure(data, Output::EcosystemLoss, o.ecosystem_loss),
        figure(data, Output::CombinedImpact, o.combined_impact),
        figure(data, Output::AnnualExpectedLoss, o.annual_expected_loss),
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
    let o = &data.evaluation.outcome;
    let mut out = format!("# {}\n\n", s.title());
    if !s.description.is_empty() {
        let _ = writeln!(out, "{}\n", s.description);
    }
    out.push_str("## Headline\n\n```\n");
    out.push_str(&summary_text(data));
    out.push_str("```\n\n## Breakdown\n\n| | Component | Cost | Share of P + Eco |\n|---|---|---:|---:|\n");
    let total = o.provider_cost + o.ecosystem_loss;
    for (c, v) in o.components.iter() {
        let share = if total > 0.0 { v / total } else { 0.0 };
        let _ = writeln!(out, "| {} | {} | {} | {} |", c.id(), c.name(), money(v, code), percent(share));
    }
    out.push_str("\n## Charts\n\n");
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
