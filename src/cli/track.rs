//! The track-record commands: `backtest` (the presets against their published losses, DESIGN
//! §10), `solve` (an input for a target, §9) and the time to threshold `eval` prints (§9).

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use serde_json::{Value, json};

use crate::backtest::{self, AGREEMENT, Record};
use crate::format::{hours, money, value};
use crate::results::SamplePlan;
use crate::scenario::{FigureId, Scenario};
use crate::sim::Leaf;
use crate::solve::{self, Solution};
use crate::threshold::{self, Crossing};

/// `outage-cost backtest [--json]`: exit 0 when every published figure agrees with the model.
pub fn backtest(json_out: bool, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let records = backtest::shipped(&AtomicBool::new(false));
    if json_out {
        serde_json::to_writer_pretty(&mut *out, &json!({ "agreement": AGREEMENT, "presets": records }))?;
        writeln!(out)?;
    } else {
        backtest_table(&records, out)?;
    }
    let all_agree = records.iter().flat_map(|r| &r.checks).all(backtest::Check::agrees);
    Ok(if all_agree { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn backtest_table(records: &[Record], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Published losses against the model (Monte Carlo mean with P5–P95 where a preset has ranges)")?;
    writeln!(out, "Agrees: the model within {:.0}% of the published range.", AGREEMENT * 100.0)?;
    for r in records {
        writeln!(out)?;
        writeln!(out, "{} ({})", printable(&r.title), r.id)?;
        writeln!(
            out,
            "  {:<46} {:>21} {:>9} {:>21} {:>8} {:>8}  Agrees",
            "Figure", "Published", "Model", "Model P5–P95", "Error", "Overlap"
        )?;
        for c in &r.checks {
            let code = r.currency.as_str();
            let (published, range) = (c.published_text(code), c.range_text(code));
            let name: String = c.name.chars().take(46).collect();
            writeln!(
                out,
                "  {name:<46} {published:>21} {:>9} {range:>21} {:>8} {:>8}  {}",
                money(c.model, code),
                c.error_text(),
                if c.overlaps { "yes" } else { "no" },
                if c.agrees() { "yes" } else { "NO" }
            )?;
            if !c.published.source.is_empty() {
                writeln!(out, "      source: {}", printable(&c.published.source))?;
            }
        }
    }
    Ok(())
}

/// Text from a file as the terminal should show it: control characters (escape sequences, bells,
/// carriage returns) become `�`, so a scenario cannot drive the terminal.
fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect()
}

/// `outage-cost solve FILE --vary FIELD --target FIGURE=VALUE [--json]`.
pub fn solve(
    scenario: &Scenario,
    vary: &str,
    target: &str,
    json_out: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let Some((figure, amount)) = target.split_once('=') else {
        writeln!(err, "error: --target {target}: write FIGURE=VALUE, e.g. C7=27.5e9 or P=1e6")?;
        return Ok(ExitCode::from(2));
    };
    let figure = match FigureId::parse(figure.trim()) {
        Ok(f) => f,
        Err(e) => {
            writeln!(err, "error: --target {target}: {e}")?;
            return Ok(ExitCode::from(2));
        }
    };
    let Ok(amount) = amount.trim().replace('_', "").parse::<f64>() else {
        writeln!(err, "error: --target {target}: the value after `=` must be a number, e.g. 27.5e9")?;
        return Ok(ExitCode::from(2));
    };
    match solve::solve(scenario, vary, &figure, amount) {
        Ok(s) => {
            if json_out {
                serde_json::to_writer_pretty(&mut *out, &json!({ "scenario": scenario.title(), "solution": s }))?;
                writeln!(out)?;
            } else {
                solution_text(scenario, &s, out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(ExitCode::from(1))
        }
    }
}

fn solution_text(scenario: &Scenario, s: &Solution, out: &mut dyn Write) -> io::Result<()> {
    let code = scenario.currency.code.as_str();
    let unit = solve::solvable(scenario)
        .into_iter()
        .find(|(l, _)| l.path() == s.path)
        .map_or(crate::scenario::Unit::Count, |(l, _): (Leaf, _)| l.unit());
    writeln!(out, "{}", printable(scenario.title()))?;
    writeln!(
        out,
        "{} = {} gives {} = {} (every other input as entered)",
        s.path,
        value(s.value, unit, code),
        crate::model::figure_name(&s.figure),
        money(s.achieved, code)
    )?;
    writeln!(out, "  exact value: {}", s.value)?;
    writeln!(
        out,
        "  as entered: {} = {} gives {}",
        s.path,
        value(s.value_before, unit, code),
        money(s.figure_before, code)
    )?;
    Ok(())
}

/// The time to threshold of a scenario, for `eval`.
#[must_use]
pub fn crossings(
    scenario: &Scenario,
    samples: Option<u64>,
    seed: Option<u64>,
    tolerance: Option<f64>,
) -> Vec<Crossing> {
    threshold::time_to_threshold(scenario, tolerance, SamplePlan::of(scenario, samples, seed), &AtomicBool::new(false))
}

/// The time-to-threshold lines of `eval`'s table.
pub fn crossings_table(scenario: &Scenario, crossings: &[Crossing], out: &mut dyn Write) -> io::Result<()> {
    let code = scenario.currency.code.as_str();
    writeln!(out)?;
    writeln!(out, "  Time to threshold (outage duration at which the provider cost reaches a line; P95 with ranges):")?;
    for c in crossings {
        let p95 = c.p95_hours.map_or_else(String::new, |h| format!("   P95 {}", threshold::when(h)));
        writeln!(
            out,
            "    {:<24} {:>12}   {}{p95}",
            c.line.label,
            money(c.line.amount, code),
            threshold::when(c.hours)
        )?;
    }
    Ok(())
}

/// The time to threshold as JSON (hours; `null` when not reached within a year).
#[must_use]
pub fn crossings_json(crossings: &[Crossing]) -> Value {
    Value::Array(
        crossings
            .iter()
            .map(|c| {
                json!({
                    "line": c.line.label,
                    "amount": c.line.amount,
                    "hours": c.hours,
                    "p95_hours": c.p95_hours,
                    "text": c.hours.map(hours),
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(super::printable("Kakao\u{1b}[2J\r fire"), "Kakao\u{fffd}[2J\u{fffd} fire");
    }
}
