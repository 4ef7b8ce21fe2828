//! The Monte Carlo run: draw every uncertain input, evaluate the model, keep one column of samples
//! per output.
//!
//! Samples come in chunks of [`CHUNK`]; chunk `c` draws from its own [`Stream`] of `(seed, c)`
//! (input `k` reads its words `k·CHUNK ..`), so the numbers do not depend on how many threads
//! share the work or which thread does which chunk. Threads take the next chunk from a queue as
//! they become free (one that gets less of the processor simply does fewer) and write into that
//! chunk's part of the columns: no allocation per sample, one lock per chunk. A cancel flag is
//! checked between chunks. [`run_into`] reuses the columns of an earlier run, which saves the
//! memory's first-touch cost when runs repeat (the benchmarks use it; the app and the command line
//! draw into fresh columns).
//! Each thread's work is compiled for the widest vector instructions the processor has
//! ([`simd`](super::simd)); the numbers are the same bits on every path.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::lanes::{LANES, Lanes};
use super::leaf::{Leaf, leaves};
use super::rng::Stream;
use super::sampler::Sampler;
use super::simd::{self, Isa, Kernel};
use super::summary::{OUTPUT_COUNT, Output};
use crate::model::{Outcome, Point, Profile, Real, evaluate};
use crate::scenario::Scenario;

/// Samples drawn from one generator stream: the unit of work a thread takes at a time (about
/// 50 µs), small enough to share a run evenly between threads.
pub const CHUNK: usize = 1024;

/// A prepared run: the nominal point and a sampler per uncertain input.
#[derive(Clone, Debug)]
pub struct Job {
    nominal: Point,
    raw_weights: [f64; 24],
    samplers: Vec<Sampler>,
    weights_uncertain: bool,
}

impl Job {
    /// Prepares a scenario (builds the draw tables once).
    #[must_use]
    pub fn new(scenario: &Scenario) -> Self {
        let samplers: Vec<Sampler> = leaves(scenario).iter().filter_map(|(leaf, e)| Sampler::new(*leaf, e)).collect();
        Self {
            nominal: Point::nominal(scenario),
            raw_weights: scenario.outage.traffic_profile.raw_weights().unwrap_or([1.0; 24]),
            weights_uncertain: samplers.iter().any(|s| matches!(s.leaf, Leaf::Weight(_))),
            samplers,
        }
    }

    /// The uncertain inputs, in drawing order.
    #[must_use]
    pub fn uncertain(&self) -> Vec<Leaf> {
        self.samplers.iter().map(|s| s.leaf).collect()
    }
}

/// The samples of one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Samples {
    /// How many draws.
    pub count: usize,
    /// The seed.
    pub seed: u64,
    /// The uncertain inputs that were drawn.
    pub uncertain: Vec<Leaf>,
    /// One column per [`Output`], `count` values each.
    pub columns: Vec<Vec<f64>>,
    /// Wall time of drawing and evaluating.
    pub elapsed: Duration,
}

impl Samples {
    /// The samples of one output.
    #[must_use]
    pub fn column(&self, output: Output) -> &[f64] {
        &self.columns[output.index()]
    }
}

/// Runs `count` draws with `seed` on up to `threads` threads. Returns `None` if `cancel` was set
/// before the run finished, or if `count` is 0.
#[must_use]
pub fn run(job: &Job, count: usize, seed: u64, threads: usize, cancel: &AtomicBool) -> Option<Samples> {
    let mut samples = Samples::default();
    run_into(job, count, seed, threads, cancel, &mut samples).then_some(samples)
}

/// Like [`run`], writing into `out` and reusing its memory. Returns whether the run finished; on
/// `false` the contents of `out` are unspecified.
pub fn run_into(job: &Job, count: usize, seed: u64, threads: usize, cancel: &AtomicBool, out: &mut Samples) -> bool {
    run_with(Isa::best(), job, count, seed, threads, cancel, out)
}

/// [`run_into`] with the work compiled for `isa`.
fn run_with(
    isa: Isa,
    job: &Job,
    count: usize,
    seed: u64,
    threads: usize,
    cancel: &AtomicBool,
    out: &mut Samples,
) -> bool {
    if count == 0 {
        return false;
    }
    let started = Instant::now();
    let chunks = count.div_ceil(CHUNK);
    // Each chunk's part of every output column, handed out in order to whichever thread is free:
    // a thread that gets less of the processor does fewer chunks, and the numbers stay the same.
    out.columns.resize_with(OUTPUT_COUNT, Vec::new);
    let mut parts: Vec<Vec<&mut [f64]>> = (0..chunks).map(|_| Vec::with_capacity(OUTPUT_COUNT)).collect();
    for column in &mut out.columns {
        column.resize(count, 0.0);
        for (part, rows) in parts.iter_mut().zip(column.chunks_mut(CHUNK)) {
            part.push(rows);
        }
    }
    let queue = Mutex::new(parts.into_iter().enumerate());
    // This thread works too, beside `threads − 1` helpers.
    let take_chunks = || work(isa, &Work { job, seed, queue: &queue, cancel });
    let finished = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.clamp(1, chunks)).map(|_| scope.spawn(take_chunks)).collect();
        let done = take_chunks();
        helpers.into_iter().all(|h| h.join().unwrap_or(false)) && done
    });
    out.count = count;
    out.seed = seed;
    out.uncertain = job.uncertain();
    out.elapsed = started.elapsed();
    finished
}

