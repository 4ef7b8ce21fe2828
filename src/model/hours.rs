//! The outage over time (DESIGN §2.1): effective outage hours `H` and SLA downtime minutes.
//!
//! `H = ∫₀^∞ a(t)·w((start + t) mod 24) dt` is computed exactly, not by a coarse sum: the plateau
//! from a cumulative weight function, the exponential tail as the rest of its first clock hour plus
//! whole hours, the days of the tail summed as a geometric series. A flat profile gives
//! `a·(D + τ)` in closed form. `τ = 0` means instant recovery; very small or large `τ`, and `D`
//! of any size, stay finite.

use super::real::{Real, whole_index};

/// Minutes in the 30-day month SLAs are measured over.
pub const MONTH_MINUTES: f64 = 43_200.0;

/// A traffic profile ready for integration: 24 hourly weights and their running sums.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Profile {
    /// Weight of each clock hour from 00:00.
    pub weights: [f64; 24],
    /// `cumulative[h]` = sum of the first `h` weights.
    pub cumulative: [f64; 25],
    /// The weights twice over, so any 24 consecutive clock hours are one contiguous slice.
    two_days: [f64; 48],
}

impl Profile {
    /// A profile from weights as they are (tests use plain numbers).
    #[must_use]
    pub fn from_weights(weights: [f64; 24]) -> Self {
        let mut cumulative = [0.0; 25];
        for h in 0..24 {
            cumulative[h + 1] = cumulative[h] + weights[h];
        }
        let two_days = std::array::from_fn(|i| weights[i % 24]);
        Self { weights, cumulative, two_days }
    }

    /// A profile from raw weights, normalised to mean 1 (all zero becomes flat).
    #[must_use]
    pub fn normalised(raw: [f64; 24]) -> Self {
        Self::from_weights(crate::scenario::profile::normalise(raw))
    }
}

/// A clock time `x ≥ 0` in hours since midnight of day 0, split as `24·days + hour + part` with
/// whole `days`, the clock hour `hour` in 0–23 and `part` in [0, 1) (`whole` = `x − part`).
#[derive(Clone, Copy)]
struct Clock<T> {
    days: T,
    hour: T,
    whole: T,
    part: T,
}

impl<T: Real> Clock<T> {
    #[inline(always)]
    fn of(x: T) -> Self {
        let whole = x.floor();
        let days = (whole / T::splat(24.0)).floor();
        Self { days, hour: whole - T::splat(24.0) * days, whole, part: x - whole }
    }

    /// `∫₀^x w(h mod 24) dh`: whole days, whole hours, part of an hour (`w_hour` the weight of
    /// the clock hour).
    #[inline(always)]
    fn cumulative(self, profile: &Profile, w_hour: T) -> T {
        self.days * T::splat(profile.cumulative[24]) + T::lookup(&profile.cumulative, self.hour) + w_hour * self.part
    }
}

/// Effective outage hours `H` for failing share `a`, duration `d`, recovery tail `tau`, local
/// start hour `start` in [0, 24) and a traffic profile of mean 1 (`None` = flat).
#[must_use]
#[inline(always)]
pub fn effective_hours<T: Real>(a: T, d: T, tau: T, start: T, profile: Option<&Profile>) -> T {
    let Some(profile) = profile else {
        return a * (d + tau);
    };
    let (zero, one) = (T::splat(0.0), T::splat(1.0));
    let x0 = start + d;
    let (from, to) = (Clock::of(start), Clock::of(x0));
    let w_to = T::lookup(&profile.weights, to.hour);
    let plateau = to.cumulative(profile, w_to) - from.cumulative(profile, T::lookup(&profile.weights, from.hour));
    let tailed = zero.lt(tau);
    if !T::any(tailed) {
        return a * plateau;
    }
    // The tail a·e^{-(t-D)/τ} in clock time from x0 = start + D: the rest of x0's clock hour, then
    // whole hours j ≥ ceil(x0), each worth w_j·τ·(1 - r)·e^{-(j - x0)/τ} with r = e^{-1/τ}. One
    // day's 24 terms repeat with factor r^24.
    // The first whole hour of the tail: x0's own if x0 is on the hour, else the next (24 stands
    // for 0).
    let step = T::select(zero.lt(to.part), one, zero);
    let (next, gap) = (to.hour + step, (to.whole + step) - x0);
    // exp is cheaper than exp_m1 and exact enough while 1/τ is not tiny (τ ≤ 1000 h); then
    // 1 - r^24 by squaring is well conditioned (above 0.02).
    let (r_minus_1, gap_minus_1, one_minus_r24) = if T::all(tau.le(T::splat(1000.0))) {
        let r_minus_1 = (-one / tau).exp() - one;
        let r2 = (one + r_minus_1) * (one + r_minus_1);
        let r8 = (r2 * r2) * (r2 * r2);
        (r_minus_1, (-gap / tau).exp() - one, one - r8 * r8 * r8)
    } else {
        ((-one / tau).exp_m1(), (-gap / tau).exp_m1(), -(T::splat(-24.0) / tau).exp_m1())
    };
    let r = one + r_minus_1;
    let first = w_to * tau * -gap_minus_1;
    let rest = tau * -r_minus_1 * (one + gap_minus_1) * next.zip_map(r, |c, r| day_sum(&profile.two_days, c, r))
        / one_minus_r24;
    a * T::select(tailed, plateau + first + rest, plateau)
}

