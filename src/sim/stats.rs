//! What a run keeps of an output's samples, in memory that does not grow with the count: their
//! number, sum, smallest and largest value, and a fine histogram of their values.
//!
//! The histogram's buckets are the values' [`order_key`]s with their low 42 bits dropped: the sign,
//! the exponent and the top 10 bits of the mantissa. Each bucket spans 2⁻¹⁰ (0.098%) of its values'
//! size, so a percentile read from it (the bucket its rank falls in, and the rank's place among
//! the bucket's samples) is within 0.1% of the exact order statistic, wherever the samples lie and
//! however they are spread. Counting is integer, so the buckets of several threads add up to the
//! same numbers in any order; the sum is added in a fixed order by the engine.
//!
//! A thread counts into a [`Tally`] (a window of consecutive pages of 1024 buckets, a page per
//! sign and exponent, so an output touches a few pages, each sample one index into the window);
//! the tallies of a run are merged into a [`Distribution`], which keeps only the buckets that hold
//! samples.

/// Bits of an [`order_key`] below a bucket.
const SHIFT: u32 = 42;
/// Buckets per page: the top 10 mantissa bits.
const PAGE: usize = 1 << 10;
/// Pages: one per sign and exponent.
const PAGES: usize = 1 << 12;

/// An integer that orders like `f64::total_cmp`: negative numbers have every bit flipped, the
/// others only the sign bit.
#[must_use]
#[inline(always)]
pub fn order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    bits ^ ((bits >> 63).wrapping_neg() | (1 << 63))
}

/// The number of an [`order_key`].
#[must_use]
#[inline(always)]
pub fn from_order_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 { key ^ (1 << 63) } else { !key })
}

/// Pages a tally's window of consecutive buckets may span (256 KB of counts: values over a range
/// of 2⁶⁴, about 19 decades).
const WINDOW_PAGES: usize = 64;

/// One thread's counts for one output (`u32`: a run draws at most 10⁹ samples). Most samples are
/// counted into a window of consecutive pages, one index per sample; the window grows a page at a
/// time to cover the samples met, up to [`WINDOW_PAGES`]. Samples outside a full window (a few
/// zeros beside millions, say) are counted into pages of their own, one per sign and exponent met.
/// One set of counts, not one for even and one for odd positions: samples that repeat a bucket
/// make an increment wait for the one before, but counts half the size stay in cache better,
/// which matters more when the samples are spread.
#[derive(Clone, Debug)]
pub struct Tally {
    /// Counts of the buckets `first ..`: whole pages, then a guard (the samples outside, while
    /// they are counted).
    window: Vec<u32>,
    first: u32,
    /// Counts outside the window: a page per sign and exponent met (empty until needed).
    pages: Vec<Option<Box<[u32; PAGE]>>>,
    count: u64,
    min: u64,
    max: u64,
}

impl Default for Tally {
    fn default() -> Self {
        Self { window: Vec::new(), first: 0, pages: Vec::new(), count: 0, min: u64::MAX, max: 0 }
    }
}

