//! Plain-text tables for the terminal.

use std::io::{self, Write};

use crate::compare::{self, Mitigation, Pinned, RowKind};
use crate::format::{clock, compact, grouped, hours, money, money_exact, percent, value};
use crate::model::{Component, Evaluation, Side};
use crate::results::{Figure, Summaries, Total};
use crate::scenario::{Field, Scenario, Unit, presets};
use crate::sim::{Output, Samples};

/// The breakdown of `eval`: with Monte Carlo `summaries`, every amount is the mean with its
/// P5–P95 beside it (DESIGN §2.5).
pub fn eval(scenario: &Scenario, summaries: Option<&Summaries>, out: &mut dyn Write) -> io::Result<()> {
    let e = Evaluation::of(scenario);
    let (o, p) = (&e.outcome, &e.point);
    let code = scenario.currency.code.as_str();
    let m = |v: f64| money(v, code);
    let fig = |output: Output| Figure::of(o, summaries, output);
    let spread = |f: &Figure| f.range_text(code);
    writeln!(out, "{}", scenario.title())?;
    writeln!(out, "Amounts in {code} ({} per USD)", p.get(Field::PerUsd))?;
    writeln!(
        out,
        "Outage: {} from {} local time, {} of requests failing, recovery tail {}; effective hours H = {:.3}",
        hours(p.get(Field::DurationHours)),
        clock(p.get(Field::StartHour)),
        percent(p.get(Field::FailureShare)),
        hours(p.get(Field::RecoveryTailHours)),
        o.effective_hours
    )?;
    if summaries.is_some() {
        writeln!(out, "Amounts are Monte Carlo means, with the 5th to 95th percentile beside them.")?;
    }
    writeln!(out)?;
    writeln!(out, "  {:<4} {:<22} {:<10} {:>10} {:>26}", "", "Component", "Side", "Amount", "Exact")?;
    for c in Component::ALL {
        let f = fig(Output::Component(c));
        let v = f.value;
        let side = if c.side() == Side::Provider { "provider" } else { "ecosystem" };
        writeln!(
            out,
            "  {:<4} {:<22} {:<10} {:>10} {:>26}  {}",
            c.id(),
            c.name(),
            side,
            m(v),
            money_exact(v, code),
            spread(&f)
        )?;
        if c == Component::BusinessLoss {
            for b in &e.business_losses {
                let name: String = b.name.chars().take(31).collect();
                let entered = if summaries.is_some() { "  as entered" } else { "" };
                writeln!(out, "       · {name:<31} {:>10} {:>26}{entered}", m(b.value), money_exact(b.value, code))?;
            }
        }
    }
    writeln!(out)?;
    for total in Total::ALL {
        let f = total.figure(o, summaries);
        let how = match (total.symbol(), total.note(summaries.is_some())) {
            (Some(symbol), _) if total == Total::ProviderCost => symbol.to_owned(),
            (_, Some(note)) if total == Total::MarketValueHit => note.to_owned(),
            (_, Some(note)) => format!("{}, {note}", total.formula()),
            _ => total.formula().to_owned(),
        };
        let label = format!("{} ({how})", total.name());
        writeln!(out, "  {label:<38} {:>10} {:>26}  {}", m(f.value), money_exact(f.value, code), spread(&f))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "  Users affected {}, user-hours disrupted {}, SLA downtime {:.1} min (uptime {:.4}%)",
        compact(o.users_affected),
        compact(o.user_hours),
        o.sla_downtime_minutes,
        o.uptime * 100.0
    )?;
    writeln!(out, "  Uptime Institute band: {} (P = {} USD)", e.band.label(), money(o.provider_cost_usd, "USD"))?;
    writeln!(out, "  Suggested severity: {} {} ({})", e.severity.level, e.severity.name(), e.severity.reason)?;
    let benchmarks: Vec<String> =
        e.benchmarks.iter().map(|b| format!("{} {}", b.benchmark.label, m(b.per_hour))).collect();
    writeln!(out, "  Benchmarks per hour: {}; this scenario {}", benchmarks.join(", "), m(o.cost_per_hour))
}

