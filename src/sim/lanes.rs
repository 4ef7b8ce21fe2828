//! [`Lanes`]: [`LANES`] Monte Carlo samples side by side, so the model's arithmetic runs on all of
//! them at once (the compiler turns each operation into vector instructions).
//!
//! `exp` and `ln` are computed here with the classic reductions (`eˣ = 2ⁿ·eʳ` with `|r| ≤ ln2/2`,
//! `ln x = e·ln2 + 2·atanh((m − 1)/(m + 1))`) and polynomials accurate to within a few units in
//! the last place, in a form that vectorises. Arguments outside the ranges those cover (huge,
//! tiny, zero, infinite or NaN) send the whole group to the standard library's functions, one
//! sample at a time, so every value is as right as the scalar one.

use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub};

use crate::model::Real;
use crate::model::real::{TWO_POW_52, whole_index};

/// Samples evaluated side by side.
pub const LANES: usize = 8;

/// [`LANES`] numbers, one per sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lanes(pub [f64; LANES]);

/// One flag per sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mask(pub [bool; LANES]);

impl Lanes {
    /// `f(i)` for each lane `i`: a plain loop, which the compiler unrolls and vectorises more
    /// reliably than `array::map` or `array::from_fn`.
    #[inline(always)]
    fn each(f: impl Fn(usize) -> f64) -> Self {
        let mut out = [0.0; LANES];
        for (i, x) in out.iter_mut().enumerate() {
            *x = f(i);
        }
        Lanes(out)
    }

    #[inline(always)]
    fn zip(self, other: Self, f: impl Fn(f64, f64) -> f64) -> Self {
        Self::each(|i| f(self.0[i], other.0[i]))
    }

    #[inline(always)]
    fn test(self, other: Self, f: impl Fn(f64, f64) -> bool) -> Mask {
        let mut out = [false; LANES];
        for (i, m) in out.iter_mut().enumerate() {
            *m = f(self.0[i], other.0[i]);
        }
        Mask(out)
    }

    /// Whether every sample lies in `[low, high]` (false for NaN).
    #[inline(always)]
    fn within(self, low: f64, high: f64) -> bool {
        self.0.iter().all(|x| (low..=high).contains(x))
    }
}

macro_rules! lane_wise {
    ($($op:ident $method:ident $sym:tt),*) => {$(
        impl $op for Lanes {
            type Output = Lanes;
            #[inline(always)]
            fn $method(self, other: Lanes) -> Lanes {
                self.zip(other, |a, b| a $sym b)
            }
        }
    )*};
}
lane_wise!(Add add +, Sub sub -, Mul mul *, Div div /);

impl Neg for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn neg(self) -> Lanes {
        Lanes::each(|i| -self.0[i])
    }
}

impl AddAssign for Lanes {
    #[inline(always)]
    fn add_assign(&mut self, other: Lanes) {
        *self = *self + other;
    }
}

impl Real for Lanes {
    type Mask = Mask;

