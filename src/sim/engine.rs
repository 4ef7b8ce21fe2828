//! The Monte Carlo run: draw every uncertain input, evaluate the model, and stream every output
//! into a [`Distribution`] (mean, range, fine histogram) in memory that does not grow with the
//! count; the first [`KEPT`] rows of every output and input are kept as they are (for paired
//! comparisons, the drivers of the spread and small exports), and [`write_csv`] writes every row to
//! a file window by window.
//!
//! Samples come in chunks of [`CHUNK`]; chunk `c` draws from its own [`Stream`] of `(seed, c)`
//! (input `k` reads its words `k·CHUNK ..`), so the numbers do not depend on how many threads
//! share the work or which thread does which chunk. Chunks are grouped into at most [`UNITS`]
//! units of work, a number that depends only on the count; threads take the next unit from a
//! queue as they become free (one that gets less of the processor simply does fewer), evaluate its
//! chunks into a buffer of their own that stays in cache, count them into their tallies and add up
//! each unit's sum in chunk order. The counts are integers and the units' sums are added in unit
//! order, so the summaries are the same bits on any number of threads. A cancel flag is checked
//! between chunks. Correlated inputs have their uniforms moved by a Gaussian copula
//! ([`correlation`](super::correlation)) before their inverse CDF is applied.
//! Each thread's work is compiled for the widest vector instructions the processor has
//! ([`simd`](super::simd)); the numbers are the same bits on every path.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::correlation::Copula;
use super::lanes::{LANES, Lanes};
use super::leaf::{Leaf, leaves};
use super::rng::Stream;
use super::sampler::Sampler;
use super::simd::{self, Isa, Kernel};
use super::stats::{Distribution, Tally};
use super::summary::{OUTPUT_COUNT, Output, Summary};
use crate::model::{Outcome, Point, Profile, Real, evaluate};
use crate::scenario::Field;
use crate::scenario::Scenario;

/// Samples drawn from one generator stream (about 50 µs of work).
pub const CHUNK: usize = 1024;
/// Rows of every output and input a run keeps as they are: the first ones drawn.
pub const KEPT: usize = 10_000;
/// The most units of work a run is cut into (each unit's sum is kept until the end).
pub const UNITS: usize = 4096;
/// Rows [`write_csv`] draws at a time.
const WINDOW: usize = 64 * CHUNK;

/// A prepared run: the nominal point, a sampler per uncertain input and their correlations.
#[derive(Clone, Debug)]
pub struct Job {
    nominal: Point,
    raw_weights: [f64; 24],
    samplers: Vec<Sampler>,
    weights_uncertain: bool,
    copula: Option<Copula>,
    /// Which outputs' first rows a run keeps (every input's are kept).
    keep: [bool; OUTPUT_COUNT],
}

impl Job {
    /// Prepares a scenario (builds the draw tables once). Correlations that cannot hold together
    /// (loading refuses them; see [`correlation::check`](super::correlation::check)) are left out.
    #[must_use]
    pub fn new(scenario: &Scenario) -> Self {
        let leaves = leaves(scenario);
        super::sampler::prepare_all(&leaves.iter().map(|(_, e)| *e).collect::<Vec<_>>());
        let samplers: Vec<Sampler> = leaves.iter().filter_map(|(leaf, e)| Sampler::new(*leaf, e)).collect();
        let drawn: Vec<Leaf> = samplers.iter().map(|s| s.leaf).collect();
        Self {
            nominal: Point::nominal(scenario),
            raw_weights: scenario.outage.traffic_profile.raw_weights().unwrap_or([1.0; 24]),
            weights_uncertain: samplers.iter().any(|s| matches!(s.leaf, Leaf::Weight(_))),
            copula: Copula::new(&drawn, &scenario.correlations).ok().flatten(),
            samplers,
            keep: [true; OUTPUT_COUNT],
        }
    }

