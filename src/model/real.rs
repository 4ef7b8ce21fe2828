//! The numbers the model computes with: plain `f64` for one point, or several points side by side
//! (Monte Carlo evaluates a few samples at once so the processor can work on them together).
//!
//! The model's formulas are written once, generic over [`Real`]. Branches on values become
//! [`Real::select`] between both results (the unchosen one may be NaN or infinite and is
//! dropped); branches that are the same for every point of a group use [`Real::all`] and
//! [`Real::any`]; table look-ups take each point's index with [`Real::lookup`]. The few steps
//! that have no side-by-side form go through [`Real::map`], one point at a time. For `f64` every operation is the plain one, so the
//! deterministic figures are exactly those of the scalar formulas.

use std::fmt::Debug;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub};

/// A number, or several evaluated side by side.
pub trait Real:
    Copy
    + Debug
    + PartialEq
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
{
    /// The outcome of a comparison: one flag per point.
    type Mask: Copy;

    /// The same value for every point.
    fn splat(x: f64) -> Self;
    /// The points in `values[0 ..]`, as many as the type holds side by side.
    fn load(values: &[f64]) -> Self;
    /// Writes the points into `out[0 ..]`, as many as the type holds side by side.
    fn store(self, out: &mut [f64]);
    /// `f` applied to each point.
    #[must_use]
    fn map(self, f: impl Fn(f64) -> f64) -> Self;
    /// `f` applied to each point of two numbers.
    #[must_use]
    fn zip_map(self, other: Self, f: impl Fn(f64, f64) -> f64) -> Self;

    /// `eˣ`.
    #[must_use]
    fn exp(self) -> Self;
    /// `eˣ − 1`, accurate near 0.
    #[must_use]
    fn exp_m1(self) -> Self;
    /// The natural logarithm.
    #[must_use]
    fn ln(self) -> Self;
    /// `|x|`.
    #[must_use]
    fn abs(self) -> Self;
    /// The larger of two numbers (`f64::max`'s rules).
    #[must_use]
    fn max(self, other: Self) -> Self;
    /// The largest whole number not above `self`, for `self ≥ 0` (NaN stays NaN).
    #[must_use]
    fn floor(self) -> Self;
    /// `table[i]` for each point's whole number `i` in `0 .. N` (other values give some entry of
    /// the table, never a panic).
    #[must_use]
    fn lookup<const N: usize>(table: &[f64; N], i: Self) -> Self;

    /// `self < other`.
    fn lt(self, other: Self) -> Self::Mask;
    /// `self <= other`.
    fn le(self, other: Self) -> Self::Mask;
    /// Where `mask` holds, `yes`; elsewhere `no`.
    fn select(mask: Self::Mask, yes: Self, no: Self) -> Self;
    /// Whether `mask` holds for every point.
    fn all(mask: Self::Mask) -> bool;
    /// Whether `mask` holds for some point.
    fn any(mask: Self::Mask) -> bool;
}

impl Real for f64 {
    type Mask = bool;

    #[inline]
    fn splat(x: f64) -> Self {
        x
    }
    #[inline]
    fn load(values: &[f64]) -> Self {
        values[0]
    }
    #[inline]
    fn store(self, out: &mut [f64]) {
        out[0] = self;
    }
    #[inline]
    fn map(self, f: impl Fn(f64) -> f64) -> Self {
        f(self)
    }
    #[inline]
    fn zip_map(self, other: Self, f: impl Fn(f64, f64) -> f64) -> Self {
        f(self, other)
    }
    #[inline]
    fn exp(self) -> Self {
        f64::exp(self)
    }
    #[inline]
    fn exp_m1(self) -> Self {
        f64::exp_m1(self)
    }
    #[inline]
    fn ln(self) -> Self {
        f64::ln(self)
    }
    #[inline]
    fn abs(self) -> Self {
        f64::abs(self)
    }
    #[inline]
    fn max(self, other: Self) -> Self {
        f64::max(self, other)
    }
    #[inline]
    fn floor(self) -> Self {
        // Through i64, one instruction each way on plain x86-64 instead of a library call.
        if self < TWO_POW_52 { self as i64 as f64 } else { f64::floor(self) }
    }
    #[inline]
    fn lookup<const N: usize>(table: &[f64; N], i: Self) -> Self {
        table[whole_index(i).min(N - 1)]
    }
    #[inline]
    fn lt(self, other: Self) -> bool {
        self < other
    }
    #[inline]
    fn le(self, other: Self) -> bool {
        self <= other
    }
    #[inline]
    fn select(mask: bool, yes: Self, no: Self) -> Self {
        if mask { yes } else { no }
    }
    #[inline]
    fn all(mask: bool) -> bool {
        mask
    }
    #[inline]
    fn any(mask: bool) -> bool {
        mask
    }
}

/// `2⁵²`: from here on every `f64` is a whole number, and below it every `f64 ≥ 0` converts to an
/// integer exactly.
pub const TWO_POW_52: f64 = 4_503_599_627_370_496.0;

/// A whole number in `0 .. 2⁵¹` as an index: adding `2⁵²` puts it in the low bits of the
/// mantissa, which integer instructions read without a float conversion (and so side by side).
/// Other values give some number below 2¹⁶.
#[must_use]
#[inline(always)]
pub fn whole_index(x: f64) -> usize {
    ((x + TWO_POW_52).to_bits() & 0xFFFF) as usize
}
