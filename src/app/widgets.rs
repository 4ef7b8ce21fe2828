//! The editor for one numeric input: a labelled slider or drag value with its unit and tooltip,
//! and a toggle that turns the number into a range (PERT or 90% interval) and back.
//!
//! Shares are edited as percentages; amounts spanning orders of magnitude get logarithmic sliders
//! that still accept any typed value ("1.2M", "27.5B", "1e9"). Every edit is moved back into the
//! input's domain and, for ranges, into order (min ≤ mode ≤ max), so the scenario stays valid.

use std::cell::RefCell;
use std::ops::RangeInclusive;

use egui::{DragValue, Response, Slider, SliderClamping, Ui};

use crate::format::{clock, compact, currency_symbol, grouped, trimmed};
use crate::scenario::{Domain, Estimate, Input, Kind, Pert, Range90, Unit};

/// How an input is edited.
#[derive(Clone, Copy, Debug)]
pub enum Scale {
    /// A logarithmic slider from 0 to `max` (any larger value may be typed).
    Log {
        /// The slider's right end.
        max: f64,
        /// The smallest step above 0 the slider resolves.
        smallest: f64,
    },
    /// A linear slider from `min` to `max`.
    Linear {
        /// Left end.
        min: f64,
        /// Right end.
        max: f64,
    },
    /// A drag value changing by `speed` per pixel.
    Drag {
        /// Change per pixel dragged.
        speed: f64,
    },
}

/// What to show around an input.
pub struct Spec<'a> {
    /// The label (also the input's accessible name).
    pub label: &'a str,
    /// What it means and how it enters the cost.
    pub tooltip: &'a str,
    /// Its unit.
    pub unit: Unit,
    /// How it is edited.
    pub scale: Scale,
    /// The scenario's currency code.
    pub currency: &'a str,
    /// The input's path when it can be solved for (right-click its label: "Solve for this
    /// input…").
    pub solve_path: Option<String>,
}

/// The width every number box is padded to, so the range toggles after them line up.
pub const VALUE_BOX: f32 = 100.0;

/// Where the input panel's editors start (an x in points), shared by its grids so every slider
/// and every range toggle lines up whatever the group or its indentation.
fn editor_x_id() -> egui::Id {
    egui::Id::unique("inputs editor column")
}

/// Sets the x where the input panel's editors start, for this frame.
pub fn set_editor_x(ui: &Ui, x: f32) {
    ui.data_mut(|d| d.insert_temp(editor_x_id(), x));
}

/// The label column's width for a grid starting at the cursor, so its editors start at the
/// panel's editor column (at least `fallback` when none is set).
#[must_use]
pub fn label_column(ui: &Ui, gap: f32, fallback: f32) -> f32 {
    ui.data(|d| d.get_temp::<f32>(editor_x_id())).map_or(fallback, |x| (x - ui.cursor().min.x - gap).max(60.0))
}

/// One row of a two-column grid for a typed input. Returns whether it changed.
pub fn input_ui<K: Kind>(ui: &mut Ui, input: &mut Input<K>, spec: &Spec<'_>) -> bool {
    let mut estimate = *input.estimate();
    estimate_ui(ui, &mut estimate, &input.domain(), spec) && input.set(estimate).is_ok()
}

