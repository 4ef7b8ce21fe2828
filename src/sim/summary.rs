//! What a run says: per output the mean and the 5th, 50th and 95th percentiles (numpy's default,
//! linear interpolation between order statistics), histogram bins and the loss-exceedance curve.

use crate::model::{COMPONENT_COUNT, Component, Outcome};

/// A figure Monte Carlo keeps a column of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Output {
    /// Provider cost P.
    ProviderCost,
    /// Ecosystem loss.
    EcosystemLoss,
    /// Combined impact.
    CombinedImpact,
    /// Annual expected loss.
    AnnualExpectedLoss,
    /// Market-value hit.
    MarketValueHit,
    /// Effective outage hours H.
    EffectiveHours,
    /// One component.
    Component(Component),
}

/// How many outputs there are.
pub const OUTPUT_COUNT: usize = 6 + COMPONENT_COUNT;

impl Output {
    /// Every output, in column order.
    pub const ALL: [Output; OUTPUT_COUNT] = [
        Output::ProviderCost,
        Output::EcosystemLoss,
        Output::CombinedImpact,
        Output::AnnualExpectedLoss,
        Output::MarketValueHit,
        Output::EffectiveHours,
        Output::Component(Component::LostRevenue),
        Output::Component(Component::BusinessLoss),
        Output::Component(Component::UserTime),
        Output::Component(Component::Staff),
        Output::Component(Component::Response),
        Output::Component(Component::SlaCredits),
        Output::Component(Component::Compensation),
        Output::Component(Component::Churn),
        Output::Component(Component::Fines),
    ];

    /// The column of this output.
    #[must_use]
    pub fn index(self) -> usize {
        match self {
            Output::ProviderCost => 0,
            Output::EcosystemLoss => 1,
            Output::CombinedImpact => 2,
            Output::AnnualExpectedLoss => 3,
            Output::MarketValueHit => 4,
            Output::EffectiveHours => 5,
            Output::Component(c) => 6 + c.index(),
        }
    }

    /// A name for tables and files (`provider_cost`, `C1`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Output::ProviderCost => "provider_cost",
            Output::EcosystemLoss => "ecosystem_loss",
            Output::CombinedImpact => "combined_impact",
            Output::AnnualExpectedLoss => "annual_expected_loss",
            Output::MarketValueHit => "market_value_hit",
            Output::EffectiveHours => "effective_hours",
            Output::Component(c) => c.id(),
        }
    }

    /// A readable name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Output::ProviderCost => "Provider cost",
            Output::EcosystemLoss => "Ecosystem loss",
            Output::CombinedImpact => "Combined impact",
            Output::AnnualExpectedLoss => "Annual expected loss",
            Output::MarketValueHit => "Market-value hit",
            Output::EffectiveHours => "Effective outage hours",
            Output::Component(c) => c.name(),
        }
    }

    /// The output's value in an outcome.
    #[must_use]
    #[inline]
    pub fn of(self, o: &Outcome) -> f64 {
        match self {
            Output::ProviderCost => o.provider_cost,
            Output::EcosystemLoss => o.ecosystem_loss,
            Output::CombinedImpact => o.combined_impact,
            Output::AnnualExpectedLoss => o.annual_expected_loss,
            Output::MarketValueHit => o.market_value_hit,
            Output::EffectiveHours => o.effective_hours,
            Output::Component(c) => o.components.get(c),
        }
    }
}

/// Mean and percentiles of one output.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    /// Mean.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Summary {
    /// Summarises samples (none: all zero). Works on a copy, so the samples keep their order.
    #[must_use]
    pub fn of(values: &[f64]) -> Self {
        if values.is_empty() {
            return Self::default();
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let mut scratch = values.to_vec();
        let [p5, p50, p95] = percentiles(&mut scratch, [5.0, 50.0, 95.0]);
        Self { mean, p5, p50, p95 }
    }
}

