//! The register's report (DESIGN §8, §5 `report`): its charts (PNG and SVG), `report.html`,
//! `report.md` and `years.csv` with one row per simulated year, written into a folder. The
//! figures are the ones `outage-cost risk` prints: both read [`Analysis`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::charts::register::{self as charts, RegisterChart};
use super::{ExportError, Replace, Size};
use crate::format::{money, percent};
use crate::register::{Analysis, Annual, Resolved};

/// Writes the register's report into `dir` (created if needed). Like a scenario's report it is
/// written beside `dir` and swapped in whole, so the folder holds exactly one report; `replace`
/// says what an existing folder may hold. Returns the files written.
pub fn write_report(
    resolved: &Resolved,
    a: &Analysis,
    dir: &Path,
    size: Size,
    replace: Replace,
) -> Result<Vec<PathBuf>, ExportError> {
    super::folder::write_whole(dir, replace, &mut |staging| {
        let mut written = Vec::new();
        let mut put = |name: String, bytes: &[u8]| -> Result<(), ExportError> {
            super::folder::put(staging, &name, bytes)?;
            written.push(name);
            Ok(())
        };
        let mut svgs = Vec::new();
        for chart in RegisterChart::ALL {
            let svg = charts::svg(chart, a, size)?;
            put(format!("{}.svg", chart.file_stem()), svg.as_bytes())?;
            put(format!("{}.png", chart.file_stem()), &charts::png(chart, a, size)?)?;
            svgs.push((chart, svg));
        }
        put("report.html".to_owned(), html(resolved, a, &svgs).as_bytes())?;
        put("report.md".to_owned(), markdown(resolved, a).as_bytes())?;
        put("years.csv".to_owned(), years_csv(resolved, a).as_bytes())?;
        Ok(written)
    })
}

/// One row per simulated year: outages, the total, the combined impact, the largest outage, each
/// entry's part, net of insurance and the baseline's total when there are.
#[must_use]
pub fn years_csv(resolved: &Resolved, a: &Analysis) -> String {
    let y = &a.years;
    let mut text = String::from("year,outages,provider_cost,combined_impact,largest_outage");
    for entry in &resolved.register.entries {
        let _ = write!(text, ",{}", csv_field(&format!("entry:{}", entry.scenario)));
    }
    if y.net.is_some() {
        text.push_str(",net_of_insurance");
    }
    if a.baseline_years.is_some() {
        text.push_str(",baseline_provider_cost");
    }
    text.push('\n');
    for i in 0..y.count() {
        let _ = write!(text, "{},{},{},{},{}", i + 1, y.outages[i], y.total[i], y.combined[i], y.largest[i]);
        for column in &y.by_entry {
            let _ = write!(text, ",{}", column[i]);
        }
        if let Some(net) = &y.net {
            let _ = write!(text, ",{}", net[i]);
        }
        if let Some(b) = &a.baseline_years {
            let _ = write!(text, ",{}", b.total[i]);
        }
        text.push('\n');
    }
    text
}