    #[inline(always)]
    fn splat(x: f64) -> Self {
        Lanes([x; LANES])
    }
    #[inline(always)]
    fn load(values: &[f64]) -> Self {
        values.first_chunk().map_or_else(|| Lanes(std::array::from_fn(|i| values[i])), |v| Lanes(*v))
    }
    #[inline(always)]
    fn store(self, out: &mut [f64]) {
        out[..LANES].copy_from_slice(&self.0);
    }
    #[inline(always)]
    fn map(self, f: impl Fn(f64) -> f64) -> Self {
        Self::each(|i| f(self.0[i]))
    }
    #[inline(always)]
    fn zip_map(self, other: Self, f: impl Fn(f64, f64) -> f64) -> Self {
        self.zip(other, f)
    }
    #[inline(always)]
    fn exp(self) -> Self {
        if self.within(EXP_LOW, EXP_HIGH) { self.map(exp_reduced) } else { self.map(f64::exp) }
    }
    #[inline(always)]
    fn exp_m1(self) -> Self {
        self.map(f64::exp_m1)
    }
    #[inline(always)]
    fn ln(self) -> Self {
        if self.within(f64::MIN_POSITIVE, f64::MAX) { self.map(ln_normal) } else { self.map(f64::ln) }
    }
    #[inline(always)]
    fn abs(self) -> Self {
        self.map(f64::abs)
    }
    #[inline(always)]
    fn max(self, other: Self) -> Self {
        self.zip(other, f64::max)
    }
    #[inline(always)]
    fn floor(self) -> Self {
        // Adding and taking away 2⁵² rounds to the nearest whole number (for 0 ≤ x < 2⁵²); one
        // less where that went up. Larger numbers, ∞ and NaN are their own floor.
        Self::each(|i| {
            let x = self.0[i];
            let t = (x + TWO_POW_52) - TWO_POW_52;
            let f = if t > x { t - 1.0 } else { t };
            if x < TWO_POW_52 { f } else { x }
        })
    }
    #[inline(always)]
    fn lookup<const N: usize>(table: &[f64; N], i: Self) -> Self {
        Self::each(|l| table[whole_index(i.0[l]).min(N - 1)])
    }
    #[inline(always)]
    fn lt(self, other: Self) -> Mask {
        self.test(other, |a, b| a < b)
    }
    #[inline(always)]
    fn le(self, other: Self) -> Mask {
        self.test(other, |a, b| a <= b)
    }
    #[inline(always)]
    fn select(mask: Mask, yes: Self, no: Self) -> Self {
        Self::each(|i| if mask.0[i] { yes.0[i] } else { no.0[i] })
    }
    #[inline(always)]
    fn all(mask: Mask) -> bool {
        mask.0.iter().all(|&m| m)
    }
    #[inline(always)]
    fn any(mask: Mask) -> bool {
        mask.0.iter().any(|&m| m)
    }
}

/// Where [`exp_reduced`] applies: results stay normal numbers.
const EXP_LOW: f64 = -708.0;
const EXP_HIGH: f64 = 709.0;
/// `ln 2` split so that `n·LN2_HI` is exact for every `n` used here (fdlibm's constants).
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// `1.5·2⁵²`: adding it rounds to an integer, and the integer sits in the low bits.
const ROUND: f64 = 6_755_399_441_055_744.0;

/// `eˣ` for `x` in [[`EXP_LOW`], [`EXP_HIGH`]]: `x = (64m + j)·ln2/64 + r` with `|r| ≤ ln2/128`,
/// so `eˣ = 2ᵐ·2^(j/64)·eʳ`, the middle factor from a table and `eʳ − 1` by its Taylor polynomial
/// to degree 6 (truncation below 1e-19).
#[inline(always)]
pub(crate) fn exp_reduced(x: f64) -> f64 {
    let t = x * (64.0 * std::f64::consts::LOG2_E) + ROUND;
    let n = t - ROUND;
    let r = (x - n * (LN2_HI / 64.0)) - n * (LN2_LO / 64.0);
    let k = t.to_bits().wrapping_sub(ROUND.to_bits()).cast_signed();
    let q = r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    let table = f64::from_bits(EXP2_64THS[(k & 63) as usize]);
    let scale = f64::from_bits(((k >> 6) + 1023).cast_unsigned() << 52);
    (table + table * q) * scale
}

