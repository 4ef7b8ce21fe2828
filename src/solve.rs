//! Solving for an input (DESIGN §9): the value of one input at which a figure meets a target
//! ("what per-user compensation did Kakao's 27.5B won imply?").
//!
//! The figure is the deterministic one (every other input at its nominal value, as entered). The
//! input is searched over its whole domain by bisection, which assumes the figure moves one way
//! as the input grows (every amount, count and share of the model does). Edge cases: a target the
//! domain's ends do not bracket is refused with the reachable range; a figure the input does not
//! move is refused; a figure that jumps over the target (a compensation waiting time, an SLA
//! tier) is refused with where it jumps. No UI, no I/O.

use crate::model::{Point, evaluate, figure_name, figure_value};
use crate::scenario::{Estimate, FigureId, Scenario};
use crate::sim::{Leaf, leaves};

/// A target met: the input's value and what it gives.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Solution {
    /// The input's path (`compensation.per_user`).
    pub path: String,
    /// The figure solved for.
    pub figure: FigureId,
    /// The target value of the figure.
    pub target: f64,
    /// The input's value that meets it.
    pub value: f64,
    /// The figure at that value (the target, up to bisection's precision).
    pub achieved: f64,
    /// The input's value as entered.
    pub value_before: f64,
    /// The figure as entered.
    pub figure_before: f64,
}

/// A number in an error message: plain when short, in scientific notation when very large or
/// very small (`2.75e10`, `5e-324`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v != 0.0 && !(1e-3..1e7).contains(&v.abs()) {
            write!(f, "{v:e}")
        } else {
            write!(f, "{}", crate::format::trimmed(v, 6))
        }
    }
}

/// Why no value of the input meets the target.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SolveError {
    /// The path names no numeric input of this scenario.
    #[error(
        "`{path}` is not an input of this scenario: write a field path such as `compensation.per_user` or `businesses[0].count`{hint}"
    )]
    UnknownInput {
        /// The path given.
        path: String,
        /// "did you mean …?" when a path is close.
        hint: String,
    },
    /// The target is not a finite amount.
    #[error("the target {target} is not a number: write an amount such as 27.5e9")]
    BadTarget {
        /// The target given.
        target: Num,
    },
    /// The input does not move the figure.
    #[error("{figure} does not depend on `{path}` (it stays {value}): vary an input that enters its formula")]
    NoEffect {
        /// The figure's name.
        figure: String,
        /// The input's path.
        path: String,
        /// The figure's constant value.
        value: Num,
    },
    /// The target lies outside what the input's domain can reach.
    #[error(
        "no value of `{path}` gives {figure} = {target}: over its domain ({low_input} to {high_input}) {figure} goes only from {at_low} to {at_high}; vary another input or change the target"
    )]
    Unreachable {
        /// The figure's name.
        figure: String,
        /// The input's path.
        path: String,
        /// The target.
        target: Num,
        /// The domain's low end.
        low_input: Num,
        /// The domain's high end.
        high_input: Num,
        /// The figure there.
        at_low: Num,
        /// The figure there.
        at_high: Num,
    },
    /// The figure jumps over the target.
    #[error(
        "no value of `{path}` gives {figure} = {target} exactly: the figure jumps from {below} to {above} at `{path}` ≈ {at} (a step such as a compensation waiting time or an SLA tier)"
    )]
    Jump {
        /// The figure's name.
        figure: String,
        /// The input's path.
        path: String,
        /// The target.
        target: Num,
        /// The figure just below the jump.
        below: Num,
        /// The figure just above it.
        above: Num,
        /// Where it jumps.
        at: Num,
    },
}

/// The inputs that can be solved for: scalar fields and business groups' fields, by path.
#[must_use]
pub fn solvable(scenario: &Scenario) -> Vec<(Leaf, Estimate)> {
    leaves(scenario).into_iter().filter(|(l, _)| matches!(l, Leaf::Field(_) | Leaf::Business(..))).collect()
}

/// The figure with `leaf` at `x` and every other input as entered.
fn figure_at(base: &Point, leaf: Leaf, figure: &FigureId, x: f64) -> f64 {
    let mut point = base.clone();
    let mut raw_weights = [0.0; 24];
    leaf.write(&mut point, &mut raw_weights, x);
    figure_value(figure, &evaluate(&point))
}

/// Whether two figures are the same up to rounding.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300)
}