    /// The same job keeping the first rows of `outputs` only (and of every input): the other
    /// outputs' columns stay empty, for callers that read only these (their distributions are
    /// streamed all the same).
    #[must_use]
    pub fn keeping_only(mut self, outputs: &[Output]) -> Self {
        self.keep = std::array::from_fn(|o| outputs.iter().any(|k| k.index() == o));
        self
    }

    /// The same job with `field` fixed at `value` and not drawn, reusing the draw tables (the
    /// same draws as preparing the scenario with that field fixed). `None` when the field is drawn
    /// and correlated inputs are mixed (the copula would change): prepare that scenario instead.
    #[must_use]
    pub fn with_fixed(&self, field: Field, value: f64) -> Option<Self> {
        let leaf = Leaf::Field(field);
        if self.copula.is_some() && self.samplers.iter().any(|s| s.leaf == leaf) {
            return None;
        }
        let mut job = self.clone();
        job.samplers.retain(|s| s.leaf != leaf);
        job.nominal.set(field, value);
        Some(job)
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
    /// One column per [`Output`]: the first `min(count, KEPT)` rows.
    pub columns: Vec<Vec<f64>>,
    /// One column per uncertain input (as drawn, in the order of `uncertain`): the same rows.
    pub inputs: Vec<Vec<f64>>,
    /// Every sample of each [`Output`], streamed: mean, range and fine histogram.
    pub distributions: Vec<Distribution>,
    /// Wall time of drawing, evaluating and summarising.
    pub elapsed: Duration,
}

impl Samples {
    /// The first rows of one output (all of them when the run drew at most [`KEPT`]; none when
    /// the job did not keep them, see [`Job::keeping_only`]).
    #[must_use]
    pub fn column(&self, output: Output) -> &[f64] {
        self.columns.get(output.index()).map_or(&[], Vec::as_slice)
    }

    /// How many rows the columns keep.
    #[must_use]
    pub fn kept(&self) -> usize {
        self.columns.iter().chain(&self.inputs).map(Vec::len).max().unwrap_or(0)
    }

    /// Every sample of one output.
    #[must_use]
    pub fn distribution(&self, output: Output) -> &Distribution {
        static EMPTY: Distribution = Distribution::EMPTY;
        self.distributions.get(output.index()).unwrap_or(&EMPTY)
    }

