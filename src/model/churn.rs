//! The churn curve of C8 (DESIGN §2.3): the share of affected users lost grows with the outage's
//! duration along a logistic curve that starts at 0.

use super::real::Real;

/// The logistic function, stable for any argument.
#[inline(always)]
fn logistic<T: Real>(x: T) -> T {
    let (zero, one) = (T::splat(0.0), T::splat(1.0));
    let e = (-x.abs()).exp();
    let q = one / (one + e);
    T::select(zero.le(x), q, e * q)
}

/// `c(D) = c_max·(L(D) − L(0)) / (1 − L(0))` with `L(x) = 1/(1 + e^{−k(x − D₅₀)})`, so `c(0) = 0`.
#[must_use]
pub fn churn_share<T: Real>(max_share: T, midpoint_hours: T, steepness: T, duration_hours: T) -> T {
    churn_share_from(max_share, midpoint_hours, steepness, duration_hours, churn_start(midpoint_hours, steepness))
}

/// `L(0)` of the churn curve, which depends only on its midpoint and steepness.
#[must_use]
pub fn churn_start<T: Real>(midpoint_hours: T, steepness: T) -> T {
    logistic(-steepness * midpoint_hours)
}

/// [`churn_share`] with `L(0)` already known.
#[inline(always)]
pub(super) fn churn_share_from<T: Real>(max_share: T, midpoint_hours: T, steepness: T, duration_hours: T, l0: T) -> T {
    max_share * (logistic(steepness * (duration_hours - midpoint_hours)) - l0) / (T::splat(1.0) - l0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn churn_curve_by_hand() {
        // L(4) = 1/(1+e^{1.6}) = 0.16798161, L(0) = 1/(1+e^{4.8}) = 0.00816257;
        // c = 0.04·0.15981904/0.99183743 = 0.00644537.
        assert!((churn_share(0.04, 6.0, 0.8, 4.0) - 0.006_445_37).abs() < 1e-8);
        assert_eq!(churn_share(0.04, 6.0, 0.8, 0.0), 0.0);
        assert_eq!(churn_share(0.04, 6.0, 0.0, 10.0), 0.0);
        assert!(churn_share(0.04, 6.0, 0.8, 1e6) <= 0.04);
        assert!((logistic(-800.0)).is_finite() && logistic(800.0) == 1.0);
    }
}
