//! Numeric inputs: a plain number, a PERT estimate or a 90% range (DESIGN §2.4), and the domain
//! each input must lie in.
//!
//! Every input of a scenario is an [`Input<K>`]: an [`Estimate`] whose kind `K` (a share, an
//! amount, a clock hour, …) fixes its domain. Reading a file checks the domain right there, so an
//! error carries the file position; nothing downstream re-checks. A PERT's `min` and `max` must lie
//! in the domain (so every draw does); a 90% range only needs its median there, and Monte Carlo
//! clamps its draws. A PERT with `min == max` or a range with `low == high` is a fixed number.

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One numeric input as written in a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Estimate {
    /// A plain number.
    Fixed(f64),
    /// A PERT distribution (γ = 4) with its most likely value `mode`.
    Pert(Pert),
    /// A 90% interval: lognormal when both bounds are above 0, normal otherwise.
    Range90(Range90),
}

/// The parameters of a PERT estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pert {
    /// Lowest possible value.
    pub min: f64,
    /// Most likely value (the nominal value of the deterministic model).
    pub mode: f64,
    /// Highest possible value.
    pub max: f64,
}

/// The bounds of a 90% interval: 5% of outcomes lie below `low`, 5% above `high`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range90 {
    /// The 5th percentile.
    pub low: f64,
    /// The 95th percentile.
    pub high: f64,
}

impl Serialize for Pert {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PertRepr::Pert { min: self.min, mode: self.mode, max: self.max }.serialize(s)
    }
}

impl Serialize for Range90 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PertRepr::Range90 { low: self.low, high: self.high }.serialize(s)
    }
}

/// The tagged file form: `Pert(min: 1, mode: 2, max: 4)`, `Range90(low: 1, high: 9)`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
enum PertRepr {
    Pert { min: f64, mode: f64, max: f64 },
    Range90 { low: f64, high: f64 },
}

/// A plain number or a tagged distribution. RON hands an untagged enum the variant name, so a
/// misspelt `Prt(...)` is refused rather than guessed.
#[derive(Deserialize)]
#[serde(untagged, expecting = "expected a number, Pert(min: …, mode: …, max: …) or Range90(low: …, high: …)")]
enum EstimateRepr {
    Number(f64),
    Tagged(PertRepr),
}

impl<'de> Deserialize<'de> for Estimate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let estimate = match EstimateRepr::deserialize(d)? {
            EstimateRepr::Number(v) => Estimate::Fixed(v),
            EstimateRepr::Tagged(PertRepr::Pert { min, mode, max }) => Estimate::Pert(Pert { min, mode, max }),
            EstimateRepr::Tagged(PertRepr::Range90 { low, high }) => Estimate::Range90(Range90 { low, high }),
        };
        estimate.check_shape().map_err(serde::de::Error::custom)?;
        Ok(estimate)
    }
}

impl Default for Estimate {
    fn default() -> Self {
        Estimate::Fixed(0.0)
    }
}

impl Estimate {
    /// The value the deterministic model uses: the number, the PERT mode, or the median of a 90%
    /// range (the geometric mean when lognormal, else the midpoint).
    #[must_use]
    pub fn nominal(&self) -> f64 {
        match *self {
            Estimate::Fixed(v) => v,
            Estimate::Pert(p) => p.mode,
            // Tiny bounds (1e-300) would underflow to 0 as a product: take the roots first.
            Estimate::Range90(r) if r.low > 0.0 => {
                let product = r.low * r.high;
                if product.is_normal() { product.sqrt() } else { r.low.sqrt() * r.high.sqrt() }
            }
            Estimate::Range90(r) => 0.5 * (r.low + r.high),
        }
    }

    /// Whether Monte Carlo draws this input (a range of non-zero width).
    #[must_use]
    pub fn is_uncertain(&self) -> bool {
        match *self {
            Estimate::Fixed(_) => false,
            Estimate::Pert(p) => p.min < p.max,
            Estimate::Range90(r) => r.low < r.high,
        }
    }

    /// The parameters, in file order.
    fn params(&self) -> Vec<f64> {
        match *self {
            Estimate::Fixed(v) => vec![v],
            Estimate::Pert(p) => vec![p.min, p.mode, p.max],
            Estimate::Range90(r) => vec![r.low, r.high],
        }
    }

