//! Draws for one uncertain input: its quantile function, tabulated once per run, applied to a
//! uniform number, then fitted into the input's domain.
//!
//! Every distribution becomes a table of [`TABLE_SIZE`] + 1 quantiles of the final value (for a
//! lognormal range the `exp` is in the table), so a draw is one multiply, one look-up and one
//! interpolation. The two outermost cells, the most curved and for normal ranges unbounded, are
//! computed exactly, so tails are not cut off.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::leaf::Leaf;
use super::quantile::{BetaTable, Z95, normal_quantile, pert_shape};
use super::rng::open01;
use crate::scenario::{Estimate, Field};

/// Intervals of a draw table.
pub const TABLE_SIZE: usize = 1024;

/// How one input is drawn, exactly.
#[derive(Clone, Debug)]
pub enum Draw {
    /// `min + span·Q_beta(u)`.
    Pert {
        /// Lowest value.
        min: f64,
        /// `max − min`.
        span: f64,
        /// The beta quantile table.
        table: Arc<BetaTable>,
    },
    /// `mu + sigma·Φ⁻¹(u)`.
    Normal {
        /// Mean (the midpoint of the range).
        mu: f64,
        /// Standard deviation.
        sigma: f64,
    },
    /// `exp(mu + sigma·Φ⁻¹(u))`.
    LogNormal {
        /// Mean of the logarithm.
        mu: f64,
        /// Standard deviation of the logarithm.
        sigma: f64,
    },
}

impl Draw {
    /// The quantile `Q(u)` before fitting into the domain.
    #[must_use]
    pub fn quantile(&self, u: f64) -> f64 {
        match self {
            Draw::Pert { min, span, table } => min + span * table.quantile(u),
            Draw::Normal { mu, sigma } => mu + sigma * normal_quantile(u),
            Draw::LogNormal { mu, sigma } => (mu + sigma * normal_quantile(u)).exp(),
        }
    }
}

/// How to draw an estimate exactly; `None` for a fixed number or a zero-width range.
fn draw_for(estimate: &Estimate) -> Option<Draw> {
    Some(match *estimate {
        Estimate::Pert(p) if p.min < p.max => {
            let (alpha, beta) = pert_shape(p.min, p.mode, p.max);
            Draw::Pert { min: p.min, span: p.max - p.min, table: Arc::new(BetaTable::new(alpha, beta)) }
        }
        Estimate::Range90(r) if r.low < r.high && r.low > 0.0 => {
            let (lo, hi) = (r.low.ln(), r.high.ln());
            Draw::LogNormal { mu: 0.5 * (lo + hi), sigma: (hi - lo) / (2.0 * Z95) }
        }
        Estimate::Range90(r) if r.low < r.high => {
            Draw::Normal { mu: 0.5 * (r.low + r.high), sigma: (r.high - r.low) / (2.0 * Z95) }
        }
        _ => return None,
    })
}

/// Prepared draws by estimate (see [`prepared`]).
type Cache = Mutex<HashMap<String, (Draw, Arc<[f64]>)>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Prepares the draw tables of `estimates` that are not prepared yet, on two threads when there
/// are several to build (a PERT table integrates its density on a fine grid, a fraction of a
/// millisecond each), so a one-shot run starts sooner. The tables are those [`prepared`] builds.
pub fn prepare_all(estimates: &[Estimate]) {
    let missing: Vec<&Estimate> = {
        let cache = cache().lock().unwrap_or_else(PoisonError::into_inner);
        estimates.iter().filter(|e| e.is_uncertain() && !cache.contains_key(&format!("{e:?}"))).collect()
    };
    if missing.len() < 4 || super::default_threads() < 2 {
        return;
    }
    let (first, second) = missing.split_at(missing.len() / 2);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for e in second {
                drop(prepared(e));
            }
        });
        for e in first {
            drop(prepared(e));
        }
    });
}

