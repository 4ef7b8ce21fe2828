//! Curves of simulated years: `P(loss > x)` on a logarithmic grid of losses shared by the curves
//! drawn together, and the loss tolerance (log-log through its points) checked against them.

use serde::Serialize;

use super::TolerancePoint;

/// Points of an exceedance curve.
pub const EXCEEDANCE_POINTS: usize = 200;

/// The lowest loss on a curve's grid, relative to the largest (six decades).
const GRID_DECADES: f64 = 1e-6;

/// The loss tolerance against the simulated years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ToleranceCheck {
    /// Per tolerance point: `(loss, tolerated chance, simulated chance of a worse year)`.
    pub points: Vec<(f64, f64, f64)>,
    /// The tolerance curve (log-log through the points) on the exceedance curve's losses between
    /// the smallest and largest tolerated loss: `(loss, tolerated chance)`.
    pub curve: Vec<(f64, f64)>,
    /// The smallest loss at which the chance of a worse year exceeds the tolerance, if any.
    pub crossed_at: Option<f64>,
    /// Whether the risk stays within the tolerance everywhere it is given.
    pub within: bool,
}

/// A logarithmic grid of losses from the smallest positive value (at most six decades below the
/// largest) to the largest, over several sorted series. Empty when every value is 0.
pub(crate) fn grid(series: &[&[f64]]) -> Vec<f64> {
    let high = series.iter().filter_map(|s| s.last().copied()).fold(0.0, f64::max);
    if !(high > 0.0 && high.is_finite()) {
        return Vec::new();
    }
    let smallest_positive = series.iter().filter_map(|s| s.iter().copied().find(|v| *v > 0.0)).fold(high, f64::min);
    let low = smallest_positive.max(high * GRID_DECADES);
    if low >= high {
        return vec![high * 0.999, high];
    }
    let (l, h) = (low.ln(), high.ln());
    (0..EXCEEDANCE_POINTS).map(|i| (l + (h - l) * i as f64 / (EXCEEDANCE_POINTS - 1) as f64).exp()).collect()
}

/// `P(value > x)` at each `x` of `grid`, from sorted values.
pub(crate) fn exceedance_on(sorted: &[f64], grid: &[f64]) -> Vec<(f64, f64)> {
    if sorted.is_empty() {
        return Vec::new();
    }
    let n = sorted.len() as f64;
    grid.iter().map(|&x| (x, (sorted.len() - sorted.partition_point(|v| *v <= x)) as f64 / n)).collect()
}

/// The tolerated chance of a year worse than `loss`: log-log through the points (sorted by loss),
/// extended along the end segments; with one point, that point's chance.
#[must_use]
pub fn tolerated_chance(points: &[TolerancePoint], loss: f64) -> f64 {
    let mut sorted = points.to_vec();
    sorted.sort_by(|a, b| a.loss.total_cmp(&b.loss));
    match sorted.as_slice() {
        [] => 1.0,
        [only] => only.chance,
        _ => {
            let i = sorted.partition_point(|p| p.loss < loss).clamp(1, sorted.len() - 1);
            let (a, b) = (sorted[i - 1], sorted[i]);
            let t = (loss.ln() - a.loss.ln()) / (b.loss.ln() - a.loss.ln());
            let t = if t.is_finite() { t } else { 0.0 };
            (a.chance.ln() + t * (b.chance.ln() - a.chance.ln())).exp().clamp(0.0, 1.0)
        }
    }
}

pub(crate) fn tolerance_check(points: &[TolerancePoint], sorted: &[f64], grid: &[f64]) -> ToleranceCheck {
    let n = sorted.len().max(1) as f64;
    let above = |x: f64| (sorted.len() - sorted.partition_point(|v| *v <= x)) as f64 / n;
    let mut checked: Vec<(f64, f64, f64)> = points.iter().map(|p| (p.loss, p.chance, above(p.loss))).collect();
    checked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (low, high) = (checked.first().map_or(0.0, |c| c.0), checked.last().map_or(0.0, |c| c.0));
    let mut losses: Vec<f64> = grid.iter().copied().filter(|x| *x >= low && *x <= high).collect();
    losses.extend(checked.iter().map(|c| c.0));
    losses.sort_by(f64::total_cmp);
    losses.dedup();
    let curve: Vec<(f64, f64)> = losses.iter().map(|&x| (x, tolerated_chance(points, x))).collect();
    let crossed_at = curve.iter().find(|(x, t)| above(*x) > *t).map(|(x, _)| *x);
    ToleranceCheck {
        within: crossed_at.is_none() && checked.iter().all(|c| c.2 <= c.1),
        points: checked,
        curve,
        crossed_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_is_log_log_between_its_points() {
        let points = [TolerancePoint { loss: 10.0, chance: 0.1 }, TolerancePoint { loss: 1000.0, chance: 0.001 }];
        assert!((tolerated_chance(&points, 100.0) - 0.01).abs() < 1e-12);
        assert!((tolerated_chance(&points, 10.0) - 0.1).abs() < 1e-12);
        // Extended along the end segment.
        assert!((tolerated_chance(&points, 1.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn tolerance_crossing_is_found() {
        // Half the years lose 100: a 1-in-10 tolerance at 50 is crossed.
        let sorted = [0.0, 0.0, 100.0, 100.0];
        let points = [TolerancePoint { loss: 50.0, chance: 0.1 }];
        let check = tolerance_check(&points, &sorted, &grid(&[&sorted]));
        assert!(!check.within);
        assert_eq!(check.crossed_at, Some(50.0));
        assert_eq!(check.points, vec![(50.0, 0.1, 0.5)]);
    }

    #[test]
    fn exceedance_falls_from_the_chance_of_a_loss_to_zero() {
        let sorted = [0.0, 1.0, 10.0, 100.0];
        let curve = exceedance_on(&sorted, &grid(&[&sorted]));
        assert_eq!(curve.first().map(|c| c.1), Some(0.5));
        assert_eq!(curve.last().map(|c| c.1), Some(0.0));
        assert!(exceedance_on(&[0.0, 0.0], &grid(&[&[0.0, 0.0]])).is_empty());
    }
}
