//! Figures an incident's owner or analysts published (DESIGN §3, §10): the track record the model
//! is held to.
//!
//! A [`Published`] entry names a [`FigureId`] (a component `C1`…`C9`, `P`, `Eco`, `Combined`, `M`
//! or a sum such as `"C1+C2"`) and the published range. Both are checked while the file is read,
//! so a bad figure id or `low > high` is reported with the file, line and column.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One term of a figure id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureTerm {
    /// Component `C1`…`C9`, by its number (1 to 9).
    Component(u8),
    /// `P`: the provider cost.
    ProviderCost,
    /// `Eco`: the ecosystem loss.
    EcosystemLoss,
    /// `Combined`: the combined impact.
    CombinedImpact,
    /// `M`: the market-value hit.
    MarketValueHit,
}

impl FigureTerm {
    fn parse(text: &str) -> Option<Self> {
        match text {
            "P" => Some(Self::ProviderCost),
            "Eco" => Some(Self::EcosystemLoss),
            "Combined" => Some(Self::CombinedImpact),
            "M" => Some(Self::MarketValueHit),
            _ => {
                let n: u8 = text.strip_prefix('C')?.parse().ok()?;
                (1..=9).contains(&n).then_some(Self::Component(n))
            }
        }
    }
}

impl fmt::Display for FigureTerm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Component(n) => write!(f, "C{n}"),
            Self::ProviderCost => f.write_str("P"),
            Self::EcosystemLoss => f.write_str("Eco"),
            Self::CombinedImpact => f.write_str("Combined"),
            Self::MarketValueHit => f.write_str("M"),
        }
    }
}

/// A figure the model computes, by id: one term or a sum of terms (`"C1+C2"`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FigureId(Vec<FigureTerm>);

impl FigureId {
    /// Parses `"C7"`, `"P"`, `"C1 + C2"`; the error says what is allowed.
    pub fn parse(text: &str) -> Result<Self, String> {
        let terms: Option<Vec<FigureTerm>> = text.split('+').map(|t| FigureTerm::parse(t.trim())).collect();
        match terms {
            Some(terms) if !terms.is_empty() => Ok(Self(terms)),
            _ => Err(format!(
                "“{text}” is not a figure: write a component id C1 to C9, P, Eco, Combined or M, or a sum of \
                 component ids such as \"C1+C2\""
            )),
        }
    }

    /// A single term.
    #[must_use]
    pub fn single(term: FigureTerm) -> Self {
        Self(vec![term])
    }

    /// The terms summed.
    #[must_use]
    pub fn terms(&self) -> &[FigureTerm] {
        &self.0
    }
}

impl fmt::Display for FigureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("+")?;
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for FigureId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Self::parse(s)
    }
}

impl Serialize for FigureId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FigureId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A published figure: `(figure: "C7", low: 27.5e9, high: 27.5e9, source: "…", note: "…")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PublishedRepr", deny_unknown_fields)]
pub struct Published {
    /// Which figure of the model it matches.
    pub figure: FigureId,
    /// The lowest published value, in the scenario's currency.
    pub low: f64,
    /// The highest published value (equal to `low` for a single figure).
    pub high: f64,
    /// Who published it (the label of one of the scenario's sources).
    #[serde(default)]
    pub source: String,
    /// What the figure covers, and how it was matched to the model.
    #[serde(default)]
    pub note: String,
}

impl Published {
    /// The middle of the published range, geometric when both ends are positive.
    #[must_use]
    pub fn middle(&self) -> f64 {
        if self.low > 0.0 { (self.low * self.high).sqrt() } else { f64::midpoint(self.low, self.high) }
    }
}

/// `Published` as written, checked into a [`Published`]; named like it in messages.
#[derive(Deserialize)]
#[serde(rename = "Published", deny_unknown_fields)]
struct PublishedRepr {
    figure: FigureId,
    low: f64,
    high: f64,
    #[serde(default)]
    source: String,
    #[serde(default)]
    note: String,
}

impl TryFrom<PublishedRepr> for Published {
    type Error = String;

    fn try_from(r: PublishedRepr) -> Result<Self, String> {
        if !(r.low.is_finite() && r.high.is_finite() && r.low >= 0.0) {
            return Err(format!(
                "{}: low {} and high {} must be amounts of 0 or more: write the published figure in the scenario's currency",
                r.figure, r.low, r.high
            ));
        }
        if r.low > r.high {
            return Err(format!(
                "{}: low {} is above high {}: swap them (a single figure has low = high)",
                r.figure, r.low, r.high
            ));
        }
        Ok(Self { figure: r.figure, low: r.low, high: r.high, source: r.source, note: r.note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_ids_parse_and_print() {
        assert_eq!(FigureId::parse("C7").map(|f| f.to_string()), Ok("C7".to_owned()));
        assert_eq!(FigureId::parse(" C1 + C2 ").map(|f| f.to_string()), Ok("C1+C2".to_owned()));
        assert_eq!(FigureId::parse("Combined").map(|f| f.terms().to_vec()), Ok(vec![FigureTerm::CombinedImpact]));
        for bad in ["", "C0", "C10", "c7", "P+", "Revenue"] {
            assert!(FigureId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_middle_is_geometric_for_positive_ranges() {
        let p = Published {
            figure: FigureId::single(FigureTerm::ProviderCost),
            low: 4.0,
            high: 9.0,
            source: String::new(),
            note: String::new(),
        };
        assert!((p.middle() - 6.0).abs() < 1e-12);
    }
}
