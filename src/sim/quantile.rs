//! Inverse cumulative distribution functions: each draw is `Q(u)` for a uniform `u`, so drawing is a
//! table look-up (PERT) or a rational approximation (normal), both a few nanoseconds.
//!
//! The beta quantile is tabulated once per estimate: the density is integrated on a fine grid and
//! inverted at `TABLE_SIZE + 1` evenly spaced probabilities, interpolated linearly between them.

/// Intervals of the PERT quantile table.
pub const TABLE_SIZE: usize = 4096;
/// Intervals of the grid the beta density is integrated on.
const GRID: usize = 1 << 12;

/// The 95th percentile of the standard normal distribution.
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// The PERT shape parameters (γ = 4): α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min).
#[must_use]
pub fn pert_shape(min: f64, mode: f64, max: f64) -> (f64, f64) {
    let span = max - min;
    (1.0 + 4.0 * (mode - min) / span, 1.0 + 4.0 * (max - mode) / span)
}

/// The quantile function of Beta(α, β) with α, β ≥ 1 on [0, 1], tabulated.
#[derive(Clone, Debug, PartialEq)]
pub struct BetaTable {
    q: Vec<f64>,
}

impl BetaTable {
    /// Tabulates Beta(α, β).
    #[must_use]
    pub fn new(alpha: f64, beta: f64) -> Self {
        // Cumulative density on the grid by the trapezoid rule, then normalised. The density
        // `x^(α−1)·(1−x)^(β−1)` at `x = i/GRID` is `exp((α−1)·ln(i/GRID) + (β−1)·ln((GRID−i)/GRID))`
        // (`1 − x` is exact on this grid), with the logarithms of the grid computed once and the
        // project's own `exp` and `ln` (portable arithmetic, the same bits everywhere): a few
        // nanoseconds a point rather than two calls of `powf`.
        let logs = grid_logs();
        let power = |e: f64, i: usize| if e == 0.0 { 0.0 } else { e * logs[i] };
        let pdf = |i: usize| {
            if (i == 0 && alpha > 1.0) || (i == GRID && beta > 1.0) {
                return 0.0;
            }
            super::lanes::exp_reduced(power(alpha - 1.0, i) + power(beta - 1.0, GRID - i))
        };
        let h = 1.0 / GRID as f64;
        let mut cdf = Vec::with_capacity(GRID + 1);
        cdf.push(0.0);
        let mut previous = pdf(0);
        let mut total = 0.0;
        for i in 1..=GRID {
            let current = pdf(i);
            total += 0.5 * (previous + current) * h;
            cdf.push(total);
            previous = current;
        }
        let mut q = Vec::with_capacity(TABLE_SIZE + 1);
        let mut cell = 0;
        for k in 0..=TABLE_SIZE {
            let target = k as f64 / TABLE_SIZE as f64 * total;
            while cell < GRID - 1 && cdf[cell + 1] < target {
                cell += 1;
            }
            let (lo, hi) = (cdf[cell], cdf[cell + 1]);
            let within = if hi > lo { ((target - lo) / (hi - lo)).clamp(0.0, 1.0) } else { 0.0 };
            q.push((cell as f64 + within) * h);
        }
        q[0] = 0.0;
        q[TABLE_SIZE] = 1.0;
        Self { q }
    }

    /// `Q(u)` for `u` in (0, 1).
    #[must_use]
    #[inline]
    pub fn quantile(&self, u: f64) -> f64 {
        let x = u * TABLE_SIZE as f64;
        let i = (x as usize).min(TABLE_SIZE - 1);
        let f = x - i as f64;
        self.q[i] + f * (self.q[i + 1] - self.q[i])
    }
}

/// `ln(i/GRID)` for `i` = 0 to [`GRID`] (the first never read: its density term is 0 or 1).
fn grid_logs() -> &'static [f64] {
    static LOGS: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        (0..=GRID).map(|i| if i == 0 { 0.0 } else { super::lanes::ln_normal(i as f64 / GRID as f64) }).collect()
    })
}