    /// Finite numbers in order (`min ≤ mode ≤ max`, `low ≤ high`).
    fn check_shape(&self) -> Result<(), String> {
        if let Some(bad) = self.params().into_iter().find(|v| !v.is_finite()) {
            return Err(format!("{bad} is not a number this model can use: write a finite number"));
        }
        match *self {
            Estimate::Pert(p) if p.min > p.mode => {
                Err(format!("Pert min {} is above its mode {}: write min ≤ mode ≤ max", p.min, p.mode))
            }
            Estimate::Pert(p) if p.mode > p.max => {
                Err(format!("Pert mode {} is above its max {}: write min ≤ mode ≤ max", p.mode, p.max))
            }
            Estimate::Range90(r) if r.low > r.high => {
                Err(format!("Range90 low {} is above its high {}: write low ≤ high", r.low, r.high))
            }
            _ => Ok(()),
        }
    }

    /// Checks the estimate against a domain: the number, a PERT's min and max, a range's median.
    pub fn check(&self, domain: &Domain) -> Result<(), String> {
        self.check_shape()?;
        let values = match *self {
            Estimate::Pert(p) => vec![p.min, p.max],
            _ => vec![self.nominal()],
        };
        values.into_iter().try_for_each(|v| domain.check(v))
    }
}

/// The values an input may take, and how to explain a value outside them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Domain {
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// Whether `min` itself is excluded.
    pub min_excluded: bool,
    /// Whether `max` itself is excluded.
    pub max_excluded: bool,
    /// What the number is, for messages ("a share").
    pub what: &'static str,
    /// How to write a good value.
    pub fix: &'static str,
}

impl Domain {
    /// Whether `v` lies in the domain.
    #[must_use]
    pub fn contains(&self, v: f64) -> bool {
        let above_min = if self.min_excluded { v > self.min } else { v >= self.min };
        let below_max = if self.max_excluded { v < self.max } else { v <= self.max };
        v.is_finite() && above_min && below_max
    }

    /// `v` moved to the nearest value inside the domain (Monte Carlo draws, slider edits).
    #[must_use]
    pub fn clamp(&self, v: f64) -> f64 {
        let lowest = if self.min_excluded { self.min.next_up() } else { self.min };
        let highest = if self.max_excluded { self.max.next_down() } else { self.max };
        if v.is_nan() { lowest } else { v.clamp(lowest, highest) }
    }

    fn check(&self, v: f64) -> Result<(), String> {
        if self.contains(v) { Ok(()) } else { Err(format!("{v} is not allowed for {}: {}", self.what, self.fix)) }
    }
}

/// The largest amount an input may hold: products of the model's factors then stay far inside the
/// range of a 64-bit float, so every figure is finite.
pub const MAX_AMOUNT: f64 = 1e18;

/// The smallest currency rate (units per US dollar) accepted.
pub const MIN_CURRENCY_RATE: f64 = 1e-6;

/// A kind of input, which fixes its domain.
pub trait Kind {
    /// The values this kind allows.
    const DOMAIN: Domain;
}

macro_rules! kinds {
    ($($(#[$doc:meta])* $name:ident: $min:expr, $min_excluded:expr, $max:expr, $max_excluded:expr, $what:expr, $fix:expr;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name;
        impl Kind for $name {
            const DOMAIN: Domain = Domain {
                min: $min, min_excluded: $min_excluded, max: $max, max_excluded: $max_excluded,
                what: $what, fix: $fix,
            };
        }
    )*};
}

kinds! {
    /// A fraction in [0, 1].
    Share: 0.0, false, 1.0, false, "a share",
        "a share is a fraction between 0 and 1 (write 0.15 for 15%)";
    /// A fraction in (0, 1]: the failing share, the SLA error threshold.
    PositiveShare: 0.0, true, 1.0, false, "this share",
        "it must be above 0 and at most 1 (write 0.05 for 5%)";
    /// A count or an amount of money or time, from 0 to 10¹⁸ (so no product of the model's
    /// factors can overflow).
    Amount: 0.0, false, MAX_AMOUNT, false, "an amount",
        "write a number from 0 to 1e18";
    /// A strictly positive amount, at most 10¹⁸: the outage duration, the currency rate.
    Positive: 0.0, true, MAX_AMOUNT, false, "this amount",
        "write a number above 0 and at most 1e18";
    /// Units of the scenario's currency per US dollar, from 10⁻⁶ to 10¹⁸: smaller rates would
    /// turn any cost into an infinite number of dollars.
    CurrencyRate: MIN_CURRENCY_RATE, false, MAX_AMOUNT, false, "a currency rate",
        "write how many units of the currency buy one US dollar, from 0.000001 to 1e18 (e.g. 1430 for KRW, 1 for USD)";
    /// A local clock hour in [0, 24).
    ClockHour: 0.0, false, 24.0, true, "a clock hour",
        "write an hour from 0 up to (not including) 24, e.g. 15.5 for 15:30";
    /// Hours in a day, [0, 24].
    DayHours: 0.0, false, 24.0, false, "hours per day",
        "write a number of hours from 0 to 24";
}

/// An input of kind `K`: an estimate known to lie in `K`'s domain.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Input<K> {
    estimate: Estimate,
    kind: PhantomData<K>,
}

