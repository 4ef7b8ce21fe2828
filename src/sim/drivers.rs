//! What drives the spread (DESIGN §2.4): for each uncertain input, its rank (Spearman)
//! correlation with the provider cost and with the combined impact over a run's samples, and its
//! share of the variance explained, sorted: the "what to research first" list.
//!
//! The share is the input's squared rank correlation with the output, normalised so the inputs'
//! shares add up to 1: a first-order measure, exact in rank terms for a model that is a sum of
//! monotone effects of independent inputs, and an indication otherwise (interactions are spread
//! over the inputs taking part; correlated inputs share what they explain). The correlations are
//! computed over the run's kept rows (its first [`KEPT`](super::KEPT) draws, which are a sample
//! of the run like any other), with tied values given their average rank.

use super::engine::Samples;
use super::leaf::Leaf;
use super::stats::order_key;
use super::summary::Output;
use crate::scenario::Scenario;

/// The outputs the drivers correlate the inputs with: the rows a run must keep for them.
pub const DRIVER_OUTPUTS: [Output; 2] = [Output::ProviderCost, Output::CombinedImpact];

/// One uncertain input's part in the spread.
#[derive(Clone, Debug, PartialEq)]
pub struct Driver {
    /// The input.
    pub leaf: Leaf,
    /// Its label.
    pub label: String,
    /// Rank correlation with the provider cost P.
    pub provider_rank: f64,
    /// Rank correlation with the combined impact.
    pub combined_rank: f64,
    /// Share of the provider cost's variance it explains (squared rank correlation, normalised).
    pub provider_share: f64,
    /// Share of the combined impact's variance it explains.
    pub combined_share: f64,
}

/// The drivers of a run, largest share of the provider cost's variance first (then of the
/// combined impact's). Empty without kept rows.
#[must_use]
pub fn drivers(scenario: &Scenario, samples: &Samples) -> Vec<Driver> {
    let n = samples.kept();
    let [p, c] = DRIVER_OUTPUTS.map(|o| samples.column(o));
    if n < 3 || p.len() != n || c.len() != n || samples.inputs.len() != samples.uncertain.len() {
        return Vec::new();
    }
    // Each thread ranks the two outputs and then its share of the inputs, one at a time into the
    // same memory, correlating each with the outputs at once: no column of ranks is kept, so
    // little fresh memory is touched.
    let correlations = |inputs: &[Vec<f64>]| {
        let mut ranker = Ranker::default();
        let (rp, rc) = (ranker.ranks(p).to_vec(), ranker.ranks(c).to_vec());
        let mut each = |x: &Vec<f64>| {
            let r = ranker.ranks(x);
            (pearson(r, &rp), pearson(r, &rc))
        };
        inputs.iter().map(&mut each).collect::<Vec<_>>()
    };
    let threads = super::default_threads().clamp(1, samples.inputs.len().max(1));
    let per = samples.inputs.len().div_ceil(threads).max(1);
    let ranked: Vec<(f64, f64)> = std::thread::scope(|scope| {
        let mut groups = samples.inputs.chunks(per);
        let mine = groups.next().unwrap_or_default();
        let helpers: Vec<_> = groups.map(|group| scope.spawn(move || correlations(group))).collect();
        let mut all = correlations(mine);
        all.extend(helpers.into_iter().flat_map(|h| h.join().unwrap_or_default()));
        all
    });
    let mut found: Vec<Driver> = samples
        .uncertain
        .iter()
        .zip(ranked)
        .map(|(&leaf, (provider_rank, combined_rank))| Driver {
            leaf,
            label: leaf.label(scenario),
            provider_rank,
            combined_rank,
            provider_share: 0.0,
            combined_share: 0.0,
        })
        .collect();
    let total_p: f64 = found.iter().map(|d| d.provider_rank * d.provider_rank).sum();
    let total_c: f64 = found.iter().map(|d| d.combined_rank * d.combined_rank).sum();
    for d in &mut found {
        d.provider_share = if total_p > 0.0 { d.provider_rank * d.provider_rank / total_p } else { 0.0 };
        d.combined_share = if total_c > 0.0 { d.combined_rank * d.combined_rank / total_c } else { 0.0 };
    }
    found.sort_by(|a, b| {
        b.provider_share.total_cmp(&a.provider_share).then(b.combined_share.total_cmp(&a.combined_share))
    });
    found
}

/// The rank (from 1) of each value, ties given their average rank.
#[must_use]
pub fn ranks(values: &[f64]) -> Vec<f64> {
    Ranker::default().ranks(values).to_vec()
}

/// Ranks columns one after another in the same memory.
#[derive(Default)]
struct Ranker {
    keys: Vec<u64>,
    order: Vec<u32>,
    ends: Vec<u32>,
    out: Vec<f64>,
}

