//! What a run says: per output the mean and the 5th, 50th and 95th percentiles (numpy's default,
//! linear interpolation between order statistics), histogram bins and the loss-exceedance curve.

use super::simd::{self, Kernel};
use super::stats::{Distribution, from_order_key, order_key};
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
        simd::widest(Of(values))
    }
}

impl From<&Distribution> for Summary {
    /// The summary of every sample of a run (percentiles within 0.1% of the exact ones).
    fn from(d: &Distribution) -> Self {
        let [p5, p50, p95] = d.percentiles([5.0, 50.0, 95.0]);
        Summary { mean: d.mean(), p5, p50, p95 }
    }
}

/// The arguments of [`Summary::of`].
struct Of<'a>(&'a [f64]);

impl Kernel for Of<'_> {
    type Output = Summary;
    #[inline(always)]
    fn run(self) -> Summary {
        let values = self.0;
        if values.is_empty() {
            return Summary::default();
        }
        let (total, keys) = sum_and_key_range(values);
        let [p5, p50, p95] = percentiles_within(values, [5.0, 50.0, 95.0], keys);
        Summary { mean: total / values.len() as f64, p5, p50, p95 }
    }
}

/// The sum of `values` and the range of their [`order_key`]s, in one pass: eight running sums,
/// minima and maxima side by side (faster than one each, and the sum's rounding error grows more
/// slowly).
#[inline(always)]
fn sum_and_key_range(values: &[f64]) -> (f64, (u64, u64)) {
    let (mut sums, mut lows, mut highs) = ([0.0; 8], [u64::MAX; 8], [0; 8]);
    let mut groups = values.chunks_exact(8);
    for group in &mut groups {
        for (k, &v) in group.iter().enumerate() {
            sums[k] += v;
            lows[k] = lows[k].min(order_key(v));
            highs[k] = highs[k].max(order_key(v));
        }
    }
    let (mut low, mut high) = (lows.into_iter().min().unwrap_or(u64::MAX), highs.into_iter().max().unwrap_or(0));
    let mut rest = 0.0;
    for &v in groups.remainder() {
        rest += v;
        low = low.min(order_key(v));
        high = high.max(order_key(v));
    }
    let total = ((sums[0] + sums[4]) + (sums[2] + sums[6])) + ((sums[1] + sums[5]) + (sums[3] + sums[7])) + rest;
    (total, (low, high))
}

/// Summaries of several columns at once: the first on this thread, each other on one of its own.
#[must_use]
pub fn summaries(columns: &[&[f64]]) -> Vec<Summary> {
    let Some((first, others)) = columns.split_first() else {
        return Vec::new();
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = others.iter().map(|c| scope.spawn(move || Summary::of(c))).collect();
        let mut all = vec![Summary::of(first)];
        all.extend(handles.into_iter().map(|h| h.join().unwrap_or_default()));
        all
    })
}

/// Percentiles (increasing) by numpy's linear rule: each from the order statistics either side of
/// its rank, found by [`order_statistics`] without reordering `values`.
#[must_use]
#[inline(always)]
pub fn percentiles<const N: usize>(values: &[f64], ps: [f64; N]) -> [f64; N] {
    percentiles_within(values, ps, sum_and_key_range(values).1)
}

/// [`percentiles`] for values whose [`order_key`]s span `keys` (smallest, largest).
#[inline(always)]
fn percentiles_within<const N: usize>(values: &[f64], ps: [f64; N], keys: (u64, u64)) -> [f64; N] {
    let n = values.len();
    if n == 0 {
        return [0.0; N];
    }
    let ranks = ps.map(|p| p / 100.0 * (n - 1) as f64);
    let below = ranks.map(|rank| (rank.floor() as usize).min(n - 1));
    let wanted: Vec<usize> = below.iter().flat_map(|&lo| [lo, (lo + 1).min(n - 1)]).collect();
    let found = order_statistics(values, &wanted, keys);
    std::array::from_fn(|k| {
        let (x_lo, x_hi) = (found[2 * k], found[2 * k + 1]);
        x_lo + (ranks[k] - below[k] as f64) * (x_hi - x_lo)
    })
}

