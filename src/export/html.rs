//! `report.html`: one self-contained file (inline SVG charts, no external resources) that opens
//! offline and prints cleanly.

use std::fmt::Write as _;

use super::{Chart, ReportData};
use crate::format::{money, money_exact, value};
use crate::model::{Component, explain};
use crate::sim::Output;

/// The report's fonts: the bundled CJK subset, embedded, so 카카오톡 and 微信 never show as boxes on
/// a machine without CJK fonts; Latin text uses the reader's own sans-serif.
fn font_face() -> String {
    use base64::Engine as _;
    format!(
        "@font-face {{ font-family: 'Outage CJK'; src: url(data:font/otf;base64,{}) format('opentype'); }}\n\
         body, svg text {{ font-family: 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, 'Outage CJK', sans-serif; }}\n",
        base64::engine::general_purpose::STANDARD.encode(crate::assets::CJK_PRESETS)
    )
}

const STYLE: &str = "
body { color: #222; max-width: 1100px;
       margin: 2em auto; padding: 0 1.5em; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.lead { font-size: 1.1em; } .meta { color: #666; font-size: 0.9em; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px; }
.card { border: 1px solid #ddd; border-radius: 8px; padding: 10px 12px; }
.card .k { color: #666; font-size: 0.85em; } .card .v { font-size: 1.6em; font-weight: bold; }
.card .c { color: #666; font-size: 0.8em; }
.band { color: white; border: none; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; } td.n, th.n { text-align: right; }
code { background: #f5f5f5; padding: 1px 4px; border-radius: 3px; }
figure { margin: 1.5em 0; } figure svg { width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #666; font-size: 0.9em; }
@media print { body { max-width: none; margin: 0; } figure, table, .cards { break-inside: avoid; } a { color: #222; } }
";

/// Escapes text for HTML (element content and quoted attribute values alike); also valid XML, so
/// the slides' SVG uses it too.
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters show as their visible symbols (␛), others as �.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {
                out.push(char::from_u32(0x2400 + u32::from(c)).filter(|_| u32::from(c) < 0x20).unwrap_or('\u{fffd}'));
            }
            c => out.push(c),
        }
    }
    out
}

/// A link target a reader may follow: http, https and mailto only (a `javascript:` or `data:` URL
/// in a file is shown as text, never linked).
#[must_use]
pub(super) fn safe_link(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme));
    (allowed && !url.chars().any(|c| c.is_control() || c.is_whitespace())).then_some(url)
}

/// The report; `svgs` are the charts already drawn.
#[must_use]
pub fn report(data: &ReportData, svgs: &[(Chart, String)]) -> String {
    let s = &data.scenario;
    let code = data.currency();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}{STYLE}</style>\n</head>\n<body>\n",
        esc(s.title()),
        font_face()
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(s.title()));
    if !s.description.is_empty() {
        let _ = writeln!(out, "<p class=\"lead\">{}</p>", esc(&s.description));
    }
    let _ = writeln!(
        out,
        "<p class=\"meta\">Amounts in {} ({} per US dollar). Produced by outage-cost {}.</p>",
        esc(code),
        data.evaluation.point.get(crate::scenario::Field::PerUsd),
        env!("CARGO_PKG_VERSION")
    );
    cards(&mut out, data);
    band(&mut out, data);
    out.push_str("<h2>Charts</h2>\n");
    for (chart, svg) in svgs {
        let body = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
        let _ = writeln!(out, "<figure>{body}<figcaption>{}</figcaption></figure>", esc(chart.name()));
    }
    breakdown(&mut out, data);
    comparison(&mut out, data);
    monte_carlo(&mut out, data);
    formulas(&mut out, data);
    changes(&mut out, data);
    published(&mut out, data);
    sources(&mut out, data);
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(code));
    out.push_str("</body>\n</html>\n");
    out
}

/// The inputs changed from the preset the scenario came from, and assumptions gone stale.
fn changes(out: &mut String, data: &ReportData) {
    let Some(changes) = crate::changes::from_preset(&data.scenario).filter(|c| !c.inputs.is_empty()) else {
        return;
    };
    let _ = writeln!(
        out,
        "<h2>Changed from the preset “{}”</h2>\n<table>\n<tr><th>Input</th><th>Preset</th><th>Now</th></tr>",
        esc(&changes.preset)
    );
    for c in &changes.inputs {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td><b>{}</b></td></tr>",
            esc(&c.label),
            esc(&c.preset),
            esc(&c.now)
        );
    }
    out.push_str("</table>\n");
    for stale in &changes.stale {
        let _ = writeln!(
            out,
            "<p>⚠ This assumption mentions the preset's {}, which has changed: {}</p>",
            esc(&stale.input),
            esc(&stale.text)
        );
    }
}