/// Takes chunks from the queue until it is empty (or the run is cancelled), drawing and
/// evaluating each into its part of the outputs; compiled for `isa` (see [`simd`](super::simd):
/// the numbers do not depend on it). Returns whether it was not cancelled.
///
/// Per chunk, each input's draws come first, in one tight loop per input; then the samples are
/// evaluated [`LANES`] at a time, the rest (and every sample when the traffic weights are
/// uncertain, as each then has its own profile) one by one.
fn work(isa: Isa, work: &Work<'_, '_>) -> bool {
    simd::with(isa, work)
}

/// Chunk numbers with their parts of the output columns.
type Queue<'o> = Mutex<std::iter::Enumerate<std::vec::IntoIter<Vec<&'o mut [f64]>>>>;

/// What the threads of a run share.
struct Work<'a, 'o> {
    job: &'a Job,
    seed: u64,
    queue: &'a Queue<'o>,
    cancel: &'a AtomicBool,
}

impl Kernel for &Work<'_, '_> {
    type Output = bool;
    #[inline(always)]
    fn run(self) -> bool {
        let mut evaluator = Evaluator::new(self.job);
        let mut drawn = vec![0.0; self.job.samplers.len() * CHUNK];
        let mut words = vec![0; CHUNK];
        loop {
            if self.cancel.load(Ordering::Relaxed) {
                return false;
            }
            let Some((chunk, mut outputs)) = self.queue.lock().unwrap_or_else(PoisonError::into_inner).next() else {
                return true;
            };
            let n = outputs.first().map_or(0, |o| o.len());
            let stream = Stream::new(self.seed, chunk as u64);
            for (k, (sampler, column)) in self.job.samplers.iter().zip(drawn.chunks_exact_mut(CHUNK)).enumerate() {
                let words = &mut words[..n];
                stream.skip((k * CHUNK) as u64).fill(words);
                sampler.fill(words, &mut column[..n]);
            }
            evaluator.rows(&drawn, n, &mut outputs);
        }
    }
}

/// Evaluates rows of drawn inputs: the nominal point with the uncertain inputs overwritten.
struct Evaluator<'a> {
    job: &'a Job,
    point: Point,
    raw_weights: [f64; 24],
    lanes: Point<Lanes>,
    raw_lanes: [Lanes; 24],
}

impl<'a> Evaluator<'a> {
    fn new(job: &'a Job) -> Self {
        Self {
            job,
            point: job.nominal.clone(),
            raw_weights: job.raw_weights,
            lanes: Point::splat(&job.nominal),
            raw_lanes: job.raw_weights.map(Lanes::splat),
        }
    }

    /// Evaluates rows `0 .. n` of `drawn` (one column of [`CHUNK`] per sampler) into the same
    /// rows of the output columns.
    #[inline(always)]
    fn rows(&mut self, drawn: &[f64], n: usize, outputs: &mut [&mut [f64]]) {
        let columns = || self.job.samplers.iter().zip(drawn.chunks_exact(CHUNK));
        let grouped = if self.job.weights_uncertain { 0 } else { n - n % LANES };
        for k in (0..grouped).step_by(LANES) {
            for (sampler, column) in columns() {
                sampler.leaf.write(&mut self.lanes, &mut self.raw_lanes, Lanes::load(&column[k..]));
            }
            store(&evaluate(&self.lanes), outputs, k);
        }
        for k in grouped..n {
            for (sampler, column) in columns() {
                sampler.leaf.write(&mut self.point, &mut self.raw_weights, column[k]);
            }
            if self.job.weights_uncertain {
                self.point.profile = Some(Profile::normalised(self.raw_weights));
            }
            store(&evaluate(&self.point), outputs, k);
        }
    }
}

