//! Traffic profiles `w(h)`: how traffic spreads over the 24 clock hours (DESIGN §2.1).
//!
//! Weights are normalised to mean 1, so a flat profile is all ones and a profile only reshapes
//! when in the day an outage hurts, never how much a full day costs.

use serde::{Deserialize, Deserializer, Serialize};

use super::{Amount, Input};

/// The shape of traffic over the day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum TrafficProfile {
    /// The same traffic at every hour.
    #[default]
    Flat,
    /// Office hours: weight 2.0 from 09:00 to 18:00, 0.3 otherwise (before normalising).
    BusinessDay,
    /// Evening leisure: weight 2.5 from 19:00 to 24:00, 0.5 otherwise (before normalising).
    ConsumerEvening,
    /// 24 weights, one per clock hour from 00:00; any scale (they are normalised).
    Custom(CustomProfile),
}

/// 24 non-negative weights, not all zero.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct CustomProfile(Vec<Input<Amount>>);

impl CustomProfile {
    /// A profile from 24 weights; `None` unless there are 24, not all zero.
    #[must_use]
    pub fn new(weights: Vec<Input<Amount>>) -> Option<Self> {
        let total: f64 = weights.iter().map(Input::nominal).sum();
        (weights.len() == 24 && total > 0.0).then_some(Self(weights))
    }

    /// The 24 weights as written.
    #[must_use]
    pub fn weights(&self) -> &[Input<Amount>] {
        &self.0
    }

    /// Mutable access for editing: the length stays 24.
    pub fn weights_mut(&mut self) -> &mut [Input<Amount>] {
        &mut self.0
    }
}

impl<'de> Deserialize<'de> for CustomProfile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let weights = Vec::<Input<Amount>>::deserialize(d)?;
        let count = weights.len();
        Self::new(weights).ok_or_else(|| {
            serde::de::Error::custom(if count == 24 {
                "a custom profile's 24 weights are all 0: give the busy hours a weight above 0".to_owned()
            } else {
                format!("a custom profile needs 24 weights, one per clock hour from 00:00; this one has {count}")
            })
        })
    }
}

impl TrafficProfile {
    /// Names for pickers and messages.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            TrafficProfile::Flat => "Flat",
            TrafficProfile::BusinessDay => "Business day (peak 09–18)",
            TrafficProfile::ConsumerEvening => "Consumer evening (peak 19–24)",
            TrafficProfile::Custom(_) => "Custom (24 weights)",
        }
    }

    /// The weights before normalising, using each weight's nominal value; `None` when flat.
    #[must_use]
    pub fn raw_weights(&self) -> Option<[f64; 24]> {
        let mut w = [0.0; 24];
        match self {
            TrafficProfile::Flat => return None,
            TrafficProfile::BusinessDay => {
                for (h, x) in w.iter_mut().enumerate() {
                    *x = if (9..18).contains(&h) { 2.0 } else { 0.3 };
                }
            }
            TrafficProfile::ConsumerEvening => {
                for (h, x) in w.iter_mut().enumerate() {
                    *x = if h >= 19 { 2.5 } else { 0.5 };
                }
            }
            TrafficProfile::Custom(c) => {
                for (x, input) in w.iter_mut().zip(c.weights()) {
                    *x = input.nominal();
                }
            }
        }
        Some(w)
    }
}

/// Weights scaled to mean 1. All-zero weights (only reachable through sampling) become flat.
#[must_use]
pub fn normalise(raw: [f64; 24]) -> [f64; 24] {
    let mean = raw.iter().sum::<f64>() / 24.0;
    if mean > 0.0 && mean.is_finite() { raw.map(|x| x / mean) } else { [1.0; 24] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_profiles_normalise_to_mean_one() {
        for p in [TrafficProfile::BusinessDay, TrafficProfile::ConsumerEvening] {
            let w = normalise(p.raw_weights().unwrap_or([1.0; 24]));
            assert!((w.iter().sum::<f64>() - 24.0).abs() < 1e-12);
        }
        // Business day: 9 hours at 2.0 and 15 at 0.3 → mean 22.5 / 24 = 0.9375.
        let w = normalise(TrafficProfile::BusinessDay.raw_weights().unwrap_or_default());
        assert!((w[10] - 2.0 / 0.9375).abs() < 1e-12);
        assert!((w[18] - 0.3 / 0.9375).abs() < 1e-12);
    }

    #[test]
    fn custom_profile_needs_24_weights_not_all_zero() {
        assert!(CustomProfile::new(vec![Input::fixed(1.0); 23]).is_none());
        assert!(CustomProfile::new(vec![Input::fixed(0.0); 24]).is_none());
        assert!(CustomProfile::new(vec![Input::fixed(0.5); 24]).is_some());
    }
}