/// One row of a two-column grid: label, then the editor with its unit and range toggle. The
/// estimate stays in `domain`; returns whether it changed.
pub fn estimate_ui(ui: &mut Ui, estimate: &mut Estimate, domain: &Domain, spec: &Spec<'_>) -> bool {
    let label = ui.label(spec.label).on_hover_text(spec.tooltip);
    if let Some(path) = &spec.solve_path {
        label.clone().interact(egui::Sense::click()).context_menu(|ui| {
            if ui.button("Solve for this input…").clicked() {
                super::solve::request(ui.ctx(), path);
                ui.close();
            }
        });
    }
    let before = *estimate;
    ui.vertical(|ui| {
        let is_range = !matches!(estimate, Estimate::Fixed(_));
        let mut toggled = is_range;
        ui.horizontal(|ui| {
            let start = ui.cursor().min.x;
            if let Estimate::Fixed(v) = estimate {
                let hint = match spec.scale {
                    Scale::Drag { .. } => "",
                    _ => "\n\nHold Shift while dragging for fine steps; any value can be typed.",
                };
                value_ui(ui, v, spec, domain).labelled_by(label.id).on_hover_text(format!("{}{hint}", spec.tooltip));
            } else {
                kind_switch_ui(ui, estimate, domain, spec.label);
            }
            // Every toggle in the same column, whatever the editor before it.
            let column = start + ui.spacing().slider_width + ui.spacing().item_spacing.x + VALUE_BOX;
            let pad = column - ui.cursor().min.x;
            if pad > 0.0 {
                ui.add_space(pad);
            }
            let toggle = ui.toggle_value(&mut toggled, "±").on_hover_text(if is_range {
                "Back to a single number (the range's most likely value)"
            } else {
                "Make this a range (PERT or 90% interval) for the uncertainty analysis"
            });
            // Every toggle shows "±"; its accessible name says which input it belongs to.
            let name = format!("{} as a range", spec.label);
            toggle.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, toggled, &name));
        });
        if toggled != is_range {
            *estimate = if toggled { widen(estimate.nominal(), domain) } else { Estimate::Fixed(estimate.nominal()) };
        }
        // Ranges get a line of their own, so the panel stays narrow.
        match estimate {
            Estimate::Pert(p) => {
                ui.horizontal(|ui| pert_ui(ui, p, spec, domain, label.id));
            }
            Estimate::Range90(r) => {
                ui.horizontal(|ui| range_ui(ui, r, spec, domain, label.id));
            }
            Estimate::Fixed(_) => {}
        }
    });
    ui.end_row();
    if *estimate == before {
        return false;
    }
    *estimate = tidy(*estimate, domain);
    *estimate != before
}

/// A ±25% PERT around `v`, kept in the domain.
fn widen(v: f64, domain: &Domain) -> Estimate {
    let spread = if v == 0.0 { 1.0 } else { 0.25 * v.abs() };
    tidy(Estimate::Pert(Pert { min: v - spread, mode: v, max: v + spread }), domain)
}

/// Moves an edited estimate into its domain and into order.
#[must_use]
pub fn tidy(estimate: Estimate, domain: &Domain) -> Estimate {
    match estimate {
        Estimate::Fixed(v) => Estimate::Fixed(domain.clamp(v)),
        Estimate::Pert(p) => {
            let min = domain.clamp(p.min);
            let max = domain.clamp(p.max).max(min);
            Estimate::Pert(Pert { min, mode: p.mode.clamp(min, max), max })
        }
        Estimate::Range90(r) => {
            let finite = |x: f64| if x.is_finite() { x } else { 0.0 };
            let (low, high) = (finite(r.low), finite(r.high));
            let median = Estimate::Range90(Range90 { low, high: high.max(low) }).nominal();
            if domain.contains(median) {
                Estimate::Range90(Range90 { low, high: high.max(low) })
            } else {
                Estimate::Fixed(domain.clamp(median))
            }
        }
    }
}

fn kind_switch_ui(ui: &mut Ui, estimate: &mut Estimate, domain: &Domain, label: &str) {
    let is_pert = matches!(estimate, Estimate::Pert(_));
    let mut choice = is_pert;
    egui::ComboBox::from_id_salt(("range kind", label))
        .selected_text(if is_pert { "PERT" } else { "90% range" })
        .width(84.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut choice, true, "PERT (min, most likely, max)");
            ui.selectable_value(&mut choice, false, "90% range (5th–95th percentile)");
        })
        .response
        .on_hover_text("How the range is read by Monte Carlo");
    if choice != is_pert {
        *estimate = match *estimate {
            Estimate::Pert(p) => Estimate::Range90(Range90 { low: p.min, high: p.max }),
            Estimate::Range90(r) => Estimate::Pert(Pert { min: r.low, mode: estimate.nominal(), max: r.high }),
            Estimate::Fixed(v) => widen(v, domain),
        };
    }
}