/// Writes an outcome into rows `j ..` of the output columns, in [`Output::ALL`] order.
#[inline(always)]
fn store<T: Real>(o: &Outcome<T>, outputs: &mut [&mut [f64]], j: usize) {
    let [provider, ecosystem, combined, annual, market, hours, components @ ..] = outputs else {
        return;
    };
    o.provider_cost.store(&mut provider[j..]);
    o.ecosystem_loss.store(&mut ecosystem[j..]);
    o.combined_impact.store(&mut combined[j..]);
    o.annual_expected_loss.store(&mut annual[j..]);
    o.market_value_hit.store(&mut market[j..]);
    o.effective_hours.store(&mut hours[j..]);
    for (column, value) in components.iter_mut().zip(o.components.0) {
        value.store(&mut column[j..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Component;
    use crate::sim::Leaf;
    use crate::sim::leaf::leaves;
    use crate::sim::rng::SplitMix64;

    /// Every preset, every input moved at random (some tails and shares to 0, so lanes take
    /// different branches): the model on [`LANES`] samples side by side gives what it gives one
    /// sample at a time, to rounding.
    #[test]
    fn lanes_agree_with_one_sample_at_a_time() {
        let mut rng = SplitMix64::new(5);
        let columns = || vec![vec![0.0; LANES]; OUTPUT_COUNT];
        for preset in crate::scenario::presets::PRESETS {
            let scenario = preset.load().unwrap_or_else(|e| panic!("{e}"));
            let nominal = Point::nominal(&scenario);
            for _ in 0..300 {
                let mut lanes = Point::<Lanes>::splat(&nominal);
                let mut raw_lanes = [Lanes::splat(1.0); 24];
                let mut singles = vec![nominal.clone(); LANES];
                let mut raw = [1.0; 24];
                for (leaf, estimate) in leaves(&scenario) {
                    if matches!(leaf, Leaf::Weight(_)) {
                        continue;
                    }
                    let values: [f64; LANES] = std::array::from_fn(|_| {
                        let u = rng.next_open01();
                        leaf.fit(if u < 0.15 { 0.0 } else { estimate.nominal() * 2.0 * u + u })
                    });
                    leaf.write(&mut lanes, &mut raw_lanes, Lanes(values));
                    for (single, v) in singles.iter_mut().zip(values) {
                        leaf.write(single, &mut raw, v);
                    }
                }
                let (mut side_by_side, mut one_by_one) = (columns(), columns());
                store(&evaluate(&lanes), &mut side_by_side.iter_mut().map(Vec::as_mut_slice).collect::<Vec<_>>(), 0);
                let mut slices: Vec<&mut [f64]> = one_by_one.iter_mut().map(Vec::as_mut_slice).collect();
                for (l, single) in singles.iter().enumerate() {
                    store(&evaluate(single), &mut slices, l);
                }
                for l in 0..LANES {
                    let scale = one_by_one[0][l].abs() + one_by_one[1][l].abs();
                    for output in Output::ALL {
                        let (a, b) = (side_by_side[output.index()][l], one_by_one[output.index()][l]);
                        assert!(
                            (a - b).abs() <= 1e-12 * (b.abs() + scale),
                            "{}: {} lane {l}: {a} vs {b}",
                            preset.id,
                            output.key()
                        );
                    }
                }
            }
        }
    }

    /// Every instruction set this processor has gives the same bits as the portable code, for
    /// every preset and the bench scenario, with a run length that leaves a remainder after the
    /// groups of eight.
    #[test]
    fn every_instruction_set_gives_the_same_bits() {
        let go = AtomicBool::new(false);
        let bench =
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/payment_wallet_uncertain.ron"));
        let mut scenarios = vec![crate::scenario::load::load_file(bench).unwrap_or_else(|e| panic!("{e}"))];
        scenarios.extend(crate::scenario::presets::PRESETS.iter().map(|p| p.load().unwrap_or_else(|e| panic!("{e}"))));
        for scenario in &scenarios {
            let job = Job::new(scenario);
            let mut portable = Samples::default();
            assert!(run_with(Isa::Portable, &job, 9_999, 3, 2, &go, &mut portable));
            for isa in [Isa::Avx2, Isa::Avx512].into_iter().filter(|isa| isa.supported()) {
                let mut wide = Samples::default();
                assert!(run_with(isa, &job, 9_999, 3, 2, &go, &mut wide));
                for output in Output::ALL {
                    let same = portable
                        .column(output)
                        .iter()
                        .zip(wide.column(output))
                        .all(|(a, b)| a.to_bits() == b.to_bits());
                    assert!(same, "{}: {isa:?} differs in {}", scenario.name, output.key());
                }
            }
        }
    }

    #[test]
    fn store_follows_the_output_order() {
        let mut o = Outcome { provider_cost: 1.0, ecosystem_loss: 2.0, combined_impact: 3.0, ..Outcome::default() };
        o.annual_expected_loss = 4.0;
        o.market_value_hit = 5.0;
        o.effective_hours = 6.0;
        o.components.0 = std::array::from_fn(|k| 7.0 + k as f64);
        let mut columns = vec![vec![0.0; 1]; OUTPUT_COUNT];
        let mut slices: Vec<&mut [f64]> = columns.iter_mut().map(Vec::as_mut_slice).collect();
        store(&o, &mut slices, 0);
        for output in Output::ALL {
            assert_eq!(columns[output.index()][0], output.of(&o), "{}", output.key());
        }
        assert_eq!(columns[Output::Component(Component::Fines).index()][0], 15.0);
    }
}