impl<K: Kind> Input<K> {
    /// A checked input.
    pub fn new(estimate: Estimate) -> Result<Self, String> {
        estimate.check(&K::DOMAIN)?;
        Ok(Self { estimate, kind: PhantomData })
    }

    /// A fixed number, moved into the domain if it lies outside (for defaults and widgets).
    #[must_use]
    pub fn fixed(value: f64) -> Self {
        Self { estimate: Estimate::Fixed(K::DOMAIN.clamp(value)), kind: PhantomData }
    }

    /// The estimate.
    #[must_use]
    pub fn estimate(&self) -> &Estimate {
        &self.estimate
    }

    /// The nominal value (see [`Estimate::nominal`]).
    #[must_use]
    pub fn nominal(&self) -> f64 {
        self.estimate.nominal()
    }

    /// The domain of this input.
    #[must_use]
    pub fn domain(&self) -> Domain {
        K::DOMAIN
    }

    /// Replaces the estimate if it fits the domain; on error the input is unchanged.
    pub fn set(&mut self, estimate: Estimate) -> Result<(), String> {
        *self = Self::new(estimate)?;
        Ok(())
    }
}

/// Zero, or the domain's nearest value to it.
impl<K: Kind> Default for Input<K> {
    fn default() -> Self {
        Self::fixed(0.0)
    }
}

impl<K: Kind> Serialize for Input<K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.estimate.serialize(s)
    }
}

impl<'de, K: Kind> Deserialize<'de> for Input<K> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(Estimate::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Estimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Estimate::Fixed(v) => write!(f, "{v}"),
            Estimate::Pert(p) => {
                write!(f, "Pert(min: {}, mode: {}, max: {})", p.min, p.mode, p.max)
            }
            Estimate::Range90(r) => write!(f, "Range90(low: {}, high: {})", r.low, r.high),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominal_values() {
        assert_eq!(Estimate::Fixed(3.0).nominal(), 3.0);
        assert_eq!(Estimate::Pert(Pert { min: 1.0, mode: 2.0, max: 5.0 }).nominal(), 2.0);
        assert!((Estimate::Range90(Range90 { low: 2.0, high: 8.0 }).nominal() - 4.0).abs() < 1e-12);
        assert_eq!(Estimate::Range90(Range90 { low: -2.0, high: 8.0 }).nominal(), 3.0);
    }

    #[test]
    fn domains_check_pert_ends_and_range_medians() {
        let share = Share::DOMAIN;
        assert!(Estimate::Fixed(1.0).check(&share).is_ok());
        assert!(Estimate::Fixed(1.5).check(&share).is_err());
        assert!(Estimate::Pert(Pert { min: 0.5, mode: 0.9, max: 1.1 }).check(&share).is_err());
        // A lognormal range's median sqrt(0.5·1.2) ≈ 0.77 is a share; draws above 1 are clamped.
        assert!(Estimate::Range90(Range90 { low: 0.5, high: 1.2 }).check(&share).is_ok());
        assert!(Estimate::Fixed(0.0).check(&PositiveShare::DOMAIN).is_err());
        assert!(Estimate::Fixed(24.0).check(&ClockHour::DOMAIN).is_err());
        assert!(Estimate::Fixed(f64::NAN).check(&Amount::DOMAIN).is_err());
    }

    #[test]
    fn clamp_respects_open_ends() {
        assert!(PositiveShare::DOMAIN.clamp(-1.0) > 0.0);
        assert!(ClockHour::DOMAIN.clamp(30.0) < 24.0);
        assert_eq!(Share::DOMAIN.clamp(f64::NAN), 0.0);
    }
}
