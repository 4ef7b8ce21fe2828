//! Where an axis puts its ticks, one rule for the app's charts and the exported ones: at most
//! [`MAX_TICKS`] marks at 1, 2 or 5 × 10ⁿ, so labels read ₩20B, ₩40B … rather than ₩25.1B,
//! ₩31.6B. No UI, no I/O.

/// The most tick labels an axis shows: enough to read, few enough to read from across a room.
pub const MAX_TICKS: f64 = 8.0;

/// The smallest 1, 2 or 5 × 10ⁿ at least `raw` (0 when `raw` is not a positive number).
#[must_use]
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 0.0;
    }
    let scale = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * scale).find(|&s| s >= raw * (1.0 - 1e-12)).unwrap_or(10.0 * scale)
}

/// Ticks across `lo..=hi` at a multiple of one step of 1, 2 or 5 × 10ⁿ, at most `most` of them
/// (and the step).
#[must_use]
pub fn linear(lo: f64, hi: f64, most: f64) -> (Vec<f64>, f64) {
    let mut step = nice_step((hi - lo) / most);
    if !(step.is_finite() && step > 0.0 && lo.is_finite() && hi.is_finite()) {
        return (Vec::new(), 0.0);
    }
    // Both ends may fall on a tick: one more than the span holds steps; the next 1-2-5 step then.
    if ((hi / step).floor() - (lo / step).ceil() + 1.0) > most {
        step = nice_step(step * 1.5);
    }
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    ((first..=last).map(|i| i as f64 * step).collect(), step)
}

/// Ticks for an axis holding log10 of a value, across `lo..=hi` (in log10): at 1, 2 and 5 × 10ⁿ,
/// thinned to at most [`MAX_TICKS`] (every k-th whole decade when the axis spans many); an axis
/// spanning less than a decade, where those would leave one or two ticks, gets round values
/// evenly spaced in the value (₩50B, ₩55B, ₩60B …). Returned in log10.
#[must_use]
pub fn log10(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let decades = (lo.floor() as i64)..=(hi.ceil() as i64);
    let marks = |multiples: &[f64]| -> Vec<f64> {
        decades
            .clone()
            .flat_map(|d| multiples.iter().map(move |m| (10f64.powi(d as i32) * m).log10()))
            .filter(|v| (lo..=hi).contains(v))
            .collect()
    };
    if marks(&[1.0, 2.0, 5.0]).len() < 3 {
        let (values, _) = linear(10f64.powf(lo), 10f64.powf(hi), MAX_TICKS - 2.0);
        let values: Vec<f64> = values.into_iter().filter(|&v| v > 0.0).map(f64::log10).collect();
        if !values.is_empty() {
            return values;
        }
    }
    for multiples in [&[1.0, 2.0, 5.0][..], &[1.0, 3.0][..], &[1.0][..]] {
        let m = marks(multiples);
        if m.len() as f64 <= MAX_TICKS {
            return m;
        }
    }
    // Many decades: every k-th decade.
    let k = nice_step((hi - lo) / (MAX_TICKS - 1.0)).max(1.0) as i64;
    decades.filter(|d| d % k == 0).map(|d| d as f64).filter(|d| (lo..=hi).contains(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_fall_on_one_two_five_and_are_few() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(1.3), 2.0);
        assert_eq!(nice_step(2.5e9), 5e9);
        assert_eq!(nice_step(6e9), 1e10);
        let (marks, step) = linear(-1.0, 141e9, MAX_TICKS);
        assert!(marks.len() <= 8 && marks.len() >= 4, "{}", marks.len());
        assert_eq!(step, 2e10);
        assert!(marks.iter().all(|m| *m >= 0.0 && (m / 2e10).fract().abs() < 1e-9));
        let values = |lo: f64, hi: f64, unit: f64| -> Vec<f64> {
            log10(lo, hi).iter().map(|m| (10f64.powf(*m) / unit).round()).collect()
        };
        // Under a decade, where 1-2-5 would leave two ticks: round values evenly spaced.
        assert_eq!(values(7.35, 8.1, 1e7), [4.0, 6.0, 8.0, 10.0, 12.0]);
        assert_eq!(values(50e9f64.log10(), 75e9f64.log10(), 1e9), [50.0, 55.0, 60.0, 65.0, 70.0, 75.0]);
        // Two decades: 1, 2, 5.
        assert_eq!(values(0.0, 2.0, 1.0), [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]);
        // Many: whole decades, at most eight.
        let wide = log10(0.0, 30.0);
        assert!(wide.len() <= 8 && wide.iter().all(|m| m.fract() == 0.0));
        for (lo, hi) in [(0.5, 30.5), (-8.5, 12.3), (2.2, 2.3), (-300.0, 300.0)] {
            let marks = log10(lo, hi);
            assert!(marks.len() <= 8 && marks.iter().all(|m| (lo..=hi).contains(m)), "{lo}..{hi}: {marks:?}");
        }
        // Both ends on a tick never make nine.
        assert_eq!(linear(0.0, 80.0, MAX_TICKS).0, [0.0, 20.0, 40.0, 60.0, 80.0]);
        for (lo, hi) in [(0.0, 1.0), (-1.0, 141e9), (3.0, 7.0), (0.0, 1e300), (-5e-9, 5e-9)] {
            assert!(linear(lo, hi, MAX_TICKS).0.len() <= 8, "{lo}..{hi}");
        }
        assert!(log10(3.0, 3.0).is_empty() && log10(f64::NAN, 1.0).is_empty());
    }
}