fn pert_ui(ui: &mut Ui, p: &mut Pert, spec: &Spec<'_>, domain: &Domain, label: egui::Id) {
    for (name, v) in [("min", &mut p.min), ("mode", &mut p.mode), ("max", &mut p.max)] {
        ui.label(egui::RichText::new(name).weak());
        drag_ui(ui, v, spec, domain).labelled_by(label);
    }
}

fn range_ui(ui: &mut Ui, r: &mut Range90, spec: &Spec<'_>, domain: &Domain, label: egui::Id) {
    for (name, v) in [("5%", &mut r.low), ("95%", &mut r.high)] {
        ui.label(egui::RichText::new(name).weak());
        drag_ui(ui, v, spec, &Domain { min: f64::NEG_INFINITY, min_excluded: false, ..*domain }).labelled_by(label);
    }
}

/// Shares and uptimes are shown as percentages.
fn display_factor(unit: Unit) -> f64 {
    if matches!(unit, Unit::Share | Unit::Uptime) { 100.0 } else { 1.0 }
}

/// `v` as shown: percentages lose the binary noise of scaling (0.55 · 100 = 55.00000000000001).
fn shown(v: f64, factor: f64) -> f64 {
    let x = v * factor;
    if factor == 1.0 { x } else { format!("{x:.10}").parse().unwrap_or(x) }
}

/// What the text typed into a number box last said, when it is worth a word.
#[derive(Clone, Debug, PartialEq)]
enum Note {
    /// Read without remark: an earlier note goes.
    Fine,
    /// Text that is not a number (the old value stays).
    Unreadable(String),
    /// A percentage under 1 typed without "%": read as that many percent (0.15 is 0.15%), while
    /// files write 15% as 0.15.
    SmallPercent(String),
}

/// A parser that remembers what it made of the text, so the input can say so instead of quietly
/// putting the old value back or reading "0.15" in a way its author did not mean.
fn noting(
    parse: fn(&str) -> Option<f64>,
    note: &RefCell<Option<Note>>,
    unit: Unit,
) -> impl Fn(&str) -> Option<f64> + '_ {
    move |text| {
        let value = parse(text);
        let percent = display_factor(unit) == 100.0;
        *note.borrow_mut() = match value {
            None if text.trim().is_empty() => None,
            None => Some(Note::Unreadable(text.to_owned())),
            Some(v) if percent && v > 0.0 && v < 1.0 && !text.contains('%') => {
                Some(Note::SmallPercent(text.trim().to_owned()))
            }
            Some(_) => Some(Note::Fine),
        };
        value
    }
}

/// How long a message about typed text stays, in seconds.
const NOTE_SECONDS: f64 = 4.0;

/// After an input: says for a few seconds what was made of the text typed when it could not be
/// read (with what to type) or when a small percentage may not be what was meant.
fn note_ui(ui: &mut Ui, response: &Response, note: Option<Note>, unit: Unit) {
    let key = response.id.with("typed text note");
    let now = ui.input(|i| i.time);
    match note {
        Some(Note::Fine) => ui.data_mut(|d| d.remove::<(Note, f64)>(key)),
        Some(note) => ui.data_mut(|d| {
            d.insert_temp(key, (note, now));
        }),
        None if response.changed() => ui.data_mut(|d| d.remove::<(Note, f64)>(key)),
        None => {}
    }
    let Some((note, at)) = ui.data(|d| d.get_temp::<(Note, f64)>(key)) else { return };
    if now - at > NOTE_SECONDS {
        ui.data_mut(|d| d.remove::<(Note, f64)>(key));
        return;
    }
    let clip = |text: &str| crate::format::clipped(text, 24).into_owned();
    let (text, colour) = match note {
        Note::Unreadable(text) => {
            let hint = match unit {
                Unit::Share | Unit::Uptime => "type a percentage: 15 or 15%",
                Unit::ClockHour => "type a time: 15:30",
                _ => "type a number: 950, 1.2M, 27.5B or 1e9",
            };
            (format!("“{}” is not a number: {hint}", clip(&text)), ui.visuals().error_fg_color)
        }
        Note::SmallPercent(text) => {
            let meant = parse_amount(&text).map_or_else(String::new, |v| trimmed(v * 100.0, 4));
            (format!("Read as {}%; for {meant}% type {meant}", clip(&text)), ui.visuals().warn_fg_color)
        }
        Note::Fine => return,
    };
    ui.label(egui::RichText::new(text).small().color(colour));
    ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(NOTE_SECONDS));
}