fn csv_field(text: &str) -> String {
    let text = text.trim_start_matches(['=', '+', '-', '@']);
    if text.contains([',', '"', '\n']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// The headline lines every report shows, as (label, value).
fn headlines(a: &Analysis) -> Vec<(String, String)> {
    let r = &a.risk;
    let code = r.currency.as_str();
    let m = |v: f64| money(v, code);
    let mut rows = vec![
        ("Annual loss, mean (P5–P95)".to_owned(), format!("{} ({} – {})", m(r.loss.mean), m(r.loss.p5), m(r.loss.p95))),
        ("A typical year (median)".to_owned(), m(r.loss.p50)),
        ("A 1-in-20 year (P95)".to_owned(), m(r.loss.p95)),
        ("A 1-in-100 year (P99)".to_owned(), m(r.loss.p99)),
        ("Tail value at risk (mean of the worst 5% of years)".to_owned(), m(r.loss.tvar95)),
        ("Chance of a year without an outage".to_owned(), percent(r.chance_no_outage)),
        ("Combined impact per year, mean".to_owned(), m(r.combined.mean)),
    ];
    if let Some(net) = &r.net {
        rows.push(("Net of insurance, mean (P95)".to_owned(), format!("{} ({})", m(net.mean), m(net.p95))));
    }
    if let Some(t) = &r.tolerance {
        let verdict = match t.crossed_at {
            None if t.within => "within".to_owned(),
            Some(x) => format!("exceeded from {}", m(x)),
            None => "exceeded".to_owned(),
        };
        rows.push(("Loss tolerance".to_owned(), verdict));
    }
    if let Some(i) = &a.investment {
        rows.push(("Mean loss saved per year".to_owned(), m(i.mean_saved)));
        rows.push(("Annual cost of the mitigation".to_owned(), m(i.annual_cost)));
        rows.push(("Return".to_owned(), i.roi.map_or_else(|| "—".to_owned(), percent)));
        rows.push((
            "Payback".to_owned(),
            i.payback_years.map_or_else(|| "never".to_owned(), |y| format!("{y:.1} years")),
        ));
        rows.push(("Chance it pays off in a year".to_owned(), percent(i.chance_pays_off)));
    }
    rows
}

fn entry_rows(a: &Analysis) -> Vec<[String; 6]> {
    let code = a.risk.currency.as_str();
    a.risk
        .entries
        .iter()
        .map(|e| {
            [
                e.name.clone(),
                format!("{:.3}{}", e.rate_mean, if e.rate_ranged { " (range)" } else { "" }),
                money(e.mean_loss_per_outage, code),
                money(e.annual_mean, code),
                percent(e.share_of_mean),
                percent(e.share_of_tail),
            ]
        })
        .collect()
}

const ENTRY_HEADERS: [&str; 6] =
    ["Cause", "Outages per year", "Mean loss per outage", "Mean per year", "Share of mean", "Share of worst 5%"];

/// Text made safe for HTML.
fn escape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// Text made safe for Markdown: no markup, no raw HTML.
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().filter(|c| !c.is_control()) {
        if "\\`*_{}[]()#+-.!|<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn html(resolved: &Resolved, a: &Analysis, svgs: &[(RegisterChart, String)]) -> String {
    let reg = &resolved.register;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;}}td,th{{padding:4px 10px;text-align:left;}}\
         svg{{width:100%;height:auto;}}</style></head><body>\n<h1>{}</h1>\n<p>{}</p>\n",
        escape(reg.title()),
        escape(reg.title()),
        escape(&reg.description)
    );
    let _ = write!(
        h,
        "<p>{} simulated years, seed {}, amounts in {}.</p>\n<table>\n",
        a.risk.years,
        a.risk.seed,
        escape(&a.risk.currency)
    );
    for (label, value) in headlines(a) {
        let _ = writeln!(h, "<tr><th>{}</th><td>{}</td></tr>", escape(&label), escape(&value));
    }
    h.push_str("</table>\n<h2>Causes</h2>\n<table><tr>");
    for head in ENTRY_HEADERS {
        let _ = write!(h, "<th>{}</th>", escape(head));
    }
    h.push_str("</tr>\n");
    for row in entry_rows(a) {
        h.push_str("<tr>");
        for cell in row {
            let _ = write!(h, "<td>{}</td>", escape(&cell));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
    for (chart, svg) in svgs {
        let _ = write!(h, "<h2>{}</h2>\n{svg}\n", escape(chart.name()));
    }
    h.push_str("<h2>Sources</h2>\n<ul>\n");
    for s in &reg.sources {
        let safe = s.url.starts_with("https://") || s.url.starts_with("http://");
        if safe {
            let _ = writeln!(h, "<li><a href=\"{}\">{}</a></li>", escape(&s.url), escape(&s.label));
        } else {
            let _ = writeln!(h, "<li>{} ({})</li>", escape(&s.label), escape(&s.url));
        }
    }
    h.push_str("</ul>\n<h2>Assumptions</h2>\n<ul>\n");
    for text in &reg.assumptions {
        let _ = writeln!(h, "<li>{}</li>", escape(text));
    }
    h.push_str("</ul>\n</body></html>\n");
    h
}

fn markdown(resolved: &Resolved, a: &Analysis) -> String {
    let reg = &resolved.register;
    let mut m = String::new();
    let _ = write!(m, "# {}\n\n{}\n\n", md(reg.title()), md(&reg.description));
    let _ =
        write!(m, "{} simulated years, seed {}, amounts in {}.\n\n", a.risk.years, a.risk.seed, md(&a.risk.currency));
    m.push_str("| Figure | Value |\n|---|---|\n");
    for (label, value) in headlines(a) {
        let _ = writeln!(m, "| {} | {} |", md(&label), md(&value));
    }
    m.push_str("\n## Causes\n\n|");
    for head in ENTRY_HEADERS {
        let _ = write!(m, " {} |", md(head));
    }
    m.push_str("\n|---|---|---|---|---|---|\n");
    for row in entry_rows(a) {
        m.push('|');
        for cell in row {
            let _ = write!(m, " {} |", md(&cell));
        }
        m.push('\n');
    }
    m.push_str("\n## Charts\n\n");
    for chart in RegisterChart::ALL {
        let _ = writeln!(m, "![{}]({}.svg)", md(chart.name()), chart.file_stem());
    }
    m.push_str("\n## Sources\n\n");
    for s in &reg.sources {
        let _ = writeln!(m, "- {}: {}", md(&s.label), md(&s.url));
    }
    m.push_str("\n## Assumptions\n\n");
    for text in &reg.assumptions {
        let _ = writeln!(m, "- {}", md(text));
    }
    m
}

/// The annual figures as one line (for the copied summary).
#[must_use]
pub fn summary_line(a: &Annual, code: &str) -> String {
    format!(
        "mean {}, median {}, 1-in-20 year {}, TVaR {}",
        money(a.mean, code),
        money(a.p50, code),
        money(a.p95, code),
        money(a.tvar95, code)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_files_is_escaped() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(md("*bold* [x](y)"), "\\*bold\\* \\[x\\]\\(y\\)");
        assert_eq!(csv_field("=cmd,1"), "\"cmd,1\"");
    }
}
