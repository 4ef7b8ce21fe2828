//! Times the parts of a register's analysis: simulating the years and working out the figures.
#![allow(missing_docs, clippy::unwrap_used)]
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use outage_cost::register::{self, Risk};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let id = args.get(1).map_or("kakao-register", String::as_str);
    let years: usize = args.get(2).and_then(|y| y.parse().ok()).unwrap_or(100_000);
    let threads: usize = args.get(3).and_then(|t| t.parse().ok()).unwrap_or_else(outage_cost::sim::default_threads);
    let r = register::load::load_preset(id).unwrap().unwrap();
    let go = AtomicBool::new(false);
    for _ in 0..7 {
        let t = Instant::now();
        let y = register::simulate(&r, years, r.register.seed, r.register.currency.per_usd.nominal(), threads, &go)
            .unwrap();
        let sim = t.elapsed();
        let t = Instant::now();
        let risk = Risk::of(&r, &y, r.register.seed);
        let fig = t.elapsed();
        println!(
            "simulate {:.1} ms, figures {:.1} ms, mean {:.4e}",
            sim.as_secs_f64() * 1e3,
            fig.as_secs_f64() * 1e3,
            risk.loss.mean
        );
    }
}