/// The Monte Carlo percentiles of `eval`.
pub fn monte_carlo(scenario: &Scenario, samples: &Samples, out: &mut dyn Write) -> io::Result<()> {
    let code = scenario.currency.code.as_str();
    writeln!(out)?;
    writeln!(
        out,
        "Monte Carlo: {} samples, seed {}, {} uncertain inputs, {:.1} ms",
        grouped(samples.count as f64, 0),
        samples.seed,
        samples.uncertain.len(),
        samples.elapsed.as_secs_f64() * 1e3
    )?;
    writeln!(out, "  {:<26} {:>10} {:>10} {:>10} {:>10}", "", "mean", "P5", "P50", "P95")?;
    for output in Output::ALL {
        if output == Output::EffectiveHours {
            continue;
        }
        let s = samples.summary(output);
        let m = |v: f64| money(v, code);
        writeln!(out, "  {:<26} {:>10} {:>10} {:>10} {:>10}", output.name(), m(s.mean), m(s.p5), m(s.p50), m(s.p95))?;
    }
    Ok(())
}

/// The delta table and mitigation returns of `compare`.
pub fn compare(pins: &[Pinned], returns: &[Mitigation], out: &mut dyn Write) -> io::Result<()> {
    let (code, in_usd) = compare::currency(pins);
    let short = |s: &str| -> String { s.chars().take(22).collect() };
    write!(out, "{:<34}", if in_usd { "(amounts in USD)" } else { "" })?;
    for p in pins {
        write!(out, " {:>22}", short(&p.label))?;
    }
    writeln!(out)?;
    if pins.iter().any(|p| p.summaries.is_some()) {
        writeln!(out, "With ranges, amounts are Monte Carlo means; P5–P95 beneath the totals.")?;
    }
    for row in compare::rows(pins) {
        write!(out, "{:<34}", row.name.chars().take(34).collect::<String>())?;
        for v in &row.values {
            write!(out, " {:>22}", value(*v, row.unit, &code))?;
        }
        writeln!(out)?;
        if row.ranges.iter().any(Option::is_some) && !matches!(row.kind, RowKind::Figure(Output::Component(_))) {
            write!(out, "{:<34}", "  P5–P95")?;
            for range in &row.ranges {
                let text = range.map_or_else(
                    || "no ranges".to_owned(),
                    |(lo, hi)| format!("{}–{}", money(lo, &code), money(hi, &code)),
                );
                write!(out, " {text:>22}")?;
            }
            writeln!(out)?;
        }
        if row.unit == Unit::Money && pins.len() > 1 {
            write!(out, "{:<34} {:>22}", "  change vs first", "")?;
            for (abs, rel) in row.deltas().iter().skip(1) {
                let rel =
                    rel.map_or_else(String::new, |r| format!(" ({}{})", if r > 0.0 { "+" } else { "" }, percent(r)));
                write!(out, " {:>22}", format!("{}{}{rel}", if *abs > 0.0 { "+" } else { "" }, money(*abs, &code)))?;
            }
            writeln!(out)?;
        }
    }
    for Mitigation { after: i, before, result: r } in returns {
        let pin = &pins[*i];
        let code = pin.scenario.currency.code.as_str();
        writeln!(out, "\nMitigation: {} against {}", pin.label, before.label)?;
        writeln!(
            out,
            "  Annual expected loss before {:>12}  after {:>12}  saved {:>12} a year",
            money(r.ale_before, code),
            money(r.ale_after, code),
            money(r.ale_before - r.ale_after, code)
        )?;
        writeln!(out, "  Annual cost (running + investment over its life) {:>12}", money(r.annual_cost, code))?;
        writeln!(out, "  Net annual benefit {:>12}", money(r.net_benefit, code))?;
        writeln!(
            out,
            "  Return on the mitigation {}",
            r.roi.map_or_else(|| "— (it costs nothing)".to_owned(), percent)
        )?;
        writeln!(
            out,
            "  Payback of the investment {}",
            r.payback_years.map_or_else(
                || "never (savings do not cover its running cost)".to_owned(),
                |y| format!("{y:.1} years")
            )
        )?;
        writeln!(
            out,
            "  Break-even: up to {} a year in all, or {} up front over its life",
            money(r.break_even_annual_budget, code),
            money(r.break_even_investment, code)
        )?;
        if let Some(chance) = r.chance_pays_off {
            writeln!(out, "  Chance it pays off (paired Monte Carlo draws) {}", percent(chance))?;
        }
    }
    Ok(())
}

/// The list of `presets`.
pub fn presets(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{:<24} {:<11} {:<34} Name", "Id", "Date", "File")?;
    for preset in presets::PRESETS {
        let name = preset.load().map_or_else(|e| format!("(invalid: {e})"), |s| s.title().to_owned());
        let file = format!("presets/{}", preset.file_name());
        writeln!(out, "{:<24} {:<11} {:<34} {name}", preset.id, preset.incident_date.unwrap_or("—"), file)?;
    }
    Ok(())
}