fn value_ui(ui: &mut Ui, v: &mut f64, spec: &Spec<'_>, domain: &Domain) -> Response {
    let failed = RefCell::new(None);
    let factor = display_factor(spec.unit);
    let mut shown = shown(*v, factor);
    let (prefix, suffix) = affixes(spec.unit, spec.currency);
    let response = match spec.scale {
        Scale::Log { max, smallest } => {
            // The slider spans a factor of LOG_SPAN either side of the value, re-centred whenever
            // it is not being dragged; any value can still be typed.
            let key = ui.next_auto_id().with("slider range");
            let anchor = ui.data(|d| d.get_temp::<f64>(key)).unwrap_or(shown);
            let range = if anchor > 0.0 {
                (anchor / LOG_SPAN).max(smallest.min(anchor))..=anchor * LOG_SPAN
            } else {
                0.0..=max
            };
            let response = ui.add(
                fine_slider(ui, &mut shown, range, true)
                    .logarithmic(true)
                    .smallest_positive(smallest)
                    .clamping(SliderClamping::Never)
                    .prefix(prefix)
                    .suffix(suffix)
                    .custom_formatter(|x, _| readable(x))
                    .custom_parser(noting(parse_amount, &failed, spec.unit)),
            );
            if !response.dragged() {
                ui.data_mut(|d| d.insert_temp(key, shown));
            }
            response
        }
        Scale::Linear { min, max } if spec.unit == Unit::ClockHour => ui.add(
            Slider::new(&mut shown, min..=max)
                .clamping(SliderClamping::Edits)
                .step_by(0.25)
                .custom_formatter(|x, _| clock(x))
                .custom_parser(noting(parse_clock, &failed, spec.unit)),
        ),
        Scale::Linear { min, max } => ui.add(
            fine_slider(ui, &mut shown, min..=max, false)
                .clamping(SliderClamping::Edits)
                .prefix(prefix)
                .suffix(suffix)
                .custom_formatter(|x, _| trimmed(x, 2))
                .custom_parser(noting(parse_amount, &failed, spec.unit)),
        ),
        Scale::Drag { .. } => {
            return drag_ui(ui, v, spec, domain);
        }
    };
    if response.changed() {
        *v = domain.clamp(shown / factor);
    }
    note_ui(ui, &response, failed.into_inner(), spec.unit);
    response
}

/// A log slider spans this factor either side of the value.
const LOG_SPAN: f64 = 10.0;
/// Dragging a slider with Shift held moves the value this many times more slowly.
const FINE: f64 = 10.0;

/// A slider on `range` (logarithmic if `log`) that moves `FINE` times more slowly while it is
/// dragged with Shift held: the value then follows the pointer's movement rather than its
/// position. Typed text (where Shift makes capitals: 27.5B) and keys are taken as they come.
fn fine_slider<'a>(ui: &Ui, value: &'a mut f64, range: RangeInclusive<f64>, log: bool) -> Slider<'a> {
    // Only while the pointer holds the slider (and in the frame it lets go): text typed (capitals
    // need Shift) and keys are read as they come.
    let (shift, dx) = ui.input(|i| {
        (
            i.modifiers.shift_only() && (i.pointer.primary_down() || i.pointer.primary_released()),
            f64::from(i.pointer.delta().x),
        )
    });
    let width = f64::from(ui.spacing().slider_width).max(1.0);
    let (low, high) = (*range.start(), *range.end());
    Slider::from_get_set(range, move |new| {
        if let Some(x) = new {
            *value = if !shift {
                x
            } else if log && *value > 0.0 && low > 0.0 {
                *value * (high / low).powf(dx / width / FINE)
            } else if log {
                x
            } else {
                *value + (high - low) * dx / width / FINE
            };
        }
        *value
    })
}

