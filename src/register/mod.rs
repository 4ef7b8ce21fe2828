//! The register (DESIGN §8): the ways a service can fail, each a scenario with its frequency, and
//! what outages cost in a year.
//!
//! A register is its own RON document (`kind: Register`), read and checked like a scenario
//! ([`load`], with the scenario loader's error type and messages), its entries resolved to
//! scenarios (shipped presets by id, or files beside the register), saved atomically ([`save`]).
//! [`simulate`] draws years: per year each entry's rate, a Poisson count of its outages and for
//! each outage an independent Monte Carlo draw of its scenario; [`risk`] turns the years into the
//! figures every surface shows (annual mean and percentiles, tail value at risk, exceedance curves,
//! contributions, the tolerance check, the investment case). No UI, no egui.
//!
//! Edge cases: a register without entries has years that cost nothing; a rate of 0 never draws an
//! outage; rates are clamped to [`MAX_RATE_PER_YEAR`]; entries in other currencies are converted
//! through their `per_usd` (nominal) into the register's currency.

pub mod curves;
pub mod load;
pub mod presets;
pub mod risk;
pub mod save;
pub mod simulate;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use load::{Resolved, load_file, parse, resolve};
pub use risk::{Analysis, Annual, EntryRisk, Investment, Risk, ToleranceCheck, analyse};
pub use simulate::{Years, simulate};

use crate::scenario::{Amount, Currency, Estimate, FormatVersion, Input, Mitigation, Source};

/// The most simulated years a register (or `--years`) may ask for: memory grows with the years.
pub const MAX_YEARS: u32 = 10_000_000;

/// The highest rate drawn for an entry, outages per year (more than one every nine hours is not
/// a register of distinct outages).
pub const MAX_RATE_PER_YEAR: f64 = 1000.0;

/// The simulated years when a register does not say.
pub const DEFAULT_YEARS: u32 = 100_000;

/// What kind of document a file is: the field `kind: Register` tells a register from a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentKind {
    /// A register of the ways a service fails.
    Register,
}

/// A register document, as written (DESIGN §8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// File format version; files newer than this build are refused.
    pub version: FormatVersion,
    /// Always `Register`.
    pub kind: DocumentKind,
    /// Short title.
    #[serde(default)]
    pub name: String,
    /// What the register covers.
    #[serde(default)]
    pub description: String,
    /// The currency of every figure, and its rate to the US dollar.
    #[serde(default)]
    pub currency: Currency,
    /// Where the rates come from.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Assumptions made where no figure was published.
    #[serde(default)]
    pub assumptions: Vec<String>,
    /// The ways the service fails.
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// Simulated years.
    #[serde(default = "default_years", deserialize_with = "year_count")]
    pub years: u32,
    /// Seed: the same seed gives the same years.
    #[serde(default)]
    pub seed: u64,
    /// The loss tolerance: the chance of a year worse than each loss that is still acceptable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tolerance: Vec<TolerancePoint>,
    /// The investment this register makes, against the baseline register without it.
    #[serde(default, skip_serializing_if = "Mitigation::is_unused")]
    pub mitigation: Mitigation,
    /// Outage insurance: what is left of a year's loss net of cover.
    #[serde(default, deserialize_with = "some", serialize_with = "inner", skip_serializing_if = "Option::is_none")]
    pub insurance: Option<Insurance>,
}

/// One way the service fails: a scenario and how often it happens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// A shipped preset's id, or a scenario file relative to the register's folder.
    pub scenario: String,
    /// Outages per year (a number or a range, drawn once per simulated year); absent: the
    /// scenario's own `frequency_per_year`.
    #[serde(default, deserialize_with = "some", serialize_with = "inner", skip_serializing_if = "Option::is_none")]
    pub per_year: Option<Input<Amount>>,
}

/// A point of the loss tolerance: a year losing more than `loss` is acceptable with at most
/// `chance`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RawTolerance")]
pub struct TolerancePoint {
    /// A year's loss, in the register's currency (> 0).
    pub loss: f64,
    /// The chance per year of losing more, in (0, 1).
    pub chance: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTolerance {
    loss: f64,
    chance: f64,
}

impl TryFrom<RawTolerance> for TolerancePoint {
    type Error = String;
    fn try_from(raw: RawTolerance) -> Result<Self, String> {
        if !(raw.loss.is_finite() && raw.loss > 0.0) {
            return Err(format!("a tolerated loss of {} is not allowed: write an amount above 0", raw.loss));
        }
        if !(raw.chance > 0.0 && raw.chance < 1.0) {
            return Err(format!(
                "a chance of {} is not allowed: write a chance per year between 0 and 1 (0.1 for once in ten years)",
                raw.chance
            ));
        }
        Ok(Self { loss: raw.loss, chance: raw.chance })
    }
}

/// Outage insurance: per outage the loss above the deductible is covered, up to a limit per year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Insurance {
    /// The part of each outage's loss the insured pays.
    #[serde(default)]
    pub deductible_per_outage: Input<Amount>,
    /// The most the policy pays in a year.
    pub limit_per_year: Input<Amount>,
    /// What the policy costs per year.
    #[serde(default)]
    pub premium_per_year: Input<Amount>,
}