/// `Σ_{i<24} w[(c + i) mod 24]·r^i` for a whole `c` in 0–24, from the weights written twice over:
/// eight sums `w[c+k]·r^k + w[c+8+k]·r^(8+k) + w[c+16+k]·r^(16+k)` side by side, added in pairs.
/// Short dependency chains and contiguous loads, so the processor overlaps the work of many
/// samples (a 24-step Horner chain, or its terms fetched sample by sample for a vector of samples,
/// takes about twice as long).
#[inline(always)]
fn day_sum(two_days: &[f64; 48], c: f64, r: f64) -> f64 {
    let c = whole_index(c).min(24);
    let Some(day) = two_days.get(c..c + 24) else {
        return 0.0;
    };
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let powers = [1.0, r, r2, r2 * r, r4, r4 * r, r4 * r2, r4 * (r2 * r)];
    let mut terms = [0.0; 8];
    for (k, t) in terms.iter_mut().enumerate() {
        *t = (day[k] + r8 * (day[8 + k] + r8 * day[16 + k])) * powers[k];
    }
    ((terms[0] + terms[4]) + (terms[2] + terms[6])) + ((terms[1] + terms[5]) + (terms[3] + terms[7]))
}

/// A start hour in [0, 24): as it is when already there (the common case), else wrapped.
#[must_use]
#[inline(always)]
pub fn clock_hour(x: f64) -> f64 {
    if (0.0..24.0).contains(&x) { x } else { x.rem_euclid(24.0) }
}