impl Tally {
    /// Counts `values` in, using `scratch` (at least as long) for their buckets; returns their sum
    /// (eight running sums side by side, added in a fixed order, so the result does not depend on
    /// the vector width). Simple loops that vectorise find the sum, the range and every bucket; a
    /// last one counts.
    #[inline(always)]
    pub fn add(&mut self, values: &[f64], scratch: &mut [u32]) -> f64 {
        let scratch = &mut scratch[..values.len()];
        // One pass: eight running sums, smallest and largest keys side by side, and each
        // value's bucket.
        let (mut sums, mut lows, mut highs) = ([0.0; 8], [u64::MAX; 8], [0; 8]);
        let mut groups = values.chunks_exact(8);
        let mut slots = scratch.chunks_exact_mut(8);
        for (group, slot) in (&mut groups).zip(&mut slots) {
            let Ok(group) = <&[f64; 8]>::try_from(group) else { continue };
            sums = std::array::from_fn(|k| sums[k] + group[k]);
            let keys: [u64; 8] = group.map(order_key);
            lows = std::array::from_fn(|k| lows[k].min(keys[k]));
            highs = std::array::from_fn(|k| highs[k].max(keys[k]));
            for (s, key) in slot.iter_mut().zip(keys) {
                *s = (key >> SHIFT) as u32;
            }
        }
        let rest: f64 = groups.remainder().iter().sum();
        let mut low = lows.iter().fold(u64::MAX, |m, &k| m.min(k));
        let mut high = highs.iter().fold(0, |m, &k| m.max(k));
        for (slot, &v) in slots.into_remainder().iter_mut().zip(groups.remainder()) {
            let key = order_key(v);
            low = low.min(key);
            high = high.max(key);
            *slot = (key >> SHIFT) as u32;
        }
        if !values.is_empty() {
            self.cover((low >> SHIFT) as u32, (high >> SHIFT) as u32, scratch[scratch.len() / 2]);
            // Each sample's index into the window, or the guard after it (a loop that vectorises),
            // then the counting, without branches.
            let (first, guard) = (self.first, self.window.len().saturating_sub(1) as u32);
            for slot in scratch.iter_mut() {
                *slot = slot.wrapping_sub(first).min(guard);
            }
            for &slot in scratch.iter() {
                if let Some(count) = self.window.get_mut(slot as usize) {
                    *count += 1;
                }
            }
            if let Some(outside) = self.window.last_mut().filter(|c| **c > 0) {
                *outside = 0;
                for &v in values {
                    let bucket = (order_key(v) >> SHIFT) as u32;
                    if bucket.wrapping_sub(first) >= guard {
                        bump(&mut self.pages, bucket);
                    }
                }
            }
        }
        (self.min, self.max) = (self.min.min(low), self.max.max(high));
        self.count += values.len() as u64;
        ((sums[0] + sums[4]) + (sums[2] + sums[6])) + ((sums[1] + sums[5]) + (sums[3] + sums[7])) + rest
    }

    /// Grows the window to cover the buckets `low ..= high` if it can stay within
    /// [`WINDOW_PAGES`]. An empty window is placed around them, or around `middle` (a bucket
    /// among them) when they span more.
    #[inline(always)]
    fn cover(&mut self, low: u32, high: u32, middle: u32) {
        let pages = self.window_pages();
        if !pages.is_empty() && pages.contains(&(low as usize / PAGE)) && pages.contains(&(high as usize / PAGE)) {
            return;
        }
        self.grow(low, high, middle);
    }

    /// [`Tally::cover`] when the window does not cover the buckets (out of line: it happens a
    /// few times a run).
    #[cold]
    #[inline(never)]
    fn grow(&mut self, low: u32, high: u32, middle: u32) {
        let page = |bucket: u32| bucket as usize / PAGE;
        let std::ops::Range { start, end } = self.window_pages();
        let (mut new_start, mut new_end) = if self.window.is_empty() {
            (page(low), page(high) + 1)
        } else {
            (start.min(page(low)), end.max(page(high) + 1))
        };
        if new_end - new_start > WINDOW_PAGES {
            if !self.window.is_empty() {
                return;
            }
            new_start = page(middle).saturating_sub(WINDOW_PAGES / 2);
            new_end = (new_start + WINDOW_PAGES).min(PAGES);
            new_start = new_end - WINDOW_PAGES;
        }
        // Whole pages and the guard.
        let mut window = vec![0; (new_end - new_start) * PAGE + 1];
        if let Some((_, counts)) = self.window.split_last() {
            window[(start - new_start) * PAGE..][..counts.len()].copy_from_slice(counts);
        }
        self.window = window;
        self.first = (new_start * PAGE) as u32;
    }

    /// The pages the window covers.
    fn window_pages(&self) -> std::ops::Range<usize> {
        let start = self.first as usize / PAGE;
        start..start + self.window.len() / PAGE
    }

    /// The counts of page `p`, if any sample fell in it.
    fn page(&self, p: usize) -> Option<&[u32]> {
        let pages = self.window_pages();
        if pages.contains(&p) {
            return Some(&self.window[(p - pages.start) * PAGE..][..PAGE]);
        }
        self.pages.get(p).and_then(Option::as_deref).map(<[u32; PAGE]>::as_slice)
    }
}

/// Adds one to a bucket of the pages outside the window (out of line: most samples fall in it).
#[cold]
#[inline(never)]
fn bump(pages: &mut Vec<Option<Box<[u32; PAGE]>>>, bucket: u32) {
    if pages.is_empty() {
        pages.resize(PAGES, None);
    }
    let page = (bucket as usize >> 10) & (PAGES - 1);
    let slot = bucket as usize & (PAGE - 1);
    match &mut pages[page] {
        Some(counts) => counts[slot] += 1,
        none @ None => {
            let mut counts = Box::new([0; PAGE]);
            counts[slot] = 1;
            *none = Some(counts);
        }
    }
}