impl Ranker {
    /// The rank (from 1) of each value, ties given their average rank.
    fn ranks(&mut self, values: &[f64]) -> &[f64] {
        self.keys.clear();
        self.keys.extend(values.iter().map(|&v| order_key(v)));
        self.sort();
        let (keys, order) = (&self.keys, &self.order);
        self.out.resize(values.len(), 0.0);
        let mut start = 0;
        while start < order.len() {
            let key = keys[order[start] as usize];
            let mut end = start + 1;
            while end < order.len() && keys[order[end] as usize] == key {
                end += 1;
            }
            let rank = (start + end + 1) as f64 / 2.0;
            for &i in &order[start..end] {
                self.out[i as usize] = rank;
            }
            start = end;
        }
        &self.out
    }

    /// Puts the positions of the keys in `order`, in increasing order of key (equal keys in any
    /// order): the keys are dealt into about half as many buckets as there are keys by their
    /// leading bits (relative to the smallest), in one counting pass and one placing pass, and
    /// each bucket, a key or two on average, is sorted on its own.
    fn sort(&mut self) {
        let keys = &self.keys;
        let (low, high) = keys.iter().fold((u64::MAX, 0), |(lo, hi), &k| (lo.min(k), hi.max(k)));
        let buckets_bits = (keys.len().next_power_of_two().trailing_zeros()).saturating_sub(1).clamp(1, 16);
        let span_bits = 64 - high.saturating_sub(low).leading_zeros();
        let shift = span_bits.saturating_sub(buckets_bits);
        let bucket = |k: u64| ((k - low) >> shift) as usize;
        // Each bucket's first place, then (once the keys are placed) its end.
        let ends = &mut self.ends;
        ends.clear();
        ends.resize(1 << buckets_bits, 0);
        for &k in keys {
            ends[bucket(k)] += 1;
        }
        let mut seen = 0;
        for e in ends.iter_mut() {
            (*e, seen) = (seen, seen + *e);
        }
        let order = &mut self.order;
        order.resize(keys.len(), 0);
        for (i, &k) in (0..).zip(keys) {
            let slot = &mut ends[bucket(k)];
            order[*slot as usize] = i;
            *slot += 1;
        }
        let mut start = 0;
        for &end in ends.iter() {
            let part = &mut order[start..end as usize];
            start = end as usize;
            if part.len() > 16 {
                part.sort_unstable_by_key(|&i| keys[i as usize]);
            } else {
                // A few keys: insertion, without the call of a general sort.
                for i in 1..part.len() {
                    let mut j = i;
                    while j > 0 && keys[part[j - 1] as usize] > keys[part[j] as usize] {
                        part.swap(j - 1, j);
                        j -= 1;
                    }
                }
            }
        }
    }
}

/// The Pearson correlation of two equally long columns (0 when either is constant).
#[must_use]
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len()) as f64;
    if n < 2.0 {
        return 0.0;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx > 0.0 && syy > 0.0 { sxy / (sxx * syy).sqrt() } else { 0.0 }
}

/// The rank correlation of two columns.
#[must_use]
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_average_ties_and_spearman_sees_monotone_links() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
        let x: Vec<f64> = (0..100).map(f64::from).collect();
        let y: Vec<f64> = x.iter().map(|v| v.exp()).collect();
        assert!((spearman(&x, &y) - 1.0).abs() < 1e-12);
        let z: Vec<f64> = x.iter().map(|v| -v * v * v).collect();
        assert!((spearman(&x, &z) + 1.0).abs() < 1e-12);
        assert_eq!(pearson(&x, &[1.0; 100]), 0.0);
    }

    /// The radix ranks are those of a comparison sort: spread, clustered, mixed signs, ties.
    #[test]
    fn ranks_match_a_sort() {
        let mut rng = crate::sim::rng::SplitMix64::new(3);
        let spread: Vec<f64> = (0..5000).map(|_| (rng.next_open01() * 40.0).exp()).collect();
        let mixed: Vec<f64> = (0..3001).map(|_| (rng.next_open01() - 0.3) * 1e6).collect();
        let ties: Vec<f64> = (0..2000).map(|i| f64::from(i % 7) - 3.0).collect();
        let zeros = vec![0.0, -0.0, 0.0, 1.0, -1.0];
        for values in [spread, mixed, ties, zeros, vec![2.5], Vec::new()] {
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
            let mut want = vec![0.0; values.len()];
            let mut start = 0;
            while start < order.len() {
                let mut end = start + 1;
                while end < order.len() && values[order[end]].to_bits() == values[order[start]].to_bits() {
                    end += 1;
                }
                for &i in &order[start..end] {
                    want[i] = (start + end + 1) as f64 / 2.0;
                }
                start = end;
            }
            assert_eq!(ranks(&values), want);
        }
    }
}