/// Finds the value of the input at `path` for which `figure` equals `target`.
pub fn solve(scenario: &Scenario, path: &str, figure: &FigureId, target: f64) -> Result<Solution, SolveError> {
    if !target.is_finite() {
        return Err(SolveError::BadTarget { target: Num(target) });
    }
    let inputs = solvable(scenario);
    let Some(&(leaf, entered)) = inputs.iter().find(|(l, _)| l.path() == path.trim()) else {
        let near = inputs
            .iter()
            .map(|(l, _)| l.path())
            .find(|p| p.ends_with(path.trim()) || path.trim().ends_with(p.as_str()));
        let hint = near.map_or_else(String::new, |p| format!(" (did you mean `{p}`?)"));
        return Err(SolveError::UnknownInput { path: path.to_owned(), hint });
    };
    let base = Point::nominal(scenario);
    let domain = leaf.domain();
    let (mut lo, mut hi) = (domain.clamp(f64::NEG_INFINITY), domain.clamp(f64::INFINITY));
    let (at_low, at_high) = (figure_at(&base, leaf, figure, lo), figure_at(&base, leaf, figure, hi));
    let name = figure_name(figure);
    if same(at_low, at_high) && !same(at_low, target) {
        return Err(SolveError::NoEffect { figure: name, path: leaf.path(), value: Num(at_low) });
    }
    let rising = at_high > at_low;
    let (min, max) = if rising { (at_low, at_high) } else { (at_high, at_low) };
    if !(min <= target || same(min, target)) || !(target <= max || same(max, target)) {
        return Err(SolveError::Unreachable {
            figure: name,
            path: leaf.path(),
            target: Num(target),
            low_input: Num(lo),
            high_input: Num(hi),
            at_low: Num(at_low),
            at_high: Num(at_high),
        });
    }
    // Invariant: the figure at `lo` is on the low side of the target, at `hi` on the high side
    // (for a rising figure; the other way round for a falling one).
    for _ in 0..400 {
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        let v = figure_at(&base, leaf, figure, mid);
        if (v < target) == rising { lo = mid } else { hi = mid }
    }
    let (f_lo, f_hi) = (figure_at(&base, leaf, figure, lo), figure_at(&base, leaf, figure, hi));
    let (value, achieved) = if (f_lo - target).abs() <= (f_hi - target).abs() { (lo, f_lo) } else { (hi, f_hi) };
    if !same(achieved, target) && (achieved - target).abs() > 1e-6 * target.abs().max(1.0) {
        return Err(SolveError::Jump {
            figure: name,
            path: leaf.path(),
            target: Num(target),
            below: Num(f_lo),
            above: Num(f_hi),
            at: Num(value),
        });
    }
    let value_before = entered.nominal();
    Ok(Solution {
        path: leaf.path(),
        figure: figure.clone(),
        target,
        value,
        achieved,
        value_before,
        figure_before: figure_value(figure, &evaluate(&base)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::parse;

    fn id(text: &str) -> FigureId {
        FigureId::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn scenario(text: &str) -> Scenario {
        parse(text, "t.ron").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_linear_input_is_recovered() {
        // C7 = 1000 users · c_u · 0.5.
        let s = scenario(
            "(version: 1, users: (active_users: 1000), outage: (duration_hours: 2), compensation: (per_user: 3, user_uptake: 0.5))",
        );
        let sol = solve(&s, "compensation.per_user", &id("C7"), 2500.0).unwrap_or_else(|e| panic!("{e}"));
        assert!((sol.value - 5.0).abs() < 1e-9, "{sol:?}");
        assert_eq!((sol.value_before, sol.figure_before), (3.0, 1500.0));
        // A falling figure: the combined impact falls as more revenue is recovered.
        let s = scenario("(version: 1, outage: (duration_hours: 10), revenue: (annual_revenue: 876000))");
        let sol = solve(&s, "revenue.share_recovered", &id("C1"), 250.0).unwrap_or_else(|e| panic!("{e}"));
        assert!((sol.value - 0.75).abs() < 1e-9, "{sol:?}");
    }

    #[test]
    fn unreachable_targets_and_unknown_inputs_are_refused() {
        let s = scenario(
            "(version: 1, users: (active_users: 1000), outage: (duration_hours: 2), compensation: (per_user: 3, user_uptake: 0.5))",
        );
        assert!(matches!(solve(&s, "compensation.user_uptake", &id("C7"), 1e9), Err(SolveError::Unreachable { .. })));
        assert!(matches!(solve(&s, "compensation.per_usr", &id("C7"), 1.0), Err(SolveError::UnknownInput { .. })));
        assert!(matches!(solve(&s, "fines.fixed", &id("C7"), 10.0), Err(SolveError::NoEffect { .. })));
        // Paid only past 24 h: C7 jumps from 0 to 1500 as the duration passes 24 h.
        let s = scenario(
            "(version: 1, users: (active_users: 1000), outage: (duration_hours: 2), compensation: (per_user: 3, user_uptake: 0.5, after_hours: 24))",
        );
        let err = solve(&s, "outage.duration_hours", &id("C7"), 700.0).unwrap_err();
        assert!(matches!(err, SolveError::Jump { at, .. } if (at.0 - 24.0).abs() < 1e-6), "{err}");
    }
}
