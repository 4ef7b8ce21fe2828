//! Times the Monte Carlo engine as the numpy reference times itself: drawing every sample,
//! evaluating the model (every component) and summarising every output (streamed), median of
//! `repeat` runs after a warm-up. Building the draw tables (once per scenario change in the app) is
//! timed with the run. "fresh" starts from nothing every run, as a one-shot command does; "reused"
//! writes the kept rows into the previous run's memory. Used by `scripts/bench.sh`.
//!
//! `cargo run --release --example mc_timing -- FILE SAMPLES REPEAT THREADS`

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use outage_cost::scenario::load;
use outage_cost::sim::{self, Job, Output, Samples};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, samples, repeat, threads] = args.as_slice() else {
        anyhow::bail!("usage: mc_timing FILE SAMPLES REPEAT THREADS");
    };
    let scenario = load::load_file(std::path::Path::new(file))?;
    let (samples, repeat, threads): (usize, usize, usize) = (samples.parse()?, repeat.parse()?, threads.parse()?);
    let go = AtomicBool::new(false);
    let mut kept = Samples::default();
    let mut time = |reuse: bool| {
        let started = Instant::now();
        let job = Job::new(&scenario);
        let mut fresh = Samples::default();
        let out = if reuse { &mut kept } else { &mut fresh };
        let finished = sim::run_into(&job, samples, 42, threads, &go, out);
        let s = [out.summary(Output::ProviderCost), out.summary(Output::EcosystemLoss)];
        (started.elapsed().as_secs_f64(), finished.then_some(s))
    };
    for reuse in [false, true] {
        let _ = time(reuse); // warm-up
        let mut runs: Vec<(f64, _)> = (0..repeat.max(1)).map(|_| time(reuse)).collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (seconds, s) = &runs[runs.len() / 2];
        if let Some(s) = s.as_ref().filter(|_| reuse) {
            println!("P   mean {:.0}  P5 {:.0}  P50 {:.0}  P95 {:.0}", s[0].mean, s[0].p5, s[0].p50, s[0].p95);
            println!("Eco mean {:.0}  P5 {:.0}  P50 {:.0}  P95 {:.0}", s[1].mean, s[1].p5, s[1].p50, s[1].p95);
        }
        let kind = if reuse { "reused" } else { "fresh" };
        println!("mc_seconds_{kind}: {seconds:.6}  (median of {repeat}, {threads} thread(s), {samples} samples)");
    }
    Ok(())
}