/// An output's samples as a run keeps them: how many, their mean, range and fine histogram.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Distribution {
    count: u64,
    sum: f64,
    min: f64,
    max: f64,
    /// Non-empty buckets, increasing: `(order key >> SHIFT, samples)` (a run draws at most 10⁹).
    buckets: Vec<(u32, u32)>,
}

impl Distribution {
    /// No samples.
    pub const EMPTY: Distribution = Distribution { count: 0, sum: 0.0, min: 0.0, max: 0.0, buckets: Vec::new() };

    /// Merges the tallies of a run, with the sum of every sample (added in a fixed order).
    #[must_use]
    pub fn merge(tallies: &[&Tally], sum: f64) -> Self {
        let (mut count, mut min, mut max) = (0, u64::MAX, 0);
        for t in tallies {
            count += t.count;
            min = min.min(t.min);
            max = max.max(t.max);
        }
        // The pages between the smallest and largest sample's, each summed over the tallies.
        let pages = if count == 0 { 0..0 } else { (min >> SHIFT) as usize / PAGE..(max >> SHIFT) as usize / PAGE + 1 };
        let mut page = [0_u32; PAGE];
        let mut summed = |p: usize| {
            if tallies.iter().all(|t| t.page(p).is_none()) {
                return None;
            }
            page.fill(0);
            for counts in tallies.iter().filter_map(|t| t.page(p)) {
                for (total, &c) in page.iter_mut().zip(counts) {
                    *total += c;
                }
            }
            Some(page)
        };
        // Counted first, so the list is made once at its size (it is the largest thing a run
        // keeps; growing it would copy it and touch fresh memory several times).
        let filled: usize = pages.clone().filter_map(&mut summed).map(|c| c.iter().filter(|&&c| c > 0).count()).sum();
        let mut buckets = Vec::with_capacity(filled);
        for p in pages {
            if let Some(counts) = summed(p) {
                let first = (p * PAGE) as u32;
                buckets.extend((first..).zip(counts).filter(|&(_, c)| c > 0));
            }
        }
        let (min, max) = if count == 0 { (0.0, 0.0) } else { (from_order_key(min), from_order_key(max)) };
        Self { count, sum, min, max, buckets }
    }

    /// The samples of a slice (for tests and small runs).
    #[must_use]
    pub fn of(values: &[f64]) -> Self {
        let mut tally = Tally::default();
        let sum = tally.add(values, &mut vec![0; values.len()]);
        Self::merge(&[&tally], sum)
    }

    /// How many samples.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Their mean (0 for none).
    #[must_use]
    pub fn mean(&self) -> f64 {
        if self.count == 0 { 0.0 } else { self.sum / self.count as f64 }
    }

    /// The smallest and largest sample (0 for none).
    #[must_use]
    pub fn range(&self) -> (f64, f64) {
        if self.count == 0 { (0.0, 0.0) } else { (self.min, self.max) }
    }

    /// The value range of a bucket, within the samples' range.
    fn span(&self, bucket: u32) -> (f64, f64) {
        let first = u64::from(bucket) << SHIFT;
        let last = first | ((1 << SHIFT) - 1);
        (from_order_key(first).max(self.min), from_order_key(last).min(self.max))
    }

    /// The sample of rank `rank` (0 = smallest), to within a bucket: the smallest and largest are
    /// exact, others are placed evenly inside their bucket.
    fn order_statistic(&self, rank: u64) -> f64 {
        if rank == 0 {
            return self.min;
        }
        if rank + 1 >= self.count {
            return self.max;
        }
        let mut seen = 0;
        for &(bucket, c) in &self.buckets {
            let c = u64::from(c);
            if rank < seen + c {
                let (lo, hi) = self.span(bucket);
                let within = ((rank - seen) as f64 + 0.5) / c as f64;
                let v = lo + within * (hi - lo);
                // The buckets next to zero hold only subnormal numbers: they are zeros.
                return if v.abs() < f64::MIN_POSITIVE { 0.0 } else { v };
            }
            seen += c;
        }
        self.max
    }