/// The exact draw and the draw table of an estimate, cached: the app re-runs after every edit,
/// which usually changes one input, so the other inputs' tables are reused. Bounded; cleared when
/// full.
fn prepared(estimate: &Estimate) -> Option<(Draw, Arc<[f64]>)> {
    const MAX_ENTRIES: usize = 512;
    let key = format!("{estimate:?}");
    let cache = cache();
    if let Some(hit) = cache.lock().unwrap_or_else(PoisonError::into_inner).get(&key) {
        return Some(hit.clone());
    }
    let draw = draw_for(estimate)?;
    // Quantiles at the cell edges; the ends (u = 0, 1) are never read: those cells are exact.
    let table: Arc<[f64]> =
        (0..=TABLE_SIZE).map(|k| draw.quantile((k as f64 / TABLE_SIZE as f64).clamp(1e-300, 1.0 - 1e-16))).collect();
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    if cache.len() >= MAX_ENTRIES {
        cache.clear();
    }
    cache.insert(key, (draw.clone(), Arc::clone(&table)));
    Some((draw, table))
}

/// An uncertain input and how to draw it.
#[derive(Clone, Debug)]
pub struct Sampler {
    /// Where the input lives.
    pub leaf: Leaf,
    /// The exact distribution.
    pub draw: Draw,
    table: Arc<[f64]>,
    low: f64,
    high: f64,
    wraps: bool,
}

impl Sampler {
    /// A sampler for an uncertain estimate; `None` for a fixed number or a zero-width range.
    #[must_use]
    pub fn new(leaf: Leaf, estimate: &Estimate) -> Option<Self> {
        let (draw, table) = prepared(estimate)?;
        let domain = leaf.domain();
        Some(Self {
            leaf,
            draw,
            table,
            low: domain.clamp(f64::NEG_INFINITY),
            high: domain.clamp(f64::INFINITY),
            wraps: leaf == Leaf::Field(Field::StartHour),
        })
    }

    /// Fills `out` with draws, one word of `words` each: from the table, except in the two outer
    /// cells (2 draws in 1024), which are exact. One tight loop, the table's length known to the
    /// compiler, the domain's bounds and the wrap decided once.
    #[inline(always)]
    pub fn fill(&self, words: &[u64], out: &mut [f64]) {
        const CELL_BITS: u32 = TABLE_SIZE.trailing_zeros();
        const BLOCK: usize = 256;
        let exact = |bits: u64| self.fit(self.draw.quantile(open01(bits)));
        let Ok(table) = <&[f64; TABLE_SIZE + 1]>::try_from(&self.table[..]) else {
            for (x, &bits) in out.iter_mut().zip(words) {
                *x = exact(bits);
            }
            return;
        };
        let interpolate = |bits: u64, i: usize| {
            let within = f64::from((bits >> (32 - CELL_BITS)) as u32) * (1.0 / 4_294_967_296.0);
            let (a, b) = (table[i], table[i + 1]);
            a + within * (b - a)
        };
        let cell = |bits: u64| (bits >> (64 - CELL_BITS)) as usize;
        if self.wraps {
            for (x, &bits) in out.iter_mut().zip(words) {
                let i = cell(bits);
                *x = if i.wrapping_sub(1) < TABLE_SIZE - 2 { self.leaf.fit(interpolate(bits, i)) } else { exact(bits) };
            }
            return;
        }
        // Every draw from the table, the outer cells' index moved inside, in blocks: the cells and
        // the places within them in a loop that vectorises, the two look-ups per draw in a plain
        // loop (vector gathers are slow), and the interpolation and the domain's bounds in a loop
        // that vectorises again (comparisons, not f64::max/min, whose NaN rules cost several
        // instructions each) ...
        let (low, high) = (self.low, self.high);
        let (mut cells, mut within, mut lo, mut hi) = ([0_u32; BLOCK], [0.0; BLOCK], [0.0; BLOCK], [0.0; BLOCK]);
        for (out, words) in out.chunks_mut(BLOCK).zip(words.chunks(BLOCK)) {
            let n = out.len().min(words.len());
            for ((c, w), &bits) in cells.iter_mut().zip(within.iter_mut()).zip(&words[..n]) {
                *c = cell(bits).clamp(1, TABLE_SIZE - 2) as u32;
                *w = f64::from((bits >> (32 - CELL_BITS)) as u32) * (1.0 / 4_294_967_296.0);
            }
            for ((a, b), &c) in lo.iter_mut().zip(hi.iter_mut()).zip(&cells[..n]) {
                let c = (c as usize).min(TABLE_SIZE - 1);
                (*a, *b) = (table[c], table[c + 1]);
            }
            for (((x, &a), &b), &w) in out.iter_mut().zip(&lo).zip(&hi).zip(&within) {
                let v = a + w * (b - a);
                let v = if v < low { low } else { v };
                *x = if v > high { high } else { v };
            }
        }
        // ... then the draws in the outer cells made exact: a check of sixteen words at a time that
        // vectorises, and a look one by one only where one of them is in an outer cell.
        let outer = |bits: u64| cell(bits).wrapping_sub(1) >= TABLE_SIZE - 2;
        for (out, words) in out.chunks_mut(16).zip(words.chunks(16)) {
            if words.iter().fold(false, |any, &bits| any | outer(bits)) {
                for (x, &bits) in out.iter_mut().zip(words) {
                    if outer(bits) {
                        *x = exact(bits);
                    }
                }
            }
        }
    }

