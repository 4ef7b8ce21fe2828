//! Times the Monte Carlo engine as the numpy reference times itself: drawing every sample,
//! evaluating the model (every component) and summarising P and Eco, median of `repeat` runs after
//! a warm-up. Used by `scripts/bench.sh`.
//!
//! `cargo run --release --example mc_timing -- FILE SAMPLES REPEAT THREADS`

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use outage_cost::scenario::load;
use outage_cost::sim::{self, Job, Output, Summary};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, samples, repeat, threads] = args.as_slice() else {
        anyhow::bail!("usage: mc_timing FILE SAMPLES REPEAT THREADS");
    };
    let scenario = load::load_file(std::path::Path::new(file))?;
    let (samples, repeat, threads): (usize, usize, usize) =
        (samples.parse()?, repeat.parse()?, threads.parse()?);
    let go = AtomicBool::new(false);
    let time = || {
        let started = Instant::now();
        let job = Job::new(&scenario);
        let run = sim::run(&job, samples, 42, threads, &go);
        let summaries = run.map(|s| {
            (
                Summary::of(s.column(Output::ProviderCost)),
                Summary::of(s.column(Output::EcosystemLoss)),
            )
        });
        (started.elapsed().as_secs_f64(), summaries)
    };
    let _ = time(); // warm-up
    let mut runs: Vec<(f64, _)> = (0..repeat.max(1)).map(|_| time()).collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (seconds, summaries) = &runs[runs.len() / 2];
    if let Some((p, eco)) = summaries {
        println!(
            "P   mean {:.0}  P5 {:.0}  P50 {:.0}  P95 {:.0}",
            p.mean, p.p5, p.p50, p.p95
        );
        println!(
            "Eco mean {:.0}  P5 {:.0}  P50 {:.0}  P95 {:.0}",
            eco.mean, eco.p5, eco.p50, eco.p95
        );
    }
    println!(
        "mc_seconds: {seconds:.6}  (median of {repeat}, {threads} thread(s), {samples} samples)"
    );
    Ok(())
}