/// Minutes with `a(t) ≥ θ` (the Atlassian definition): 0 if `a < θ`, else `60·(D + τ·ln(a/θ))`.
#[must_use]
#[inline(always)]
pub fn sla_downtime_minutes<T: Real>(a: T, d: T, tau: T, threshold: T) -> T {
    let zero = T::splat(0.0);
    let tail = T::select(zero.lt(tau), tau * (a / threshold).ln(), zero);
    T::select(a.lt(threshold), zero, T::splat(60.0) * (d + tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Midpoint-rule integral with fine steps, an independent check of the piecewise formula.
    fn numeric(a: f64, d: f64, tau: f64, start: f64, w: &[f64; 24]) -> f64 {
        let step = 1.0 / 600.0;
        let end = d + 60.0 * tau;
        let mut t = step / 2.0;
        let mut total = 0.0;
        while t < end {
            let share = if t < d { a } else { a * (-(t - d) / tau).exp() };
            total += share * w[((start + t).rem_euclid(24.0)) as usize % 24] * step;
            t += step;
        }
        total
    }

    #[test]
    fn flat_profile_is_a_times_d_plus_tau() {
        assert_eq!(effective_hours(1.0, 4.0, 1.0, 10.0, None), 5.0);
        assert_eq!(effective_hours(0.4, 2.5, 3.0, 14.5, None), 0.4 * 5.5);
        // An explicit all-ones profile agrees with the closed form.
        let ones = [1.0; 24];
        for (a, d, tau, start) in [(1.0, 4.0, 1.0, 10.0), (0.3, 30.0, 7.5, 23.9), (0.8, 0.25, 0.0, 0.0)] {
            let h = effective_hours(a, d, tau, start, Some(&Profile::from_weights(ones)));
            assert!((h - a * (d + tau)).abs() < 1e-12 * (d + tau), "{h}");
        }
    }

    #[test]
    fn custom_profile_matches_numeric_integration() {
        let mut w = [0.0; 24];
        for (h, x) in w.iter_mut().enumerate() {
            *x = 0.2 + (h as f64 / 3.0).sin().abs();
        }
        let mean = w.iter().sum::<f64>() / 24.0;
        let w = w.map(|x| x / mean);
        for (a, d, tau, start) in
            [(1.0, 4.0, 1.0, 10.0), (0.4, 2.5, 3.0, 14.5), (0.7, 30.0, 0.5, 22.25), (1.0, 1.0, 0.0, 23.5)]
        {
            let exact = effective_hours(a, d, tau, start, Some(&Profile::from_weights(w)));
            let check = numeric(a, d, tau, start, &w);
            assert!((exact - check).abs() < 1e-5 * exact, "{a} {d} {tau} {start}: {exact} vs {check}");
        }
    }

    #[test]
    fn hand_computed_plateau() {
        // Weight 2 from 09:00 to 10:00, else 1 (not normalised, to keep the arithmetic plain):
        // 08:30 to 10:30 covers 0.5·1 + 1·2 + 0.5·1 = 3.
        let mut w = [1.0; 24];
        w[9] = 2.0;
        assert!((effective_hours(1.0, 2.0, 0.0, 8.5, Some(&Profile::from_weights(w))) - 3.0).abs() < 1e-12);
        // Across midnight: 23:00 to 01:00 with weight 3 at 23 and 0 → 3 + 3.
        let mut w = [1.0; 24];
        w[23] = 3.0;
        w[0] = 3.0;
        assert!((effective_hours(0.5, 2.0, 0.0, 23.0, Some(&Profile::from_weights(w))) - 3.0).abs() < 1e-12);
    }

    #[test]
    fn clock_times_split_into_days_hours_and_parts() {
        for x in [0.0, 0.3, 1.0, 23.999, 24.0, 47.5, 1e9 + 0.5, 4.5e15, 1e17] {
            let c = Clock::of(x);
            assert_eq!(c.part, x - x.floor(), "{x}");
            assert_eq!(c.hour, x.floor().rem_euclid(24.0), "{x}");
            assert_eq!(c.days, (x.floor() - c.hour) / 24.0, "{x}");
        }
        assert_eq!(clock_hour(25.5), 1.5);
        assert_eq!(clock_hour(-1.0), 23.0);
        assert_eq!(clock_hour(7.25), 7.25);
    }

    #[test]
    fn the_day_sum_is_the_plain_polynomial() {
        let w: [f64; 24] = std::array::from_fn(|h| 0.5 + (h as f64 * 0.7).sin().abs());
        let two_days = Profile::from_weights(w).two_days;
        for (c, r) in [(0_u8, 0.3_f64), (7, 0.9), (23, 0.999), (12, 1e-6), (24, 0.5)] {
            let plain: f64 = (0..24_u8).map(|i| w[usize::from(c + i) % 24] * r.powi(i32::from(i))).sum();
            assert!((day_sum(&two_days, f64::from(c), r) - plain).abs() < 1e-12 * plain, "{c} {r}");
        }
    }

    #[test]
    fn extreme_tails_stay_finite() {
        let w = Profile::from_weights([1.0; 24]);
        for tau in [1e-300, 1e-9, 1e9, 1e300] {
            let h = effective_hours(1.0, 5.0, tau, 3.3, Some(&w));
            assert!(h.is_finite() && h >= 5.0 * (1.0 - 1e-9), "{tau}: {h}");
        }
        assert!(effective_hours(1.0, 1e9, 2.0, 0.0, Some(&w)).is_finite());
    }

    #[test]
    fn sla_minutes_by_hand() {
        // 60·(4 + 1·ln(1/0.05)) = 60·(4 + 2.9957323) = 419.74394.
        assert!((sla_downtime_minutes(1.0, 4.0, 1.0, 0.05) - 419.743_94).abs() < 1e-4);
        assert_eq!(sla_downtime_minutes(0.04, 4.0, 1.0, 0.05), 0.0);
        assert_eq!(sla_downtime_minutes(0.5, 4.0, 0.0, 0.05), 240.0);
        assert_eq!(sla_downtime_minutes(0.05, 4.0, 3.0, 0.05), 240.0);
    }
}