fn default_years() -> u32 {
    DEFAULT_YEARS
}

fn year_count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let years = u32::deserialize(d)?;
    check_years(u64::from(years)).map_err(serde::de::Error::custom)?;
    Ok(years)
}

/// Whether `years` simulated years may be asked for; the message says the fix.
pub fn check_years(years: u64) -> Result<(), String> {
    if years == 0 {
        Err("0 years cannot be simulated: write at least 1 (100000 is a good default)".to_owned())
    } else if years > u64::from(MAX_YEARS) {
        Err(format!(
            "{years} years is more than {MAX_YEARS}: write a smaller count (100000 is plenty for a 1-in-100 year)"
        ))
    } else {
        Ok(())
    }
}

/// An optional section written without `Some(..)`, as every other section is.
fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

#[allow(clippy::ref_option)] // serde's serialize_with hands over `&Option<T>`.
fn inner<S: Serializer, T: Serialize>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => v.serialize(s),
        None => s.serialize_unit(),
    }
}

impl Register {
    /// An empty register: the start of "New register".
    #[must_use]
    pub fn blank() -> Self {
        Self {
            version: FormatVersion::CURRENT,
            kind: DocumentKind::Register,
            name: "Untitled register".to_owned(),
            description: String::new(),
            currency: Currency::default(),
            sources: Vec::new(),
            assumptions: Vec::new(),
            entries: Vec::new(),
            years: DEFAULT_YEARS,
            seed: 0,
            tolerance: Vec::new(),
            mitigation: Mitigation::default(),
            insurance: None,
        }
    }

    /// The name to show.
    #[must_use]
    pub fn title(&self) -> &str {
        if self.name.trim().is_empty() { "Untitled register" } else { &self.name }
    }
}

impl Entry {
    /// The rate of this entry: its own `per_year`, else the scenario's frequency.
    #[must_use]
    pub fn rate(&self, scenario_frequency: &Input<Amount>) -> Estimate {
        *self.per_year.as_ref().unwrap_or(scenario_frequency).estimate()
    }
}

/// Whether RON text is a register (it has a `kind:` field, which scenarios do not, normally
/// `kind: Register`) rather than a scenario. Comments are skipped; anything else is taken for a
/// scenario. A misspelt kind still counts, so the register loader can name the typo.
#[must_use]
pub fn is_register_text(text: &str) -> bool {
    // Identifiers and colons outside comments and strings.
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    let flush = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            words.push(std::mem::take(word));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                flush(&mut word, &mut words);
                chars.by_ref().find(|&c| c == '\n');
            }
            '/' if chars.peek() == Some(&'*') => {
                flush(&mut word, &mut words);
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            '"' => {
                flush(&mut word, &mut words);
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                words.push("\"\"".to_owned());
            }
            c if c.is_alphanumeric() || c == '_' => word.push(c),
            ':' => {
                flush(&mut word, &mut words);
                words.push(":".to_owned());
            }
            _ => flush(&mut word, &mut words),
        }
    }
    flush(&mut word, &mut words);
    words.windows(3).any(|w| w[0] == "kind" && w[1] == ":" && w[2] != ":" && w[2] != "\"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_register_is_told_from_a_scenario() {
        assert!(is_register_text("(version: 1, kind: Register, entries: [])"));
        assert!(is_register_text("(\n  version: 1,\n  kind:Register,\n)"));
        assert!(!is_register_text("(version: 1, // kind: Register\n outage: (duration_hours: 1))"));
        assert!(!is_register_text("(version: 1, name: \"kind\", outage: (duration_hours: 1))"));
        assert!(!is_register_text("(version: 1, description: \"a kind: of \\\" kind: x\", outage: ())"));
        assert!(!is_register_text("(version: 1, /* kind: Register */ outage: ())"));
        assert!(is_register_text("(version: 1, kind: Regster)"));
    }

    #[test]
    fn years_are_bounded() {
        assert!(check_years(0).is_err());
        assert!(check_years(1).is_ok());
        assert!(check_years(u64::from(MAX_YEARS) + 1).is_err());
    }
}
