//! Uncertainty and sensitivity (DESIGN §2.4): Monte Carlo over the scenario's ranges, and the
//! tornado of one-at-a-time swings. No UI, no I/O.
//!
//! - Every `Pert` and `Range90` input is drawn from its inverse CDF ([`quantile`]) with a seeded,
//!   portable generator ([`rng`]); plain numbers stay fixed. The same seed and count give the
//!   same draws on every run, platform and thread count; results are bit-identical for a given
//!   build and platform, whichever vector instructions the processor has ([`simd`]). The model runs on eight samples at a time ([`lanes`], with its own `exp`
//!   and `ln` within two units in the last place of the maths library's); the few samples of a
//!   run that do not fill a group of eight, and every sample when traffic weights are uncertain,
//!   are evaluated one at a time with the platform's `exp` and `ln` (which may differ in the last
//!   bit elsewhere).
//! - Draws are fitted into each input's domain: shares clamped to [0, 1], amounts to ≥ 0, the
//!   start hour wrapped around the clock.
//! - Zero samples: no run (the app and CLI show the deterministic figures only). A degenerate
//!   range (`min == max`, `low == high`) is a fixed number. Huge values stay finite: the model is
//!   total on its domains, and summaries of empty or constant columns are well defined.

pub mod correlation;
mod drivers;
mod engine;
pub mod lanes;
mod leaf;
pub mod quantile;
pub mod rng;
mod sampler;
mod sensitivity;
pub mod simd;
pub mod stats;
mod summary;

pub use drivers::{DRIVER_OUTPUTS, Driver, drivers, ranks, spearman};
pub use engine::{
    CHUNK, Job, KEPT, Samples, UNITS, run, run_columns, run_columns_into, run_into, run_keeping, write_csv,
};
pub use leaf::{Leaf, any_uncertain, leaves};
pub use sampler::{Draw, Sampler};
pub use sensitivity::{SortBy, Swing, low_high, tornado, tornado_both};
pub use stats::Distribution;
pub use summary::{OUTPUT_COUNT, Output, Summary, exceedance, histogram, percentiles, share_above, summaries};

/// How many threads the engine uses by default: every core.
#[must_use]
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}