    /// Percentiles by numpy's linear rule (between the order statistics either side of the
    /// rank), each within 0.1% of the exact one.
    #[must_use]
    pub fn percentiles<const N: usize>(&self, ps: [f64; N]) -> [f64; N] {
        if self.count == 0 {
            return [0.0; N];
        }
        let n = self.count;
        ps.map(|p| {
            let rank = (p / 100.0).clamp(0.0, 1.0) * (n - 1) as f64;
            let below = (rank.floor() as u64).min(n - 1);
            let (lo, hi) = (self.order_statistic(below), self.order_statistic((below + 1).min(n - 1)));
            lo + (rank - below as f64) * (hi - lo)
        })
    }

    /// The share of samples above `x` (samples in the bucket holding `x` counted by where `x`
    /// falls inside it).
    #[must_use]
    pub fn share_above(&self, x: f64) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let key = (order_key(x) >> SHIFT) as u32;
        let mut above = 0.0;
        for &(bucket, c) in self.buckets.iter().rev() {
            if bucket > key {
                above += f64::from(c);
            } else {
                if bucket == key {
                    let (lo, hi) = self.span(bucket);
                    if hi > lo {
                        above += f64::from(c) * ((hi - x) / (hi - lo)).clamp(0.0, 1.0);
                    } else if x < lo {
                        above += f64::from(c);
                    }
                }
                break;
            }
        }
        above / self.count as f64
    }

    /// `P(value > x)` at `points` values spread evenly between the smallest and largest sample
    /// (on a log scale when all are positive): `(x, probability)` pairs, increasing in `x`.
    #[must_use]
    pub fn exceedance(&self, points: usize) -> Vec<(f64, f64)> {
        if self.count == 0 || points < 2 {
            return Vec::new();
        }
        let (min, max) = (self.min, self.max);
        let log = min > 0.0;
        (0..points)
            .map(|i| {
                let t = i as f64 / (points - 1) as f64;
                let x = if log { (min.ln() + t * (max.ln() - min.ln())).exp() } else { min + t * (max - min) };
                let x = x.clamp(min, max);
                (x, if i + 1 == points { 0.0 } else { self.share_above(x) })
            })
            .collect()
    }

    /// A histogram of `bins` equal bins from the smallest to the largest sample: `(left edge,
    /// width, share of samples)`. Each bucket's samples go to the bin of its middle.
    #[must_use]
    pub fn histogram(&self, bins: usize) -> Vec<(f64, f64, f64)> {
        if self.count == 0 || bins == 0 {
            return Vec::new();
        }
        let (min, max) = (self.min, self.max);
        let width = if max > min { (max - min) / bins as f64 } else { 1.0 };
        let mut counts = vec![0_u64; bins];
        for &(bucket, c) in &self.buckets {
            let (lo, hi) = self.span(bucket);
            let middle = lo + 0.5 * (hi - lo);
            let i = (((middle - min) / width).max(0.0) as usize).min(bins - 1);
            counts[i] += u64::from(c);
        }
        let n = self.count as f64;
        counts.iter().enumerate().map(|(i, &c)| (min + i as f64 * width, width, c as f64 / n)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::SplitMix64;

    fn exact<const N: usize>(values: &[f64], ps: [f64; N]) -> [f64; N] {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        ps.map(|p| {
            let rank = p / 100.0 * (n - 1) as f64;
            let lo = rank.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (rank - lo as f64) * (sorted[hi] - sorted[lo])
        })
    }

    #[test]
    fn order_keys_sort_like_total_cmp() {
        let mut values = vec![3.5, -0.0, 0.0, -2.0, 1e300, -1e-300, f64::MIN_POSITIVE, -7.25, 1.0];
        let mut keys: Vec<u64> = values.iter().map(|&v| order_key(v)).collect();
        keys.sort_unstable();
        values.sort_by(f64::total_cmp);
        let back: Vec<u64> = keys.into_iter().map(|k| from_order_key(k).to_bits()).collect();
        assert_eq!(back, values.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
    }

    /// Spread over many decades, clustered, mixed signs, mostly zero, constant, one value: the
    /// percentiles are within 0.1% of an exact sort's.
    #[test]
    fn percentiles_are_within_a_tenth_of_a_percent_of_a_sort() {
        let mut rng = SplitMix64::new(9);
        let spread: Vec<f64> = (0..20_000).map(|_| (rng.next_open01() * 30.0).exp()).collect();
        let clustered: Vec<f64> =
            (0..20_000).map(|i| if i % 100 == 0 { 1e12 } else { 1.0 + rng.next_open01() }).collect();
        let mixed: Vec<f64> = (0..7777).map(|_| (rng.next_open01() - 0.4) * 1e6).collect();
        let zeros: Vec<f64> = (0..5000).map(|i| if i % 10 < 7 { 0.0 } else { rng.next_open01() * 5e7 }).collect();
        for values in [spread, clustered, mixed, zeros, vec![4.0; 10], vec![2.5], vec![1.0, 2.0]] {
            let d = Distribution::of(&values);
            let ps = [0.0, 1.0, 5.0, 25.0, 50.0, 75.0, 95.0, 99.0, 100.0];
            for ((p, got), want) in ps.iter().zip(d.percentiles(ps)).zip(exact(&values, ps)) {
                assert!((got - want).abs() <= 1e-3 * want.abs(), "P{p} of {}: {got} vs {want}", values.len());
            }
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            assert!((d.mean() - mean).abs() <= 1e-12 * mean.abs().max(1.0));
        }
        assert_eq!(Distribution::default().percentiles([50.0]), [0.0]);
    }

    #[test]
    fn tallies_merge_to_the_counts_of_the_whole() {
        let values: Vec<f64> = (0..3000).map(|i| f64::from(i).sqrt() * 1000.0).collect();
        let (mut a, mut b) = (Tally::default(), Tally::default());
        let mut scratch = vec![0; values.len()];
        let sum = a.add(&values[..1234], &mut scratch) + b.add(&values[1234..], &mut scratch);
        let merged = Distribution::merge(&[&b, &a], sum);
        let whole = Distribution::of(&values);
        assert_eq!(merged.buckets, whole.buckets);
        assert_eq!((merged.count, merged.min, merged.max), (whole.count, whole.min, whole.max));
    }

    /// Counted chunk by chunk (the window placed, grown down and up, full, with samples outside it
    /// in both directions and of both signs), the buckets are those of a plain count.
    #[test]
    fn windows_and_pages_count_every_bucket() {
        let mut rng = SplitMix64::new(4);
        let mut values: Vec<f64> = (0..3000).map(|_| 1e6 * (1.0 + rng.next_open01())).collect();
        values.extend((0..3000).map(|_| 1e3 * (1.0 + rng.next_open01())));
        values.extend((0..3000).map(|_| 1e9 * (1.0 + rng.next_open01())));
        values.extend((0..3000).map(|i| if i % 3 == 0 { 0.0 } else { 1e300 * rng.next_open01() }));
        values.extend((0..3000).map(|i| if i % 2 == 0 { -1e-300 } else { 5e5 * rng.next_open01() }));
        let mut tally = Tally::default();
        let mut scratch = vec![0; 1024];
        let mut sum = 0.0;
        for chunk in values.chunks(1000) {
            sum += tally.add(chunk, &mut scratch);
        }
        assert!(tally.window.len() <= WINDOW_PAGES * PAGE + 1);
        let mut plain = std::collections::BTreeMap::new();
        for &v in &values {
            *plain.entry((order_key(v) >> SHIFT) as u32).or_insert(0_u32) += 1;
        }
        let merged = Distribution::merge(&[&tally], sum);
        assert_eq!(merged.buckets, plain.into_iter().collect::<Vec<_>>());
        assert_eq!(merged.count, values.len() as u64);
    }

    #[test]
    fn exceedance_histogram_and_shares_by_hand() {
        let d = Distribution::of(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(d.share_above(2.5), 0.5);
        assert_eq!(d.share_above(0.5), 1.0);
        assert_eq!(d.share_above(9.0), 0.0);
        let e = d.exceedance(4);
        assert!(e[0].1 >= 0.75, "{e:?}"); // P(> 1) = 3/4, to within the bucket holding 1
        assert_eq!(e[3].1, 0.0); // P(> 4) = 0
        let h = d.histogram(2);
        assert_eq!(h.iter().map(|b| b.2).collect::<Vec<_>>(), vec![0.5, 0.5]);
        assert_eq!(Distribution::of(&[7.0; 5]).histogram(3)[0].2, 1.0);
    }
}