/// The standard normal quantile `Φ⁻¹(u)` (Acklam's rational approximation, relative error below
/// 1.2e-9), for `u` in (0, 1).
#[must_use]
#[inline]
pub fn normal_quantile(u: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    const LOW: f64 = 0.024_25;
    if u < LOW {
        let q = (-2.0 * u.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if u <= 1.0 - LOW {
        let q = u - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -normal_quantile(1.0 - u)
    }
}

/// The standard normal distribution function `Φ(x)` (Hart's double-precision rational
/// approximation as arranged by West, absolute error below 1e-14), for the copula.
#[must_use]
#[inline]
pub fn normal_cdf(x: f64) -> f64 {
    let a = x.abs();
    let tail = if a > 37.0 {
        0.0
    } else {
        let e = (-0.5 * a * a).exp();
        if a < 7.071_067_811_865_47 {
            const N: [f64; 7] = [
                3.526_249_659_989_11e-2,
                0.700_383_064_443_688,
                6.373_962_203_531_65,
                33.912_866_078_383,
                112.079_291_497_871,
                221.213_596_169_931,
                220.206_867_912_376,
            ];
            const D: [f64; 8] = [
                8.838_834_764_831_84e-2,
                1.755_667_163_182_64,
                16.064_177_579_207,
                86.780_732_202_946_1,
                296.564_248_779_674,
                637.333_633_378_831,
                793.826_512_519_948,
                440.413_735_824_752,
            ];
            let n = N.iter().fold(0.0, |acc, c| acc * a + c);
            let d = D.iter().fold(0.0, |acc, c| acc * a + c);
            e * n / d
        } else {
            let b = a + 1.0 / (a + 2.0 / (a + 3.0 / (a + 4.0 / (a + 0.65))));
            e / b / 2.506_628_274_631
        }
    };
    if x > 0.0 { 1.0 - tail } else { tail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_inverts_the_quantile() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-15);
        assert!((normal_cdf(Z95) - 0.95).abs() < 1e-12);
        assert!((normal_cdf(-1.959_963_984_540_054) - 0.025).abs() < 1e-12);
        // The far tail, to within a few parts in 10⁸ of its own size.
        assert!((normal_cdf(-8.0) / 6.220_960_574_271_784e-16 - 1.0).abs() < 1e-7, "{}", normal_cdf(-8.0));
        for i in 1..1000 {
            let u = f64::from(i) / 1000.0;
            assert!((normal_cdf(normal_quantile(u)) - u).abs() < 5e-9, "{u}");
        }
    }

    #[test]
    fn normal_quantiles_match_tables() {
        assert!(normal_quantile(0.5).abs() < 1e-12);
        assert!((normal_quantile(0.95) - Z95).abs() < 1e-8);
        assert!((normal_quantile(0.05) + Z95).abs() < 1e-8);
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-8);
        assert!((normal_quantile(1e-6) + 4.753_424_308_822_899).abs() < 1e-7);
    }

    #[test]
    fn uniform_beta_is_the_identity() {
        let t = BetaTable::new(1.0, 1.0);
        for u in [0.01, 0.25, 0.5, 0.9] {
            assert!((t.quantile(u) - u).abs() < 1e-6);
        }
    }

    #[test]
    fn beta_2_2_median_and_quartile() {
        // Beta(2, 2): CDF = 3x² − 2x³; the median is 0.5 and the CDF at 0.25 is 0.15625.
        let t = BetaTable::new(2.0, 2.0);
        assert!((t.quantile(0.5) - 0.5).abs() < 1e-6);
        assert!((t.quantile(0.156_25) - 0.25).abs() < 1e-5);
    }

    #[test]
    fn pert_shape_is_gamma_four() {
        assert_eq!(pert_shape(0.0, 1.0, 4.0), (2.0, 4.0));
        assert_eq!(pert_shape(0.0, 2.0, 4.0), (3.0, 3.0));
    }
}