fn drag_ui(ui: &mut Ui, v: &mut f64, spec: &Spec<'_>, domain: &Domain) -> Response {
    let failed = RefCell::new(None);
    let factor = display_factor(spec.unit);
    let mut shown = shown(*v, factor);
    let (prefix, suffix) = affixes(spec.unit, spec.currency);
    let speed = match spec.scale {
        Scale::Drag { speed } => speed * factor,
        _ => (shown.abs() * 0.005).max(0.01),
    };
    let response = ui.add(
        DragValue::new(&mut shown)
            .speed(speed)
            .prefix(prefix)
            .suffix(suffix)
            .custom_formatter(|x, _| readable(x))
            .custom_parser(noting(parse_amount, &failed, spec.unit)),
    );
    if response.changed() {
        *v = domain.clamp(shown / factor);
    }
    note_ui(ui, &response, failed.into_inner(), spec.unit);
    response
}

fn affixes(unit: Unit, currency: &str) -> (String, String) {
    let symbol = currency_symbol(currency).map_or_else(|| format!("{currency} "), str::to_owned);
    match unit {
        Unit::Money => (symbol, String::new()),
        Unit::MoneyPerHour => (symbol, "/h".to_owned()),
        Unit::MoneyPerYear => (symbol, "/yr".to_owned()),
        Unit::MoneyPerMonth => (symbol, "/month".to_owned()),
        Unit::Share | Unit::Uptime => (String::new(), "%".to_owned()),
        Unit::Hours => (String::new(), " h".to_owned()),
        Unit::HoursPerDay => (String::new(), " h/day".to_owned()),
        Unit::PerHour => (String::new(), " /h".to_owned()),
        Unit::PerYear => (String::new(), " /yr".to_owned()),
        Unit::Minutes => (String::new(), " min".to_owned()),
        Unit::Factor => ("×".to_owned(), String::new()),
        Unit::Count | Unit::ClockHour | Unit::PerUsd => (String::new(), String::new()),
    }
}

/// A number as short as it can be without changing it: `27.5B` when that is exact, else
/// grouped digits, so clicking into a field and out again never alters the value.
#[must_use]
pub fn readable(x: f64) -> String {
    let short = compact(x);
    if parse_amount(&short) == Some(x) {
        return short;
    }
    // Large amounts in their unit with a few more digits: 554.6B rather than 554,600,000,000.
    let a = x.abs();
    for (scale, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")] {
        if a >= scale {
            for decimals in 1..=4 {
                let text = trimmed(x / scale, decimals);
                let text = format!("{text}{suffix}");
                if parse_amount(&text) == Some(x) {
                    return text;
                }
            }
            break;
        }
    }
    let decimals = if x.abs() >= 1000.0 { 0 } else { 4 };
    let full = grouped(x, decimals);
    // Rust's shortest representation always reads back to the same number.
    if parse_amount(&full) == Some(x) { full } else { x.to_string() }
}

/// Parses `15:30` or `15.5` as a clock hour.
#[must_use]
pub fn parse_clock(text: &str) -> Option<f64> {
    match text.trim().split_once(':') {
        Some((h, m)) => Some(h.trim().parse::<f64>().ok()? + m.trim().parse::<f64>().ok()? / 60.0),
        None => parse_amount(text),
    }
}