/// The values of rank `ranks` (0 = smallest, in `f64::total_cmp` order; each below `values.len()`),
/// given the range of the values' [`order_key`]s. One pass counts the values into 2048 buckets of
/// equal width over that range, a second collects the few buckets the ranks fall into, and only
/// those are selected in: linear passes rather than a selection over everything.
#[inline(always)]
fn order_statistics(values: &[f64], ranks: &[usize], (min, max): (u64, u64)) -> Vec<f64> {
    const BUCKETS: usize = 2048;
    const NONE: usize = usize::MAX;
    let shift = (64 - (max - min).leading_zeros()).saturating_sub(BUCKETS.trailing_zeros());
    let bucket = |v: f64| ((order_key(v) - min) >> shift) as usize;
    // Two counts per bucket, for even and odd positions: neighbours often share a bucket, and
    // one count would make each increment wait for the one before.
    let mut counts = vec![0_usize; 2 * BUCKETS];
    let mut pairs = values.chunks_exact(2);
    for pair in &mut pairs {
        counts[bucket(pair[0])] += 1;
        counts[BUCKETS + bucket(pair[1])] += 1;
    }
    for &v in pairs.remainder() {
        counts[bucket(v)] += 1;
    }
    let (counts, odd) = counts.split_at_mut(BUCKETS);
    for (c, o) in counts.iter_mut().zip(odd) {
        *c += *o;
    }
    // Each rank's bucket and its rank inside the bucket.
    let mut first = Vec::with_capacity(BUCKETS);
    first.extend(counts.iter().scan(0, |seen, &c| {
        let start = *seen;
        *seen += c;
        Some(start)
    }));
    let located: Vec<(usize, usize)> = ranks
        .iter()
        .map(|&rank| {
            let b = first.partition_point(|&start| start <= rank) - 1;
            (b, rank - first[b])
        })
        .collect();
    let mut slot = vec![NONE; BUCKETS];
    let mut members: Vec<Vec<u64>> = Vec::new();
    for &(b, _) in &located {
        if slot[b] == NONE {
            slot[b] = members.len();
            members.push(Vec::with_capacity(counts[b]));
        }
    }
    for &v in values {
        let s = slot[bucket(v)];
        if s != NONE {
            members[s].push(order_key(v));
        }
    }
    located
        .iter()
        .map(|&(b, within)| {
            let keys = &mut members[slot[b]];
            from_order_key(*keys.select_nth_unstable(within).1)
        })
        .collect()
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
        let v: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        let [a, b, c] = percentiles(&v, [5.0, 50.0, 95.0]);
        assert!((a - 1.45).abs() < 1e-12 && (b - 5.5).abs() < 1e-12 && (c - 9.55).abs() < 1e-12, "{a} {b} {c}");
        let s = Summary::of(&[4.0]);
        assert_eq!((s.mean, s.p5, s.p50, s.p95), (4.0, 4.0, 4.0, 4.0));
        assert_eq!(Summary::of(&[]), Summary::default());
    }

    #[test]
    fn percentiles_of_mixed_signs_match_a_full_sort() {
        let v: Vec<f64> = (0..1001).map(|i| f64::from((i * 7919) % 1001) - 500.5).collect();
        let [p5, p50, p95] = percentiles(&v, [5.0, 50.0, 95.0]);
        assert_eq!((p5, p50, p95), (-450.5, -0.5, 449.5));
    }

    #[test]
    fn order_statistics_match_a_full_sort() {
        let mut rng = crate::sim::rng::SplitMix64::new(9);
        // Spread, clustered (most values in one bucket), constant, tiny and with a far outlier.
        let spread: Vec<f64> = (0..5000).map(|_| (rng.next_open01() * 30.0).exp()).collect();
        let clustered: Vec<f64> =
            (0..5000).map(|i| if i % 100 == 0 { 1e12 } else { 1.0 + rng.next_open01() }).collect();
        let mixed: Vec<f64> = (0..777).map(|_| rng.next_open01() - 0.5).collect();
        for values in [spread, clustered, mixed, vec![4.0; 10], vec![2.5]] {
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let n = values.len();
            let ranks: Vec<usize> =
                [0, 1, n / 20, n / 2, n / 2 + 1, n * 19 / 20, n - 1].iter().map(|&r| r.min(n - 1)).collect();
            let found = order_statistics(&values, &ranks, sum_and_key_range(&values).1);
            for (rank, value) in ranks.iter().zip(found) {
                assert_eq!(value, sorted[*rank], "rank {rank} of {n}");
            }
        }
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