fn cards(out: &mut String, data: &ReportData) {
    let code = data.currency();
    let o = &data.evaluation.outcome;
    let with_range = |output: Output| -> (String, String) {
        let f = data.figure(output);
        let context = if f.is_mean() { format!("mean; {}", f.range_text(code)) } else { String::new() };
        (money(f.value, code), context)
    };
    out.push_str("<div class=\"cards\">\n");
    let mut card = |k: &str, (v, c): (String, String)| {
        let _ = writeln!(
            out,
            "<div class=\"card\"><div class=\"k\">{}</div><div class=\"v\">{}</div><div class=\"c\">{}</div></div>",
            esc(k),
            esc(&v),
            esc(&c)
        );
    };
    card("Provider cost", with_range(Output::ProviderCost));
    card("Cost per outage hour", (money(o.cost_per_hour, code), String::new()));
    card("Users affected", (crate::format::compact(o.users_affected), String::new()));
    card("User-hours disrupted", (crate::format::compact(o.user_hours), String::new()));
    card("Ecosystem loss", with_range(Output::EcosystemLoss));
    card("Combined impact", with_range(Output::CombinedImpact));
    card("Annual expected loss", with_range(Output::AnnualExpectedLoss));
    card("Market-value hit", (money(data.figure(Output::MarketValueHit).value, code), "not in totals".to_owned()));
    out.push_str("</div>\n");
}

fn band(out: &mut String, data: &ReportData) {
    let e = &data.evaluation;
    let band = data.uptime_band();
    let [r, g, b] = crate::palette::band_rgb(band);
    let _ = writeln!(
        out,
        "<h2>Uptime Institute band</h2>\n<p><span class=\"card band\" style=\"background: rgb({r},{g},{b}); padding: 3px 10px;\">{}</span> \
         The provider cost is {} in US dollars. The Uptime Institute sorts significant outages by cost into under $100k, \
         $100k–$1M and over $1M; {}.</p>\n<p>Suggested outage severity level: <b>{} ({})</b>, because {}.</p>",
        esc(band.label()),
        esc(&money(data.provider_cost_usd(), "USD")),
        esc(band.context()),
        e.severity.level,
        esc(e.severity.name()),
        esc(&e.severity.reason)
    );
}

fn breakdown(out: &mut String, data: &ReportData) {
    let code = data.currency();
    let o = &data.evaluation.outcome;
    if data.summaries.is_some() {
        out.push_str("<h2>Breakdown</h2>\n<p>Monte Carlo means (the expected cost), so the components add up to the totals.</p>\n");
    } else {
        out.push_str("<h2>Breakdown</h2>\n");
    }
    out.push_str("<table>\n<tr><th></th><th>Component</th><th>Borne by</th><th class=\"n\">Cost</th><th class=\"n\">Exact</th></tr>\n");
    for c in crate::model::Component::ALL {
        let v = data.figure(Output::Component(c)).value;
        let side = if c.side() == crate::model::Side::Provider { "provider" } else { "ecosystem" };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{side}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            c.id(),
            esc(c.name()),
            esc(&money(v, code)),
            esc(&money_exact(v, code))
        );
    }
    for total in crate::results::Total::ALL {
        let note = total.note(data.summaries.is_some()).map_or_else(String::new, |n| format!(" ({n})"));
        let name = format!("{}{note}", total.line());
        let v = total.figure(o, data.summaries.as_ref()).value;
        let _ = writeln!(
            out,
            "<tr><td></td><td colspan=\"2\"><b>{}</b></td><td class=\"n\"><b>{}</b></td><td class=\"n\">{}</td></tr>",
            esc(&name),
            esc(&money(v, code)),
            esc(&money_exact(v, code))
        );
    }
    out.push_str("</table>\n");
}