/// Summaries of several columns at once, one thread per column.
#[must_use]
pub fn summaries(columns: &[&[f64]]) -> Vec<Summary> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = columns.iter().map(|c| scope.spawn(move || Summary::of(c))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// Percentiles (increasing) by numpy's linear rule, reordering `values` in place. Selecting the
/// median first and the outer ones in the halves keeps it O(n).
#[must_use]
pub fn percentiles<const N: usize>(values: &mut [f64], ps: [f64; N]) -> [f64; N] {
    let n = values.len();
    let mut out = [0.0; N];
    if n == 0 {
        return out;
    }
    let mut lo_bound = 0;
    for (k, p) in ps.iter().enumerate() {
        let rank = p / 100.0 * (n - 1) as f64;
        let lo = (rank.floor() as usize).min(n - 1);
        let (_, x_lo, rest) = values[lo_bound..].select_nth_unstable_by(lo - lo_bound, f64::total_cmp);
        let x_lo = *x_lo;
        let x_hi = if lo + 1 < n { rest.iter().copied().fold(f64::INFINITY, f64::min) } else { x_lo };
        out[k] = x_lo + (rank - lo as f64) * (x_hi - x_lo);
        lo_bound = lo;
    }
    out
}

/// `P(cost > x)` at `points` costs spread evenly between the smallest and largest sample (on a log
/// scale when all are positive). Returns `(x, probability)` pairs, increasing in `x`.
#[must_use]
pub fn exceedance(values: &[f64], points: usize) -> Vec<(f64, f64)> {
    if values.is_empty() || points < 2 {
        return Vec::new();
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
    let log = min > 0.0;
    let n = sorted.len() as f64;
    (0..points)
        .map(|i| {
            let t = i as f64 / (points - 1) as f64;
            let x = if log { (min.ln() + t * (max.ln() - min.ln())).exp() } else { min + t * (max - min) };
            let above = sorted.len() - sorted.partition_point(|v| *v <= x);
            (x, above as f64 / n)
        })
        .collect()
}

/// The share of samples above `x`.
#[must_use]
pub fn share_above(values: &[f64], x: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.iter().filter(|v| **v > x).count() as f64 / values.len() as f64
}

/// A histogram of `bins` equal bins from the smallest to the largest sample: `(left edge, width,
/// share of samples)`.
#[must_use]
pub fn histogram(values: &[f64], bins: usize) -> Vec<(f64, f64, f64)> {
    if values.is_empty() || bins == 0 {
        return Vec::new();
    }
    let (min, max) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let width = if max > min { (max - min) / bins as f64 } else { 1.0 };
    let mut counts = vec![0usize; bins];
    for v in values {
        let i = (((v - min) / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    let n = values.len() as f64;
    counts.iter().enumerate().map(|(i, c)| (min + i as f64 * width, width, *c as f64 / n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_follow_numpys_linear_rule() {
        // numpy.percentile([1..10], [5, 50, 95]) = [1.45, 5.5, 9.55]
        let mut v: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        let [a, b, c] = percentiles(&mut v, [5.0, 50.0, 95.0]);
        assert!((a - 1.45).abs() < 1e-12 && (b - 5.5).abs() < 1e-12 && (c - 9.55).abs() < 1e-12, "{a} {b} {c}");
        let s = Summary::of(&[4.0]);
        assert_eq!((s.mean, s.p5, s.p50, s.p95), (4.0, 4.0, 4.0, 4.0));
        assert_eq!(Summary::of(&[]), Summary::default());
    }

    #[test]
    fn exceedance_and_histogram_by_hand() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(share_above(&v, 2.5), 0.5);
        let e = exceedance(&v, 4);
        assert_eq!(e[0].1, 0.75); // P(> 1) = 3/4
        assert_eq!(e[3].1, 0.0); // P(> 4) = 0
        let h = histogram(&v, 2);
        assert_eq!(h.iter().map(|b| b.2).collect::<Vec<_>>(), vec![0.5, 0.5]);
    }
}