/// Parses `27.5B`, `1.2M`, `950k`, `1,000,000`, `1e9`, `15%` (the % is ignored).
#[must_use]
pub fn parse_amount(text: &str) -> Option<f64> {
    let t: String = text.trim().chars().filter(|c| !matches!(c, ',' | '_' | ' ' | '%')).collect();
    let t = t.replace('−', "-");
    let (number, scale) = match t.chars().last()? {
        'k' | 'K' => (&t[..t.len() - 1], 1e3),
        'M' => (&t[..t.len() - 1], 1e6),
        'B' | 'G' => (&t[..t.len() - 1], 1e9),
        'T' => (&t[..t.len() - 1], 1e12),
        _ => (t.as_str(), 1.0),
    };
    let v: f64 = number.parse().ok()?;
    let scaled = v * scale;
    // Undo the rounding of decimal scaling (27.5 · 1e9 = 27 500 000 000 exactly).
    let rounded = (scaled * 1e6).round() / 1e6;
    (scaled.is_finite()).then_some(if (rounded - scaled).abs() < 1e-9 * scaled.abs() { rounded } else { scaled })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Share;

    #[test]
    fn amounts_parse_in_every_form_people_type() {
        assert_eq!(parse_amount("27.5B"), Some(27.5e9));
        assert_eq!(parse_amount("1.2M"), Some(1_200_000.0));
        assert_eq!(parse_amount("950k"), Some(950_000.0));
        assert_eq!(parse_amount("1,000,000"), Some(1e6));
        assert_eq!(parse_amount("1e9"), Some(1e9));
        assert_eq!(parse_amount("−3"), Some(-3.0));
        assert_eq!(parse_amount("abc"), None);
        assert_eq!(parse_amount(""), None);
    }

    #[test]
    fn percentages_show_without_binary_noise() {
        assert_eq!(shown(0.55, 100.0), 55.0);
        assert_eq!(shown(0.33, 100.0), 33.0);
        assert_eq!(shown(0.075, 100.0), 7.5);
        assert_eq!(shown(1.0 / 3.0, 1.0), 1.0 / 3.0);
    }

    #[test]
    fn unreadable_text_is_remembered_for_the_message() {
        let failed = RefCell::new(None);
        let parse = noting(parse_amount, &failed, Unit::Money);
        assert_eq!(parse("1.2M"), Some(1_200_000.0));
        assert_eq!(*failed.borrow(), Some(Note::Fine));
        assert_eq!(parse("twelve"), None);
        assert_eq!(*failed.borrow(), Some(Note::Unreadable("twelve".to_owned())));
        // An emptied field is not a mistake to report.
        let empty = RefCell::new(None);
        assert_eq!(noting(parse_amount, &empty, Unit::Money)("  "), None);
        assert!(empty.borrow().is_none());
        // A percentage under 1 is read as percent, and said so unless written with "%".
        let small = RefCell::new(None);
        let percent = noting(parse_amount, &small, Unit::Share);
        assert_eq!(percent("0.15"), Some(0.15));
        assert_eq!(*small.borrow(), Some(Note::SmallPercent("0.15".to_owned())));
        assert_eq!(percent("0.15%"), Some(0.15));
        assert_eq!(*small.borrow(), Some(Note::Fine));
        assert_eq!(percent("15"), Some(15.0));
        assert_eq!(*small.borrow(), Some(Note::Fine));
    }

    #[test]
    fn clock_hours_parse() {
        assert_eq!(parse_clock("15:30"), Some(15.5));
        assert_eq!(parse_clock("7.25"), Some(7.25));
    }

    #[test]
    fn readable_never_changes_a_value() {
        for x in [27.5e9, 7_106_800_000_000.0, 0.33, 12.345_678, 1.0 / 3.0, 0.0, 47_500_000.0] {
            assert_eq!(parse_amount(&readable(x)), Some(x), "{x} → {}", readable(x));
        }
        assert_eq!(readable(27.5e9), "27.5B");
        assert_eq!(readable(554.6e9), "554.6B");
        assert_eq!(readable(7_106_800_000_000.0), "7.1068T");
        assert_eq!(readable(1_313_000_000.0), "1.313B");
    }

    #[test]
    fn tidy_orders_and_clamps_ranges() {
        let d = Share::DOMAIN;
        assert_eq!(
            tidy(Estimate::Pert(Pert { min: -0.2, mode: 1.5, max: 0.9 }), &d),
            Estimate::Pert(Pert { min: 0.0, mode: 0.9, max: 0.9 })
        );
        assert_eq!(tidy(Estimate::Fixed(2.0), &d), Estimate::Fixed(1.0));
        assert!(matches!(widen(0.5, &d), Estimate::Pert(p) if p.min == 0.375 && p.max == 0.625));
    }
}