/// `2^(j/64)` for `j` = 0 to 63, correctly rounded (as bit patterns).
const EXP2_64THS: [u64; 64] = [
    0x3FF0_0000_0000_0000,
    0x3FF0_2C9A_3E77_8061,
    0x3FF0_59B0_D315_8574,
    0x3FF0_8745_1875_9BC8,
    0x3FF0_B558_6CF9_890F,
    0x3FF0_E3EC_32D3_D1A2,
    0x3FF1_1301_D012_5B51,
    0x3FF1_429A_AEA9_2DE0,
    0x3FF1_72B8_3C7D_517B,
    0x3FF1_A35B_EB6F_CB75,
    0x3FF1_D487_3168_B9AA,
    0x3FF2_063B_8862_8CD6,
    0x3FF2_387A_6E75_6238,
    0x3FF2_6B45_65E2_7CDD,
    0x3FF2_9E9D_F51F_DEE1,
    0x3FF2_D285_A6E4_030B,
    0x3FF3_06FE_0A31_B715,
    0x3FF3_3C08_B264_16FF,
    0x3FF3_71A7_373A_A9CB,
    0x3FF3_A7DB_34E5_9FF7,
    0x3FF3_DEA6_4C12_3422,
    0x3FF4_160A_21F7_2E2A,
    0x3FF4_4E08_6061_892D,
    0x3FF4_86A2_B5C1_3CD0,
    0x3FF4_BFDA_D536_2A27,
    0x3FF4_F9B2_769D_2CA7,
    0x3FF5_342B_569D_4F82,
    0x3FF5_6F47_36B5_27DA,
    0x3FF5_AB07_DD48_5429,
    0x3FF5_E76F_15AD_2148,
    0x3FF6_247E_B03A_5585,
    0x3FF6_6238_8255_2225,
    0x3FF6_A09E_667F_3BCD,
    0x3FF6_DFB2_3C65_1A2F,
    0x3FF7_1F75_E8EC_5F74,
    0x3FF7_5FEB_5642_67C9,
    0x3FF7_A114_73EB_0187,
    0x3FF7_E2F3_36CF_4E62,
    0x3FF8_2589_994C_CE13,
    0x3FF8_68D9_9B44_92ED,
    0x3FF8_ACE5_422A_A0DB,
    0x3FF8_F1AE_9915_7736,
    0x3FF9_3737_B0CD_C5E5,
    0x3FF9_7D82_9FDE_4E50,
    0x3FF9_C491_82A3_F090,
    0x3FFA_0C66_7B5D_E565,
    0x3FFA_5503_B23E_255D,
    0x3FFA_9E6B_5579_FDBF,
    0x3FFA_E89F_995A_D3AD,
    0x3FFB_33A2_B84F_15FB,
    0x3FFB_7F76_F2FB_5E47,
    0x3FFB_CC1E_904B_C1D2,
    0x3FFC_199B_DD85_529C,
    0x3FFC_67F1_2E57_D14B,
    0x3FFC_B720_DCEF_9069,
    0x3FFD_072D_4A07_897C,
    0x3FFD_5818_DCFB_A487,
    0x3FFD_A9E6_03DB_3285,
    0x3FFD_FC97_337B_9B5F,
    0x3FFE_502E_E78B_3FF6,
    0x3FFE_A4AF_A2A4_90DA,
    0x3FFE_FA1B_EE61_5A27,
    0x3FFF_5076_5B6E_4540,
    0x3FFF_A7C1_819E_90D8,
];