fn comparison(out: &mut String, data: &ReportData) {
    let pins = &data.compare;
    if pins.len() < 2 {
        return;
    }
    let (code, in_usd) = crate::compare::currency(pins);
    out.push_str("<h2>Comparison</h2>\n");
    if in_usd {
        out.push_str("<p class=\"meta\">The scenarios use different currencies: amounts are in US dollars.</p>\n");
    }
    if pins.iter().any(|p| p.summaries.is_some()) {
        out.push_str("<p class=\"meta\">With ranges, amounts are Monte Carlo means.</p>\n");
    }
    out.push_str("<table>\n<tr><th>Figure</th>");
    for (i, p) in pins.iter().enumerate() {
        let _ = write!(out, "<th class=\"n\">{}</th>", esc(&p.label));
        if i > 0 {
            out.push_str("<th class=\"n\">vs first</th>");
        }
    }
    out.push_str("</tr>\n");
    for row in crate::compare::rows(pins) {
        let _ = write!(out, "<tr><td>{}</td>", esc(&row.name));
        for (i, (v, (abs, rel))) in row.values.iter().zip(row.deltas()).enumerate() {
            let _ = write!(out, "<td class=\"n\">{}</td>", esc(&value(*v, row.unit, &code)));
            if i > 0 {
                let rel = rel.map_or_else(String::new, |r| format!(" ({})", crate::format::percent(r)));
                let _ = write!(out, "<td class=\"n\">{}{}</td>", esc(&value(abs, row.unit, &code)), esc(&rel));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    for (after, before, r) in data.returns.iter().filter_map(|m| Some((pins.get(m.after)?, &m.before, &m.result))) {
        let c = after.scenario.currency.code.as_str();
        let _ = writeln!(
            out,
            "<h3>Return on the mitigation: {} against {}</h3>\n<table>\n\
             <tr><td>Annual expected loss before / after</td><td class=\"n\">{} / {}</td></tr>\n\
             <tr><td>Annual cost (running + investment over its life)</td><td class=\"n\">{}</td></tr>\n\
             <tr><td>Net annual benefit</td><td class=\"n\">{}</td></tr>\n\
             <tr><td>Return on the mitigation</td><td class=\"n\">{}</td></tr>\n\
             <tr><td>Payback of the investment</td><td class=\"n\">{}</td></tr>\n\
             <tr><td>Break-even annual budget / investment</td><td class=\"n\">{} / {}</td></tr>\n</table>",
            esc(&after.label),
            esc(&before.label),
            esc(&money(r.ale_before, c)),
            esc(&money(r.ale_after, c)),
            esc(&money(r.annual_cost, c)),
            esc(&money(r.net_benefit, c)),
            r.roi.map_or_else(|| "—".to_owned(), crate::format::percent),
            r.payback_years.map_or_else(|| "never".to_owned(), |y| format!("{y:.1} years")),
            esc(&money(r.break_even_annual_budget, c)),
            esc(&money(r.break_even_investment, c)),
        );
    }
}

fn monte_carlo(out: &mut String, data: &ReportData) {
    let Some(samples) = &data.samples else { return };
    let code = data.currency();
    let _ = writeln!(
        out,
        "<h2>Uncertainty</h2>\n<p>{} Monte Carlo samples (seed {}) over {} uncertain inputs: {}.</p>\n<table>\n<tr><th>Figure</th><th class=\"n\">Mean</th><th class=\"n\">P5</th><th class=\"n\">Median</th><th class=\"n\">P95</th></tr>",
        crate::format::grouped(samples.count as f64, 0),
        samples.seed,
        samples.uncertain.len(),
        esc(&samples.uncertain.iter().map(|l| l.path()).collect::<Vec<_>>().join(", "))
    );
    for output in Output::ALL.into_iter().filter(|o| *o != Output::EffectiveHours) {
        let s = samples.summary(output);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(output.name()),
            esc(&money(s.mean, code)),
            esc(&money(s.p5, code)),
            esc(&money(s.p50, code)),
            esc(&money(s.p95, code))
        );
    }
    out.push_str("</table>\n");
    out.push_str(&super::spread::html(data, esc));
}

fn formulas(out: &mut String, data: &ReportData) {
    let code = data.currency();
    out.push_str("<h2>How each figure is computed</h2>\n");
    for c in Component::ALL {
        let x = explain(c, &data.evaluation);
        let _ = writeln!(
            out,
            "<h3>{} {}: {}</h3>\n<p><code>{}</code></p>\n<table>",
            c.id(),
            esc(c.name()),
            esc(&money(x.result, code)),
            esc(x.formula)
        );
        for term in &x.terms {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(term.symbol),
                esc(&term.label),
                esc(&value(term.value, term.unit, code))
            );
        }
        out.push_str("</table>\n");
    }
}

fn sources(out: &mut String, data: &ReportData) {
    let s = &data.scenario;
    if !s.sources.is_empty() {
        out.push_str("<h2>Sources</h2>\n<ul>\n");
        for source in &s.sources {
            if source.url.is_empty() {
                let _ = writeln!(out, "<li>{}</li>", esc(&source.label));
            } else if safe_link(&source.url).is_none() {
                let _ =
                    writeln!(out, "<li>{} <span class=\"meta\">{}</span></li>", esc(&source.label), esc(&source.url));
            } else {
                let _ = writeln!(
                    out,
                    "<li><a href=\"{}\">{}</a> <span class=\"meta\">{}</span></li>",
                    esc(&source.url),
                    esc(&source.label),
                    esc(&source.url)
                );
            }
        }
        out.push_str("</ul>\n");
    }
    if !s.assumptions.is_empty() {
        out.push_str("<h2>Assumptions</h2>\n<ul>\n");
        for a in &s.assumptions {
            let _ = writeln!(out, "<li>{}</li>", esc(a));
        }
        out.push_str("</ul>\n");
    }
}

/// The scenario's published figures beside the model's (DESIGN §10), as the backtest reads them.
fn published(out: &mut String, data: &ReportData) {
    let checks = crate::backtest::check(&data.scenario, data.samples.as_ref());
    if checks.is_empty() {
        return;
    }
    let code = data.currency();
    out.push_str("<h2>Published figures beside the model</h2>\n<table>\n");
    out.push_str(
        "<tr><th>Figure</th><th>Published</th><th>Model</th><th>P5–P95</th><th>Error</th><th>Source</th></tr>\n",
    );
    for c in &checks {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.name),
            c.published_text(code),
            money(c.model, code),
            c.range_text(code),
            c.error_text(),
            esc(&c.published.source)
        );
    }
    out.push_str("</table>\n");
}