    /// The mean and percentiles of one output over every sample (percentiles within 0.1%).
    #[must_use]
    pub fn summary(&self, output: Output) -> Summary {
        Summary::from(self.distribution(output))
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
    run_with(isa(), job, count, seed, threads, cancel, out)
}

/// Like [`run`], keeping the first `keep` rows of every output and input (rather than [`KEPT`]):
/// for analyses that need more rows than a run keeps. Memory grows with `keep`.
#[must_use]
pub fn run_keeping(
    job: &Job,
    count: usize,
    seed: u64,
    threads: usize,
    cancel: &AtomicBool,
    keep: usize,
) -> Option<Samples> {
    let mut out = Samples::default();
    run_rows_into(isa(), job, count, seed, keep.min(count), threads, true, cancel, &mut out).then_some(out)
}

/// Runs `count` draws with `seed` on `threads` threads and keeps every row of every output and
/// input in `out`, reusing its memory, without the streamed [`Distribution`]s (simulated years
/// read each outage's draw from the columns; nothing is counted into histograms). Returns whether
/// the run finished.
pub fn run_columns_into(
    job: &Job,
    count: usize,
    seed: u64,
    threads: usize,
    cancel: &AtomicBool,
    out: &mut Samples,
) -> bool {
    run_rows_into(isa(), job, count, seed, count, threads, false, cancel, out)
}

/// Runs `count` draws with `seed` on the calling thread and keeps every row of every output and
/// input, without the streamed [`Distribution`]s (for small runs that read their columns, such as
/// the time to threshold's P95: the same rows as [`run`], without counting them into histograms).
/// Returns `None` if `cancel` was set before the run finished, or if `count` is 0.
#[must_use]
pub fn run_columns(job: &Job, count: usize, seed: u64, cancel: &AtomicBool) -> Option<Samples> {
    let mut out = Samples::default();
    run_columns_into(job, count, seed, 1, cancel, &mut out).then_some(out)
}

/// The instruction set runs use.
fn isa() -> Isa {
    Isa::best()
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
    run_rows_into(isa, job, count, seed, count.min(KEPT), threads, true, cancel, out)
}

/// A whole run keeping `keep` rows, with the outputs' distributions if `tally`.
#[allow(clippy::too_many_arguments)]
fn run_rows_into(
    isa: Isa,
    job: &Job,
    count: usize,
    seed: u64,
    keep: usize,
    threads: usize,
    tally: bool,
    cancel: &AtomicBool,
    out: &mut Samples,
) -> bool {
    if count == 0 {
        return false;
    }
    let started = Instant::now();
    let Some(distributions) = run_rows(isa, job, seed, 0..count, keep, threads, tally, cancel, out) else {
        return false;
    };
    out.distributions = distributions;
    out.count = count;
    out.seed = seed;
    out.uncertain = job.uncertain();
    out.elapsed = started.elapsed();
    true
}

/// Draws and evaluates rows `rows` (starting on a chunk boundary), keeping the first `keep` of
/// them in `out`'s columns; returns the outputs' distributions (none unless `tally`), or `None`
/// when cancelled.
#[allow(clippy::too_many_arguments)]
fn run_rows(
    isa: Isa,
    job: &Job,
    seed: u64,
    rows: Range<usize>,
    keep: usize,
    threads: usize,
    tally: bool,
    cancel: &AtomicBool,
    out: &mut Samples,
) -> Option<Vec<Distribution>> {
    let first = rows.start / CHUNK;
    let chunks = first..rows.end.div_ceil(CHUNK);
    let per_unit = chunks.len().div_ceil(UNITS).max(1);
    let units = chunks.len().div_ceil(per_unit);
    // The kept rows, cut into each chunk's part of every output and input column.
    out.columns.resize_with(OUTPUT_COUNT, Vec::new);
    out.inputs.resize_with(job.samplers.len(), Vec::new);
    out.inputs.truncate(job.samplers.len());
    // Each part names its source: an output's column of the thread's buffer, or (after them) an
    // input's column of its draws.
    let mut kept: Vec<Vec<(usize, &mut [f64])>> =
        (0..keep.div_ceil(CHUNK)).map(|_| Vec::with_capacity(OUTPUT_COUNT + job.samplers.len())).collect();
    for (source, column) in out.columns.iter_mut().chain(out.inputs.iter_mut()).enumerate() {
        if source < OUTPUT_COUNT && !job.keep[source] {
            column.clear();
            continue;
        }
        column.resize(keep, 0.0);
        for (part, rows) in kept.iter_mut().zip(column.chunks_mut(CHUNK)) {
            part.push((source, rows));
        }
    }
    let mut kept = kept.into_iter();
    let mut sums = vec![[0.0; OUTPUT_COUNT]; units];
    let queue: Vec<Unit<'_>> = sums
        .iter_mut()
        .enumerate()
        .map(|(u, sum)| {
            let start = chunks.start + u * per_unit;
            let unit_chunks = start..(start + per_unit).min(chunks.end);
            Unit { kept: kept.by_ref().take(unit_chunks.len()).collect(), chunks: unit_chunks, sum }
        })
        .collect();
    let queue = Mutex::new(queue.into_iter());
    let work = Work { job, seed, end: rows.end, queue: &queue, cancel, tally };
    // This thread works too, beside `threads − 1` helpers.
    let take_units = || simd::with(isa, &work);
    let tallies = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.clamp(1, units)).map(|_| scope.spawn(take_units)).collect();
        let mine = take_units();
        let mut all = vec![mine?];
        for h in helpers {
            all.push(h.join().ok()??);
        }
        Some(all)
    })?;
    drop(queue);
    if !tally {
        return Some(Vec::new());
    }
    let totals: Vec<f64> = (0..OUTPUT_COUNT).map(|o| sums.iter().fold(0.0, |total, s| total + s[o])).collect();
    Some(
        (0..OUTPUT_COUNT)
            .map(|o| Distribution::merge(&tallies.iter().map(|t| &t[o]).collect::<Vec<_>>(), totals[o]))
            .collect(),
    )
}

