//! What changed from the preset a scenario came from (DESIGN §4, work that lasts): each input
//! whose value differs, with the preset's value and the value now, and the preset's assumptions
//! that mention a value that has since changed, so stale reasoning is flagged rather than
//! trusted. A scenario comes from the shipped preset of the same name (a variant adds
//! " (variant)" to it). No UI, no I/O.

use std::sync::OnceLock;

use crate::format::value;
use crate::scenario::{Estimate, Scenario, presets};
use crate::sim::{Leaf, leaves};

/// One input that differs from the preset.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Its path in the file: `outage.duration_hours`, `businesses[0].dependence`.
    pub path: String,
    /// Its label.
    pub label: String,
    /// The preset's value, as people read it.
    pub preset: String,
    /// The value now.
    pub now: String,
}

/// A preset assumption that mentions a value that has changed.
#[derive(Clone, Debug, PartialEq)]
pub struct StaleAssumption {
    /// The assumption's text.
    pub text: String,
    /// The label of the input whose old value it mentions.
    pub input: String,
}

/// What changed from the preset, and which of its assumptions no longer hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    /// The preset's id.
    pub preset: String,
    /// Inputs that differ.
    pub inputs: Vec<Change>,
    /// Assumptions that mention a changed value.
    pub stale: Vec<StaleAssumption>,
}

/// The shipped preset a scenario came from: the one with its name, or with its name less
/// " (variant)".
#[must_use]
pub fn origin(scenario: &Scenario) -> Option<&'static (&'static str, Scenario)> {
    // The shipped presets, read once per process: this runs on every edit.
    static SHIPPED: OnceLock<Vec<(&'static str, Scenario)>> = OnceLock::new();
    let shipped =
        SHIPPED.get_or_init(|| presets::PRESETS.iter().filter_map(|p| Some((p.id, p.load().ok()?))).collect());
    let name = scenario.name.trim_end_matches(" (variant)");
    shipped.iter().find(|(_, s)| s.name == name)
}

/// What changed from the preset the scenario came from; `None` when it came from none.
#[must_use]
pub fn from_preset(scenario: &Scenario) -> Option<Changes> {
    let (id, preset) = origin(scenario)?;
    Some(between(id, preset, scenario))
}

/// What changed from `before` (the preset `id`) to `after`.
#[must_use]
pub fn between(id: &str, before: &Scenario, after: &Scenario) -> Changes {
    let code = after.currency.code.as_str();
    let old: Vec<(Leaf, Estimate)> = leaves(before);
    let mut inputs = Vec::new();
    let mut stale = Vec::new();
    for (leaf, now) in leaves(after) {
        let Some((_, was)) = old.iter().find(|(l, _)| *l == leaf) else { continue };
        if *was == now {
            continue;
        }
        let label = leaf.label(after);
        for text in &before.assumptions {
            if mentions(text, was.nominal(), leaf) && !stale.iter().any(|s: &StaleAssumption| s.text == *text) {
                stale.push(StaleAssumption { text: text.clone(), input: label.clone() });
            }
        }
        inputs.push(Change {
            path: leaf.path(),
            label,
            preset: estimate_text(was, leaf, code),
            now: estimate_text(&now, leaf, code),
        });
    }
    if before.businesses.len() != after.businesses.len() {
        inputs.push(Change {
            path: "businesses".to_owned(),
            label: "Business groups".to_owned(),
            preset: before.businesses.len().to_string(),
            now: after.businesses.len().to_string(),
        });
    }
    Changes { preset: id.to_owned(), inputs, stale }
}

/// An estimate as people read it: `6 h`, `PERT 2 h – 6 h – 24 h`, `90% 1 h – 4 h`.
#[must_use]
pub fn estimate_text(estimate: &Estimate, leaf: Leaf, code: &str) -> String {
    let unit = leaf.unit();
    match *estimate {
        Estimate::Fixed(v) => value(v, unit, code),
        Estimate::Pert(p) => {
            format!("PERT {} – {} – {}", value(p.min, unit, code), value(p.mode, unit, code), value(p.max, unit, code))
        }
        Estimate::Range90(r) => format!("90% {} – {}", value(r.low, unit, code), value(r.high, unit, code)),
    }
}

/// Whether `text` names the number `v` (a share also as a percentage), within half a percent.
fn mentions(text: &str, v: f64, leaf: Leaf) -> bool {
    if v == 0.0 {
        return false;
    }
    let share = matches!(leaf.unit(), crate::scenario::Unit::Share | crate::scenario::Unit::Uptime);
    numbers(text).into_iter().any(|n| {
        let close = |target: f64| (n - target).abs() <= 0.005 * target.abs();
        close(v) || (share && close(v * 100.0))
    })
}

/// The numbers written in a text: `27.5B`, `1,430`, `10.5`, `15%`, `3 million`.
fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '/').collect();
    for (i, word) in words.iter().enumerate() {
        let trimmed = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != ',' && c != '%');
        let digits: String =
            trimmed.trim_start_matches(|c: char| !c.is_ascii_digit()).chars().filter(|&c| c != ',').collect();
        let number: String = digits.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let Ok(mut n) = number.trim_end_matches('.').parse::<f64>() else { continue };
        let rest = &digits[number.len()..];
        n *= match rest.chars().next() {
            Some('k' | 'K') => 1e3,
            Some('M') => 1e6,
            Some('B') => 1e9,
            Some('T') => 1e12,
            _ => match words.get(i + 1).map(|w| w.to_ascii_lowercase()) {
                Some(w) if w.starts_with("thousand") => 1e3,
                Some(w) if w.starts_with("million") => 1e6,
                Some(w) if w.starts_with("billion") => 1e9,
                Some(w) if w.starts_with("trillion") => 1e12,
                _ => 1.0,
            },
        };
        out.push(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Field;

    #[test]
    fn numbers_are_read_as_people_write_them() {
        assert_eq!(numbers("Kakao paid 27.5B won (10.5 hours, 15%)"), [27.5e9, 10.5, 15.0]);
        assert_eq!(numbers("about 3 million users and 1,430 won"), [3e6, 1430.0]);
    }

    #[test]
    fn a_changed_input_is_listed_and_the_assumption_naming_its_old_value_is_flagged() -> Result<(), String> {
        let preset = presets::find("kakao-2022").ok_or("no preset")?.load().map_err(|e| e.to_string())?;
        let mut now = preset.clone();
        now.name = format!("{} (variant)", preset.name);
        assert_eq!(from_preset(&now).map(|c| c.inputs.len()), Some(0), "nothing changed yet");
        let old = preset.outage.duration_hours.nominal();
        Field::DurationHours.set(&mut now, Estimate::Fixed(old * 2.0))?;
        let changes = from_preset(&now).ok_or("the preset is found by name")?;
        assert_eq!(changes.preset, "kakao-2022");
        let change = changes.inputs.iter().find(|c| c.path == "outage.duration_hours").ok_or("duration listed")?;
        assert_eq!(change.now, "21 h");
        let mut written = preset.clone();
        written.assumptions = vec![format!("The outage lasted {old} hours."), "Nothing to do with it.".to_owned()];
        let flagged = between("kakao-2022", &written, &now);
        assert_eq!(flagged.stale.len(), 1, "{flagged:?}");
        assert!(flagged.stale[0].text.contains("lasted"));
        assert!(origin(&crate::scenario::Scenario::blank()).is_none());
        Ok(())
    }
}
