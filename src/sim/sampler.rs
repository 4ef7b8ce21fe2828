//! Draws for one uncertain input: the inverse CDF of its PERT or 90% range applied to a uniform
//! number, then fitted into the input's domain.

use std::sync::Arc;

use super::leaf::Leaf;
use super::quantile::{BetaTable, Z95, normal_quantile, pert_shape};
use crate::scenario::Estimate;

/// How one input is drawn.
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

/// An uncertain input and how to draw it.
#[derive(Clone, Debug)]
pub struct Sampler {
    /// Where the input lives.
    pub leaf: Leaf,
    /// How it is drawn.
    pub draw: Draw,
}

impl Sampler {
    /// A sampler for an uncertain estimate; `None` for a fixed number or a zero-width range.
    #[must_use]
    pub fn new(leaf: Leaf, estimate: &Estimate) -> Option<Self> {
        let draw = match *estimate {
            Estimate::Pert(p) if p.min < p.max => {
                let (alpha, beta) = pert_shape(p.min, p.mode, p.max);
                Draw::Pert {
                    min: p.min,
                    span: p.max - p.min,
                    table: Arc::new(BetaTable::new(alpha, beta)),
                }
            }
            Estimate::Range90(r) if r.low < r.high && r.low > 0.0 => {
                let (lo, hi) = (r.low.ln(), r.high.ln());
                Draw::LogNormal {
                    mu: 0.5 * (lo + hi),
                    sigma: (hi - lo) / (2.0 * Z95),
                }
            }
            Estimate::Range90(r) if r.low < r.high => Draw::Normal {
                mu: 0.5 * (r.low + r.high),
                sigma: (r.high - r.low) / (2.0 * Z95),
            },
            _ => return None,
        };
        Some(Self { leaf, draw })
    }

    /// The value for a uniform `u` in (0, 1), fitted into the input's domain.
    #[must_use]
    #[inline]
    pub fn value(&self, u: f64) -> f64 {
        let raw = match &self.draw {
            Draw::Pert { min, span, table } => min + span * table.quantile(u),
            Draw::Normal { mu, sigma } => mu + sigma * normal_quantile(u),
            Draw::LogNormal { mu, sigma } => (mu + sigma * normal_quantile(u)).exp(),
        };
        self.leaf.fit(raw)
    }
}