/// Writes every sample of a run as CSV: `sample`, one column per output ([`Output::key`]) and one
/// per uncertain input (its field path), drawing [`WINDOW`] rows at a time, so memory stays small
/// whatever the count. The rows are those [`run`] draws with the same seed. Returns `Ok(false)`
/// when cancelled.
pub fn write_csv(
    job: &Job,
    count: usize,
    seed: u64,
    threads: usize,
    cancel: &AtomicBool,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let mut header = String::from("sample");
    for o in Output::ALL {
        header.push(',');
        header.push_str(o.key());
    }
    for s in &job.samplers {
        header.push(',');
        header.push_str(&s.leaf.path());
    }
    writeln!(out, "{header}")?;
    let mut window = Samples::default();
    let mut line = String::new();
    for start in (0..count).step_by(WINDOW) {
        let rows = start..(start + WINDOW).min(count);
        if run_rows(isa(), job, seed, rows.clone(), rows.len(), threads, false, cancel, &mut window).is_none() {
            return Ok(false);
        }
        for (i, row) in rows.enumerate() {
            use std::fmt::Write as _;
            line.clear();
            let _ = write!(line, "{row}");
            for column in window.columns.iter().chain(&window.inputs) {
                let _ = write!(line, ",{}", column[i]);
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(true)
}

/// Consecutive chunks one thread takes at a time, with their parts of the kept columns and the
/// sum of their outputs.
struct Unit<'o> {
    chunks: Range<usize>,
    kept: Vec<Vec<(usize, &'o mut [f64])>>,
    sum: &'o mut [f64; OUTPUT_COUNT],
}

/// What the threads of a run share.
struct Work<'a, 'o> {
    job: &'a Job,
    seed: u64,
    /// The row after the last.
    end: usize,
    queue: &'a Mutex<std::vec::IntoIter<Unit<'o>>>,
    cancel: &'a AtomicBool,
    /// Whether every output is counted into the thread's tallies (else only kept rows are made).
    tally: bool,
}

impl Kernel for &Work<'_, '_> {
    type Output = Option<Vec<Tally>>;

    /// Takes units from the queue until it is empty (or the run is cancelled: `None`). Per chunk,
    /// each input's draws come first, in one tight loop per input; then the samples are evaluated
    /// [`LANES`] at a time (the rest, and every sample when the traffic weights are uncertain, as
    /// each then has its own profile, one by one) into this thread's buffer, counted into its
    /// tallies and, for the first rows of a run, copied out.
    #[inline(always)]
    fn run(self) -> Option<Vec<Tally>> {
        let job = self.job;
        let mut evaluator = Evaluator::new(job);
        let mut drawn = vec![0.0; job.samplers.len() * CHUNK];
        let members = job.copula.as_ref().map_or(0, Copula::len);
        let mut words = vec![0; (members + 1) * CHUNK];
        let mut local = vec![0.0; OUTPUT_COUNT * CHUNK];
        let mut tallies = vec![Tally::default(); if self.tally { OUTPUT_COUNT } else { 0 }];
        let mut buckets = vec![0; CHUNK];
        loop {
            if self.cancel.load(Ordering::Relaxed) {
                return None;
            }
            let Some(Unit { chunks, kept, sum }) = self.queue.lock().unwrap_or_else(PoisonError::into_inner).next()
            else {
                return Some(tallies);
            };
            let mut kept = kept.into_iter();
            for chunk in chunks {
                if self.cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let n = (self.end - chunk * CHUNK).min(CHUNK);
                draw(job, Stream::new(self.seed, chunk as u64), n, &mut words, &mut drawn);
                let mut outputs: Vec<&mut [f64]> = local.chunks_exact_mut(CHUNK).collect();
                evaluator.rows(&drawn, n, &mut outputs);
                for ((tally, column), total) in tallies.iter_mut().zip(local.chunks_exact(CHUNK)).zip(sum.iter_mut()) {
                    *total += tally.add(&column[..n], &mut buckets);
                }
                if let Some(parts) = kept.next() {
                    for (source, part) in parts {
                        let from = match source.checked_sub(OUTPUT_COUNT) {
                            None => &local[source * CHUNK..],
                            Some(input) => &drawn[input * CHUNK..],
                        };
                        part.copy_from_slice(&from[..part.len()]);
                    }
                }
            }
        }
    }
}

/// Draws `n` rows of every input of a chunk into `drawn` (one column of [`CHUNK`] per sampler):
/// the correlated inputs' words first, moved together by the copula, then the others'.
#[inline(always)]
fn draw(job: &Job, stream: Stream, n: usize, words: &mut [u64], drawn: &mut [f64]) {
    let words_of = |k: usize| stream.skip((k * CHUNK) as u64);
    let (moved, scratch) = words.split_at_mut(words.len() - CHUNK);
    if let Some(copula) = &job.copula {
        for (column, &k) in moved.chunks_exact_mut(CHUNK).zip(copula.members()) {
            words_of(k).fill(&mut column[..n]);
        }
        copula.correlate(moved, CHUNK, n);
        for (column, &k) in moved.chunks_exact(CHUNK).zip(copula.members()) {
            if let Some(sampler) = job.samplers.get(k) {
                sampler.fill(&column[..n], &mut drawn[k * CHUNK..][..n]);
            }
        }
    }
    for (k, (sampler, column)) in job.samplers.iter().zip(drawn.chunks_exact_mut(CHUNK)).enumerate() {
        if job.copula.as_ref().is_some_and(|c| c.members().contains(&k)) {
            continue;
        }
        let words = &mut scratch[..n];
        words_of(k).fill(words);
        sampler.fill(words, &mut column[..n]);
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

    /// What a run says, without its timing.
    fn numbers(s: &Samples) -> (&[Vec<f64>], &[Vec<f64>], &[crate::sim::Distribution]) {
        (&s.columns, &s.inputs, &s.distributions)
    }

    /// One, two and three threads give the same bits: kept rows, counts and sums.
    #[test]
    fn every_thread_count_gives_the_same_bits() {
        let go = AtomicBool::new(false);
        let scenario = crate::scenario::presets::PRESETS[0].load().unwrap_or_else(|e| panic!("{e}"));
        let job = Job::new(&scenario);
        let one = run(&job, 50_001, 5, 1, &go).unwrap_or_else(|| panic!("ran"));
        for threads in [2, 3] {
            let more = run(&job, 50_001, 5, threads, &go).unwrap_or_else(|| panic!("ran"));
            assert!(numbers(&one) == numbers(&more), "{threads} threads differ");
        }
        assert_eq!(one.kept(), KEPT);
        assert_eq!(one.distribution(Output::ProviderCost).count(), 50_001);
    }

    /// A job keeping some outputs' rows draws the same numbers: the same distributions, the same
    /// rows of what it keeps, every input's rows, and empty columns for the rest.
    #[test]
    fn keeping_only_some_outputs_draws_the_same_numbers() {
        let go = AtomicBool::new(false);
        let scenario = crate::scenario::presets::PRESETS[0].load().unwrap_or_else(|e| panic!("{e}"));
        let full = run(&Job::new(&scenario), 30_001, 9, 2, &go).unwrap_or_else(|| panic!("ran"));
        let job = Job::new(&scenario).keeping_only(&crate::sim::DRIVER_OUTPUTS);
        let some = run(&job, 30_001, 9, 2, &go).unwrap_or_else(|| panic!("ran"));
        assert!(some.distributions == full.distributions && some.inputs == full.inputs);
        assert_eq!(some.kept(), KEPT);
        for output in Output::ALL {
            let kept = crate::sim::DRIVER_OUTPUTS.contains(&output);
            assert_eq!(some.column(output), if kept { full.column(output) } else { &[] }, "{}", output.key());
        }
        let drivers = crate::sim::drivers(&scenario, &full);
        assert!(!drivers.is_empty());
        assert_eq!(crate::sim::drivers(&scenario, &some), drivers);
        let without = run(&Job::new(&scenario).keeping_only(&[Output::ProviderCost]), 5000, 9, 1, &go);
        assert!(crate::sim::drivers(&scenario, &without.unwrap_or_default()).is_empty());
    }

    /// The streamed summaries of a run agree with an exact sort of the same draws: the mean to
    /// rounding, the percentiles within 0.1%; the CSV rows are the run's rows.
    #[test]
    fn streamed_summaries_match_an_exact_sort_and_the_csv_the_rows() {
        let go = AtomicBool::new(false);
        for preset in crate::scenario::presets::PRESETS {
            let scenario = preset.load().unwrap_or_else(|e| panic!("{e}"));
            let job = Job::new(&scenario);
            if job.samplers.is_empty() {
                continue;
            }
            let samples = run(&job, 6000, 11, 2, &go).unwrap_or_else(|| panic!("ran"));
            for output in Output::ALL {
                let (streamed, exact) = (samples.summary(output), crate::sim::Summary::of(samples.column(output)));
                let near = |a: f64, b: f64| (a - b).abs() <= 1e-3 * b.abs() + 1e-9;
                assert!(
                    near(streamed.p5, exact.p5) && near(streamed.p50, exact.p50) && near(streamed.p95, exact.p95),
                    "{}: {}: {streamed:?} vs {exact:?}",
                    preset.id,
                    output.key()
                );
                assert!((streamed.mean - exact.mean).abs() <= 1e-9 * exact.mean.abs() + 1e-9, "{}", output.key());
            }
        }
        let scenario = crate::scenario::presets::PRESETS[0].load().unwrap_or_else(|e| panic!("{e}"));
        let job = Job::new(&scenario);
        let mut csv = Vec::new();
        assert!(write_csv(&job, 70_000, 3, 2, &go, &mut csv).unwrap_or(false));
        let text = String::from_utf8(csv).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 70_001);
        let samples = run_keeping(&job, 70_000, 3, 2, &go, 70_000).unwrap_or_else(|| panic!("ran"));
        let header: Vec<&str> = lines[0].split(',').collect();
        assert_eq!(header.len(), 1 + OUTPUT_COUNT + samples.uncertain.len());
        assert_eq!(header[OUTPUT_COUNT + 1], samples.uncertain[0].path());
        for row in [0, 1023, 1024, 65_535, 65_536, 69_999] {
            let values: Vec<f64> = lines[row + 1].split(',').skip(1).map(|x| x.parse().unwrap_or(f64::NAN)).collect();
            let want: Vec<f64> = samples.columns.iter().chain(&samples.inputs).map(|c| c[row]).collect();
            assert_eq!(values, want, "row {row}");
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
        // The bench scenario with two inputs correlated: the copula's arithmetic too.
        let mut correlated = scenarios[0].clone();
        correlated.correlations = vec![crate::scenario::Correlation {
            a: "outage.duration_hours".to_owned(),
            b: "outage.recovery_tail_hours".to_owned(),
            rank: 0.6,
        }];
        scenarios.push(correlated);
        for scenario in &scenarios {
            let job = Job::new(scenario);
            let mut portable = Samples::default();
            assert!(run_with(Isa::Portable, &job, 9_999, 3, 2, &go, &mut portable));
            for isa in [Isa::Avx2, Isa::Avx512].into_iter().filter(|isa| isa.supported()) {
                let mut wide = Samples::default();
                assert!(run_with(isa, &job, 9_999, 3, 2, &go, &mut wide));
                assert!(numbers(&portable) == numbers(&wide), "{}: {isa:?} differs", scenario.name);
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
