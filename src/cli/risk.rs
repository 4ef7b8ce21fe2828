//! The register on the command line (DESIGN §5, §8): `risk REGISTER [--years N] [--seed S]
//! [--json]`, and what `validate`, `report` and `presets` do with registers.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use serde::Serialize;

use crate::format::{money, money_exact, percent};
use crate::register::{self, Analysis, Annual, Investment, Register, Resolved, Risk, presets};
use crate::scenario::{ScenarioError, load};
use crate::sim::default_threads;

/// Whether `file` is a register: a shipped register's id (when no such file exists) or a file
/// that says `kind: Register`.
#[must_use]
pub fn is_register(file: &Path) -> bool {
    if !file.exists() {
        return file.to_str().and_then(presets::find).is_some();
    }
    load::read_file(file).is_ok_and(|bytes| register::is_register_text(&String::from_utf8_lossy(&bytes)))
}

/// Opens a register file, or a shipped register by id when no such file exists.
pub fn open_register(file: &Path) -> Result<Resolved, ScenarioError> {
    if !file.exists()
        && let Some(loaded) = file.to_str().and_then(register::load::load_preset)
    {
        return loaded;
    }
    register::load_file(file)
}

/// Runs `risk`.
pub fn run(
    file: &Path,
    years: Option<u32>,
    seed: Option<u64>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let resolved = match open_register(file) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "{e}")?;
            return Ok(ExitCode::from(1));
        }
    };
    let Some(analysis) =
        register::analyse(&resolved, years.map(|y| y as usize), seed, default_threads(), &AtomicBool::new(false))
    else {
        writeln!(err, "error: the simulation was cancelled")?;
        return Ok(ExitCode::from(1));
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &document(&resolved.register, &analysis))?;
        writeln!(out)?;
    } else {
        table(&analysis, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The JSON of `risk --json`: the register as validated and every figure.
#[derive(Serialize)]
pub struct Document<'a> {
    /// The register.
    pub register: &'a Register,
    /// Its risk.
    pub risk: &'a Risk,
    /// The investment case, with a mitigation.
    pub investment: Option<&'a Investment>,
}

/// The JSON document of an analysis.
#[must_use]
pub fn document<'a>(register: &'a Register, analysis: &'a Analysis) -> Document<'a> {
    Document { register, risk: &analysis.risk, investment: analysis.investment.as_ref() }
}

/// The table of `risk`.
pub fn table(analysis: &Analysis, out: &mut dyn Write) -> io::Result<()> {
    let r = &analysis.risk;
    let code = r.currency.as_str();
    let m = |v: f64| money(v, code);
    writeln!(out, "{}", r.name)?;
    writeln!(
        out,
        "Amounts in {code} per year; {} simulated years, seed {}, {:.2} s ({:.0} years/s)",
        r.years,
        r.seed,
        r.seconds,
        r.years as f64 / r.seconds.max(1e-9)
    )?;
    writeln!(out)?;
    annual_rows("Provider cost (P)", &r.loss, code, out)?;
    annual_rows("Combined impact", &r.combined, code, out)?;
    if let Some(net) = &r.net {
        annual_rows("Net of insurance", net, code, out)?;
    }
    writeln!(out, "  {:<36} {:>10}", "Largest single outage, mean", m(r.largest.mean))?;
    writeln!(out, "  {:<36} {:>10}", "Chance of a year without an outage", percent(r.chance_no_outage))?;
    writeln!(out, "  {:<36} {:>10.2}", "Outages per year, mean", r.mean_outages)?;
    writeln!(out)?;
    writeln!(
        out,
        "  {:<34} {:>12} {:>14} {:>10} {:>8} {:>8}",
        "Entry", "Rate/year", "Mean/outage", "Mean/year", "Mean", "Worst 5%"
    )?;
    for e in &r.entries {
        let name: String = e.scenario.chars().take(34).collect();
        let rate = if e.rate_ranged { format!("~{:.3}", e.rate_mean) } else { format!("{:.3}", e.rate_nominal) };
        writeln!(
            out,
            "  {name:<34} {rate:>12} {:>14} {:>10} {:>8} {:>8}",
            m(e.mean_loss_per_outage),
            m(e.annual_mean),
            percent(e.share_of_mean),
            percent(e.share_of_tail)
        )?;
    }
    if let Some(t) = &r.tolerance {
        writeln!(out)?;
        writeln!(out, "  Loss tolerance: {}", if t.within { "the risk stays within it" } else { "exceeded" })?;
        for (loss, tolerated, simulated) in &t.points {
            writeln!(
                out,
                "    a year worse than {:>10}: tolerated {:>7}, simulated {:>7}",
                m(*loss),
                percent(*tolerated),
                percent(*simulated)
            )?;
        }
        if let Some(x) = t.crossed_at {
            writeln!(out, "    first exceeded at a loss of {}", m(x))?;
        }
    }
    if let Some(i) = &analysis.investment {
        investment(i, code, out)?;
    }
    Ok(())
}

fn annual_rows(label: &str, a: &Annual, code: &str, out: &mut dyn Write) -> io::Result<()> {
    let m = |v: f64| money(v, code);
    writeln!(
        out,
        "  {label:<36} {:>10} {:>26}  (P5–P95 {} – {})",
        m(a.mean),
        money_exact(a.mean, code),
        m(a.p5),
        m(a.p95)
    )?;
    writeln!(
        out,
        "    median {}, P90 {}, 1-in-20 year (P95) {}, 1-in-100 (P99) {}, TVaR 95% {}",
        m(a.p50),
        m(a.p90),
        m(a.p95),
        m(a.p99),
        m(a.tvar95)
    )
}

fn investment(i: &Investment, code: &str, out: &mut dyn Write) -> io::Result<()> {
    let m = |v: f64| money(v, code);
    writeln!(out)?;
    writeln!(out, "  Investment against “{}” (paired years)", i.baseline)?;
    writeln!(
        out,
        "    mean annual loss before {}, after {}, saved {}",
        m(i.mean_before),
        m(i.mean_after),
        m(i.mean_saved)
    )?;
    writeln!(out, "    1-in-20 year before {}, after {}", m(i.p95_before), m(i.p95_after))?;
    writeln!(out, "    annual cost {}, net benefit {}", m(i.annual_cost), m(i.net_benefit))?;
    let roi = i.roi.map_or_else(|| "—".to_owned(), percent);
    let payback = i.payback_years.map_or_else(|| "never".to_owned(), |y| format!("{y:.1} years"));
    writeln!(out, "    return {roi}, payback {payback}, chance it pays off in a year {}", percent(i.chance_pays_off))
}

/// `validate` on a register: `Ok(title)` or the error.
pub fn validate(file: &Path) -> Result<String, ScenarioError> {
    open_register(file).map(|r| r.register.title().to_owned())
}

/// The shipped registers, for `presets`.
pub fn list_presets(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{:<28} {:<38} Name", "Register", "File")?;
    for preset in presets::REGISTERS {
        let name = preset.parse().map_or_else(|e| format!("(invalid: {e})"), |r| r.title().to_owned());
        writeln!(out, "{:<28} {:<38} {name}", preset.id, format!("presets/{}", preset.file_name()))?;
    }
    Ok(())
}
