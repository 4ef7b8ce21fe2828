//! `outage-cost`: opens the app, or runs a command-line subcommand (see `--help`).

use std::process::ExitCode;

use clap::Parser;
use outage_cost::cli::{self, Args};

fn main() -> ExitCode {
    let args = Args::parse();
    match &args.command {
        Some(command) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr());
            cli::run(command, &mut out, &mut err).unwrap_or_else(|e| {
                eprintln!("error: {e:#}");
                ExitCode::from(1)
            })
        }
        None => open_app(&args),
    }
}

#[cfg(feature = "gui")]
fn open_app(args: &Args) -> ExitCode {
    let launch = outage_cost::app::Launch {
        file: args.file.clone(),
        screenshot: args.screenshot.clone(),
        present: args.present,
        dark: args.theme.map(|t| t == cli::Theme::Dark),
        data_dir: None,
    };
    match outage_cost::app::run(launch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_args: &Args) -> ExitCode {
    eprintln!("This build has no window (built without the `gui` feature). Try `outage-cost --help`.");
    ExitCode::from(2)
}
