//! The command line (DESIGN §5): the same model as the app, for scripts and terminals.
//!
//! Arguments are parsed once by clap into [`Args`]; each command reads its scenarios through the
//! same loader as the app and prints through [`table`] or JSON. Exit codes: 0 success, 1 a
//! scenario is invalid or cannot be read, 2 bad arguments.

mod json;
pub mod risk;
mod table;
pub mod terminal;
mod track;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::{Parser, Subcommand};

use crate::compare::{self, Mitigation, Pinned};
use crate::export::{self, ReportData, Size};
use crate::results::{SamplePlan, summarise};
use crate::scenario::{Scenario, ScenarioError, load, presets};
use crate::sim::Samples;

/// Outage cost and impact estimator.
#[derive(Debug, Parser)]
#[command(name = "outage-cost", version, about, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// A scenario or register file, or a shipped preset's id, to open in the app (default: the
    /// file open when the app last closed, else the Kakao 2022 preset).
    pub file: Option<PathBuf>,
    /// Render the app's first frames, save the window as a PNG here, and quit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Start in presentation mode on slide N (1-based).
    #[arg(long, value_name = "N")]
    pub present: Option<usize>,
    /// Start in this theme (kept for later sessions).
    #[arg(long, value_enum)]
    pub theme: Option<Theme>,
    /// What to do without a window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The app's colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Theme {
    /// Dark text on light backgrounds.
    Light,
    /// Light text on dark backgrounds.
    Dark,
}