    #[inline(always)]
    fn fit(&self, raw: f64) -> f64 {
        if self.wraps { self.leaf.fit(raw) } else { raw.clamp(self.low, self.high) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Pert, Range90};

    /// The value for a uniform `u` in (0, 1) by interpolating the table as [`Sampler::fill`]
    /// does, written the plain way to check it.
    fn value(s: &Sampler, u: f64) -> f64 {
        let x = u * TABLE_SIZE as f64;
        let i = x as usize;
        // The outermost cells are the most curved (and unbounded for normal ranges): exact there.
        let raw = if i > 0 && i < TABLE_SIZE - 1 {
            let (a, b) = (s.table[i], s.table[i + 1]);
            a + (x - i as f64) * (b - a)
        } else {
            s.draw.quantile(u)
        };
        s.fit(raw)
    }

    /// The value [`Sampler::fill`] draws for 64 random bits.
    fn value_from_bits(s: &Sampler, bits: u64) -> f64 {
        let mut out = [0.0];
        s.fill(&[bits], &mut out);
        out[0]
    }

    #[test]
    fn draws_from_bits_match_draws_from_uniforms() {
        let s =
            Sampler::new(Leaf::Field(Field::RecoveryTailHours), &Estimate::Range90(Range90 { low: 2.0, high: 8.0 }))
                .unwrap_or_else(|| panic!("a range"));
        for bits in [0x0123_4567_89AB_CDEF_u64, 0xFFFF_FFFF_FFFF_FFFF, 0, 0x8000_0000_0000_0000, 0x0040_0000_0000_0000]
        {
            let u = crate::sim::rng::open01(bits);
            assert!((value_from_bits(&s, bits) - value(&s, u)).abs() < 1e-9, "{bits:x}");
        }
    }

    #[test]
    fn table_draws_match_exact_quantiles() {
        let leaf = Leaf::Field(Field::RecoveryTailHours);
        for estimate in [
            Estimate::Pert(Pert { min: 1.0, mode: 2.0, max: 9.0 }),
            Estimate::Range90(Range90 { low: 2.0, high: 8.0 }),
            Estimate::Range90(Range90 { low: 0.0, high: 10.0 }),
        ] {
            let s = Sampler::new(leaf, &estimate).unwrap_or_else(|| panic!("{estimate}"));
            for u in [1e-7, 0.0004, 0.01, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999, 1.0 - 1e-9] {
                let exact = s.leaf.fit(s.draw.quantile(u));
                let tabled = value(&s, u);
                assert!(
                    (tabled - exact).abs() <= 1e-3 * exact.abs().max(1e-3),
                    "{estimate} at {u}: {tabled} vs {exact}"
                );
            }
        }
    }
}