/// `ln x` for a normal positive finite `x`: `x = (1 + f)·2ᵉ` with `1 + f` in [√½, √2), and with
/// `s = f/(2 + f)`, `ln(1 + f) = 2·atanh(s) = f − (f²/2 − s·(f²/2 + R))`, `R = Σ 2s²ᵏ/(2k + 1)`
/// (`|s| ≤ 0.172`, the series to `s²²`, truncation below 1e-19), arranged as fdlibm arranges it so
/// the rounding stays within an ulp or so.
#[inline(always)]
pub(crate) fn ln_normal(x: f64) -> f64 {
    const MANTISSA: u64 = (1 << 52) - 1;
    let bits = x.to_bits();
    let m = f64::from_bits((bits & MANTISSA) | 1.0_f64.to_bits());
    // `2⁵²` with `k < 2⁵²` in its mantissa's low bits is `2⁵² + k`.
    let exponent = f64::from_bits(TWO_POW_52.to_bits() | (bits >> 52)) - TWO_POW_52 - 1023.0;
    let high = m > std::f64::consts::SQRT_2;
    let (m, e) = if high { (0.5 * m, exponent + 1.0) } else { (m, exponent) };
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let mut r = 2.0 / 23.0;
    for k in (1..11_u32).rev() {
        r = r * z + 2.0 / f64::from(2 * k + 1);
    }
    let r = r * z;
    let half_f2 = 0.5 * f * f;
    e * LN2_HI - ((half_f2 - (s * (half_f2 + r) + e * LN2_LO)) - f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units in the last place.
    fn ulps(a: f64, b: f64) -> u64 {
        if a == b { 0 } else { a.to_bits().abs_diff(b.to_bits()) }
    }

    #[test]
    fn exp_is_within_two_ulps_of_the_library() {
        let mut worst = 0;
        for i in 0..=200_000 {
            let x = -708.0 + 1417.0 * f64::from(i) / 200_000.0;
            worst = worst.max(ulps(exp_reduced(x), x.exp()));
        }
        for x in [0.0, -0.0, 1e-300, -1e-12, 1e-8, 0.5, -0.346_573_590_279_972_6, 1.0] {
            worst = worst.max(ulps(exp_reduced(x), x.exp()));
        }
        assert!(worst <= 2, "{worst} ulps");
    }

    #[test]
    fn ln_is_within_two_ulps_of_the_library() {
        let mut worst = 0;
        let mut x = f64::MIN_POSITIVE;
        while x < 1e300 {
            for y in [x, x * 1.234_567, x * 1.414, x * 1.415, x * 1.999_999] {
                worst = worst.max(ulps(ln_normal(y), y.ln()));
            }
            x *= 1.7;
        }
        for i in 1..=100_000 {
            let y = 0.5 + f64::from(i) / 50_000.0;
            worst = worst.max(ulps(ln_normal(y), y.ln()));
        }
        assert!(worst <= 2, "{worst} ulps");
        assert_eq!(ln_normal(1.0), 0.0);
    }

    /// Lanes holding `values` in turn (repeated to fill every lane).
    fn lanes(values: &[f64]) -> Lanes {
        Lanes(std::array::from_fn(|i| values[i % values.len()]))
    }

    #[test]
    fn arguments_outside_the_fast_ranges_take_the_library_path() {
        let e = lanes(&[-800.0, 710.0, f64::NAN, 1.0]).exp();
        assert_eq!(e.0[0], 0.0);
        assert_eq!(e.0[1], f64::INFINITY);
        assert!(e.0[2].is_nan());
        assert_eq!(e.0[3], 1.0_f64.exp());
        let l = lanes(&[0.0, -1.0, 1e-310, f64::INFINITY]).ln();
        assert_eq!(l.0[0], f64::NEG_INFINITY);
        assert!(l.0[1].is_nan());
        assert_eq!(l.0[2], 1e-310_f64.ln());
        assert_eq!(l.0[3], f64::INFINITY);
    }

    #[test]
    fn floor_and_lookup_act_on_each_sample() {
        let xs = [0.0, 0.3, 1.0, 23.999, 24.0, 1e9 + 0.5, 4.5e15 + 0.5, 1e17];
        let floors = lanes(&xs).floor();
        for (x, f) in xs.iter().zip(floors.0) {
            assert_eq!(f, x.floor(), "{x}");
            assert_eq!(f, Real::floor(*x), "{x}");
        }
        assert!(Lanes::splat(f64::NAN).floor().0[0].is_nan());
        assert_eq!(Lanes::splat(f64::INFINITY).floor().0[0], f64::INFINITY);
        let table = [10.0, 11.0, 12.0];
        let got = Lanes::lookup(&table, lanes(&[0.0, 1.0, 2.0, 5.0, -1.0, f64::NAN, 1e300, 2.0]));
        assert_eq!(&got.0[..3], &[10.0, 11.0, 12.0]);
        // Out of range: some entry, no panic; the same one as for a single number.
        for (l, i) in [5.0, -1.0, f64::NAN, 1e300].into_iter().enumerate() {
            assert_eq!(got.0[3 + l], f64::lookup(&table, i), "{i}");
        }
    }

    #[test]
    fn lane_operations_act_on_each_sample() {
        let a = Lanes(std::array::from_fn(|i| i as f64 + 1.0));
        let b = Lanes::splat(2.0);
        for i in 0..LANES {
            let (x, y) = (a.0[i], 2.0);
            assert_eq!(
                [(a + b).0[i], (a - b).0[i], (a * b).0[i], (a / b).0[i], (-a).0[i]],
                [x + y, x - y, x * y, x / y, -x]
            );
            assert_eq!(Lanes::select(a.lt(b), a, b).0[i], if x < y { x } else { y });
            assert_eq!(Lanes::select(a.le(b), b, a).0[i], if x <= y { y } else { x });
            assert_eq!(a.max(Lanes::splat(3.5)).0[i], x.max(3.5));
            assert_eq!(a.map(|v| v * 10.0).0[i], x * 10.0);
            assert_eq!((-a).abs().0[i], x);
        }
        assert!(Lanes::any(a.lt(b)) && !Lanes::all(a.lt(b)) && Lanes::all(a.le(Lanes::splat(LANES as f64))));
        let source: Vec<f64> = (0..=LANES).map(|i| i as f64 * 3.0).collect();
        let mut out = [0.0; LANES + 2];
        Lanes::load(&source).store(&mut out[1..]);
        assert_eq!(&out[1..=LANES], &source[..LANES]);
        assert_eq!((out[0], out[LANES + 1]), (0.0, 0.0));
    }
}