/// Commands that run without a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a scenario's cost breakdown.
    Eval {
        /// Scenario file, or the id of a shipped preset (see `presets`).
        file: PathBuf,
        /// Print JSON: the validated scenario under "scenario" and every result figure.
        #[arg(long)]
        json: bool,
        /// Monte Carlo draws (default: the scenario's `uncertainty.samples` when it has ranges;
        /// 0 turns Monte Carlo off).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=crate::scenario::Uncertainty::MAX_SAMPLES))]
        samples: Option<u64>,
        /// Monte Carlo seed (default: the scenario's `uncertainty.seed`).
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// A loss you can tolerate, in the scenario's currency: the time to threshold shows when
        /// the outage reaches it, beside the Uptime $100k and $1M lines.
        #[arg(long, value_name = "AMOUNT")]
        tolerance: Option<f64>,
    },
    /// Write the charts (PNG and SVG), report.html, report.md and CSV files (and a scenario's
    /// deck.pdf) into a folder; a register's report has its years in years.csv.
    Report {
        /// Scenario or register file, or the id of a shipped preset.
        file: PathBuf,
        /// The folder to write into (created if needed; the report replaces an earlier one whole).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Chart size in pixels.
        #[arg(long, value_name = "WxH", default_value = "1920x1080")]
        size: Size,
        /// Monte Carlo draws (default: the scenario's when it has ranges; 0 turns it off).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=crate::scenario::Uncertainty::MAX_SAMPLES))]
        samples: Option<u64>,
        /// Monte Carlo seed (default: the scenario's or the register's).
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// Replace the folder even if it holds files a report does not write.
        #[arg(long)]
        force: bool,
    },
    /// Compare 2 to 4 scenarios: a delta table and, where a scenario names a mitigation baseline,
    /// the return on the mitigation.
    Compare {
        /// Scenario files or preset ids; the first is the reference for the deltas.
        #[arg(required = true, num_args = 2..=4)]
        files: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check scenario files; print `file:line:col: message` for each problem.
    Validate {
        /// Scenario files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the shipped presets.
    Presets,
    /// The presets against their published losses: published range, model (mean and P5–P95
    /// with ranges), error and whether they agree. Exit 1 when one does not.
    Backtest {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Solve for an input: the value of FIELD at which FIGURE meets a target.
    Solve {
        /// Scenario file, or the id of a shipped preset.
        file: PathBuf,
        /// The input to vary, by its path in the file (`compensation.per_user`,
        /// `businesses[0].count`).
        #[arg(long, value_name = "FIELD")]
        vary: String,
        /// The target: a figure (C1…C9, P, Eco, Combined, M or a sum such as C1+C2) and its value,
        /// as `C7=27.5e9`.
        #[arg(long, value_name = "FIGURE=VALUE")]
        target: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Simulate a register's years: the annual loss, a bad year, which cause drives the tail and
    /// whether its mitigation pays (DESIGN §8).
    Risk {
        /// Register file, or the id of a shipped register (see `presets`).
        file: PathBuf,
        /// Simulated years (default: the register's `years`).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(crate::register::MAX_YEARS)))]
        years: Option<u32>,
        /// Seed (default: the register's `seed`).
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// Print JSON: the register and every figure.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a command, writing its output to `out` and problems to `err`, with control characters
/// from files shown as escapes ([`terminal`]).
pub fn run(command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (mut out, mut err) = (terminal::Escaped::new(out), terminal::Escaped::new(err));
    let code = run_escaped(command, &mut out, &mut err)?;
    out.flush()?;
    err.flush()?;
    Ok(code)
}

fn run_escaped(command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match command {
        Command::Eval { file, json, samples, seed, tolerance } => {
            let scenario = match open(file) {
                Ok(s) => s,
                Err(e) => {
                    writeln!(err, "{e}")?;
                    return Ok(ExitCode::from(1));
                }
            };
            let simulation = simulate(&scenario, *samples, *seed);
            let crossings = track::crossings(&scenario, *samples, *seed, *tolerance);
            if *json {
                let mut document = json::eval_document(&scenario, simulation.as_ref());
                document["time_to_threshold"] = track::crossings_json(&crossings);
                // Written in one piece: the serialiser's many small writes would each pass
                // through the escaping writer and the line-buffered terminal.
                let mut text = serde_json::to_vec_pretty(&document)?;
                text.push(b'\n');
                out.write_all(&text)?;
            } else {
                table::eval(&scenario, simulation.as_ref().map(summarise).as_ref(), out)?;
                track::crossings_table(&scenario, &crossings, out)?;
                if let Some(samples) = &simulation {
                    table::monte_carlo(&scenario, samples, out)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { file, out: dir, size, samples, seed, force } => {
            report(file, dir, *size, (*samples, *seed), *force, out, err)
        }
        Command::Compare { files, json } => {
            let mut pins = Vec::new();
            for file in files {
                match open(file) {
                    Ok(s) => pins.push((file.clone(), Pinned::new(s.title().to_owned(), &s))),
                    Err(e) => {
                        writeln!(err, "{e}")?;
                        return Ok(ExitCode::from(1));
                    }
                }
            }
            let returns = returns(&pins, err)?;
            let pins: Vec<Pinned> = pins.into_iter().map(|(_, p)| p).collect();
            if *json {
                serde_json::to_writer_pretty(&mut *out, &json::compare_document(&pins, &returns))?;
                writeln!(out)?;
            } else {
                table::compare(&pins, &returns, out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { files } => validate(files, out, err),
        Command::Risk { file, years, seed, json } => risk::run(file, *years, *seed, *json, out, err),
        Command::Presets => {
            table::presets(out)?;
            risk::list_presets(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Backtest { json } => track::backtest(*json, out),
        Command::Solve { file, vary, target, json } => match open(file) {
            Ok(scenario) => track::solve(&scenario, vary, target, *json, out, err),
            Err(e) => {
                writeln!(err, "{e}")?;
                Ok(ExitCode::from(1))
            }
        },
    }
}

/// `report`: a scenario's charts, deck and reports, or a register's, written whole into `dir`.
fn report(
    file: &Path,
    dir: &Path,
    size: Size,
    (samples, seed): (Option<u64>, Option<u64>),
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let replace = if force { export::Replace::Anything } else { export::Replace::OnlyReports };
    let written = if risk::is_register(file) {
        let resolved = match risk::open_register(file) {
            Ok(r) => r,
            Err(e) => {
                writeln!(err, "{e}")?;
                return Ok(ExitCode::from(1));
            }
        };
        let Some(analysis) =
            crate::register::analyse(&resolved, None, seed, crate::sim::default_threads(), &AtomicBool::new(false))
        else {
            writeln!(err, "error: the simulation was cancelled")?;
            return Ok(ExitCode::from(1));
        };
        export::register::write_report(&resolved, &analysis, dir, size, replace)
    } else {
        let scenario = match open(file) {
            Ok(s) => s,
            Err(e) => {
                writeln!(err, "{e}")?;
                return Ok(ExitCode::from(1));
            }
        };
        export::write_report_with(&ReportData::new(&scenario, samples, seed), dir, size, replace)
    };
    match written {
        Ok(files) => {
            for f in &files {
                writeln!(out, "{}", f.display())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(ExitCode::from(1))
        }
    }
}

/// `validate`: every file checked, scenario or register; exit 1 when one is not valid.
fn validate(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut all_valid = true;
    for file in files {
        let checked = if risk::is_register(file) {
            risk::validate(file).map(|title| format!("register: {title}"))
        } else {
            load::load_file(file).map(|s| s.title().to_owned())
        };
        match checked {
            Ok(title) => writeln!(out, "{}: ok ({title})", file.display())?,
            Err(e) => {
                all_valid = false;
                writeln!(err, "{e}")?;
            }
        }
    }
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The return of each scenario that names a mitigation baseline: against that baseline when it is
/// among the compared files (by preset id or file stem), else loaded from where it names.
fn returns(pins: &[(PathBuf, Pinned)], err: &mut dyn Write) -> anyhow::Result<Vec<Mitigation>> {
    let mut found = Vec::new();
    for (i, (path, pin)) in pins.iter().enumerate() {
        let m = &pin.scenario.mitigation;
        if m.is_unused() {
            continue;
        }
        let name = m.baseline.trim();
        let stem = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned());
        let listed = pins.iter().find(|(p, _)| stem(p).as_deref() == Some(name) || p.to_str() == Some(name));
        let before = match listed {
            Some((_, b)) => b.clone(),
            None => match compare::load_baseline(&pin.scenario, path.parent()) {
                Ok(s) => Pinned::new(s.title().to_owned(), &s),
                Err(e) => {
                    writeln!(err, "warning: {}: cannot load its baseline “{name}”: {e}", path.display())?;
                    continue;
                }
            },
        };
        let result = compare::mitigation_return(&before, pin);
        found.push(Mitigation { after: i, before, result });
    }
    Ok(found)
}

/// Runs Monte Carlo when the scenario has ranges (with `--samples` and `--seed` if given).
fn simulate(scenario: &Scenario, samples: Option<u64>, seed: Option<u64>) -> Option<Samples> {
    // The figures read the streamed distributions; only the drivers read rows.
    let plan = SamplePlan::of(scenario, samples, seed);
    plan.run_keeping_only(scenario, &crate::sim::DRIVER_OUTPUTS, &AtomicBool::new(false))
}

/// Opens a scenario file, or a shipped preset by id when no such file exists.
pub fn open(file: &Path) -> Result<Scenario, ScenarioError> {
    if !file.exists()
        && let Some(preset) = file.to_str().and_then(presets::find)
    {
        return Ok(preset.load()?);
    }
    if risk::is_register(file) {
        let message = "this is a register, not a scenario: run `outage-cost risk FILE` for its years".to_owned();
        let origin = file.display().to_string();
        return Err(crate::scenario::LoadError { origin, line: 1, column: 1, field: String::new(), message }.into());
    }
    load::load_file(file)
}
