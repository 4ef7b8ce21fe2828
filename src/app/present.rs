//! Presentation mode (DESIGN §4): full screen, large type, the deck of [`crate::story`] (a title
//! slide, one chart per slide under its headline sentence, the spread with ranges, the comparison
//! when scenarios are pinned, and what to do), ←/→ between slides, N for speaker notes, and a bar
//! with one large slider per key input for "what if" questions in the room.

use egui::{Align, Layout, RichText, Slider, SliderClamping, Ui};

use super::charts;
use super::document::Document;
use super::montecarlo::Analysis;
use super::results::Results;
use super::view::View;
use super::widgets::tidy;
use crate::format::{hours, percent};
use crate::scenario::{Estimate, Field, Pert, Range90, Scenario};
use crate::story::{Slide, Story};

/// How much larger text is while presenting.
const TEXT_SCALE: f32 = 1.6;

/// The slides of the deck now.
#[must_use]
pub fn slides(results: &Results, view: &View) -> Vec<Slide> {
    story(results, view).slides()
}

fn story<'a>(results: &'a Results, view: &'a View) -> Story<'a> {
    Story { results: &results.shared, pinned: &view.pins.pinned, returns: &view.pins.returns }
}

/// What a slide says, worked out before drawing (so the drawing may borrow the view mutably).
struct Words {
    slide: Slide,
    title: String,
    headline: String,
    notes: String,
    actions: Vec<String>,
}

/// Draws the slide `view.slide` full-window. The bar's sliders edit the scenario directly.
pub fn ui(ui: &mut Ui, doc: &mut Document, results: &mut Results, analysis: Option<&Analysis>, view: &mut View) {
    for font in ui.style_mut().text_styles.values_mut() {
        font.size *= TEXT_SCALE;
    }
    let count = slides(results, view).len();
    view.slide = view.slide.min(count.saturating_sub(1));
    egui::Panel::bottom("presentation bar").show(ui, |ui| bar_ui(ui, &mut doc.scenario, view.slide, count, view.notes));
    doc.sync();
    results.refresh(doc.version(), ui.ctx());
    let scenario = &doc.scenario;
    let results = &*results;
    let words = {
        let story = story(results, view);
        let slide = story.slides()[view.slide];
        Words {
            slide,
            title: story.title(slide),
            headline: story.headline(slide),
            notes: story.notes(slide),
            actions: story.actions(),
        }
    };
    if view.notes {
        egui::Panel::bottom("speaker notes").show(ui, |ui| {
            ui.add_space(4.0);
            ui.label(RichText::new("Speaker notes").strong());
            ui.label(&words.notes);
            ui.add_space(4.0);
        });
    }
    egui::CentralPanel::default().show(ui, |ui| match words.slide {
        Slide::Title => title_ui(ui, scenario, &words),
        Slide::Closing => closing_ui(ui, &words),
        slide => {
            header_ui(ui, &words);
            match slide {
                Slide::Compare => charts::compare_body_ui(ui, &view.pins),
                Slide::Breakdown => charts::breakdown_ui(ui, scenario, results),
                Slide::Timeline => charts::timeline_ui(ui, scenario, results),
                Slide::Benchmarks => charts::benchmarks_ui(ui, scenario, results),
                Slide::Uncertainty => charts::uncertainty_ui(ui, scenario, analysis, view),
                _ => charts::duration_ui(ui, scenario, results, None),
            }
        }
    });
}

/// The slide's short title in small capitals above its headline sentence.
fn header_ui(ui: &mut Ui, words: &Words) {
    ui.add_space(8.0);
    ui.label(RichText::new(words.title.to_uppercase()).size(20.0).color(ui.visuals().hyperlink_color));
    ui.label(RichText::new(&words.headline).size(34.0).strong());
    ui.add_space(8.0);
}

fn title_ui(ui: &mut Ui, scenario: &Scenario, words: &Words) {
    ui.add_space((ui.available_height() * 0.22).max(24.0));
    ui.vertical(|ui| {
        ui.set_max_width(ui.available_width() * 0.85);
        ui.label(RichText::new(&words.title).size(60.0).strong());
        ui.add_space(12.0);
        if !scenario.description.is_empty() {
            ui.label(RichText::new(&scenario.description).size(24.0).weak());
            ui.add_space(20.0);
        }
        ui.label(RichText::new(&words.headline).size(36.0).color(ui.visuals().hyperlink_color));
        ui.add_space(16.0);
        ui.label(RichText::new(crate::export::today()).size(20.0).weak());
    });
}

fn closing_ui(ui: &mut Ui, words: &Words) {
    header_ui(ui, words);
    ui.add_space(12.0);
    for action in &words.actions {
        ui.label(RichText::new(format!("•  {action}")).size(28.0));
        ui.add_space(10.0);
    }
}

/// One large slider per key input, the slide number and the keys, legible from the back of a room.
fn bar_ui(ui: &mut Ui, scenario: &mut Scenario, slide: usize, count: usize, notes: bool) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        // Room for the two labels and values and the slide number at the right; the rest is slider.
        ui.style_mut().spacing.slider_width = ((ui.available_width() - 900.0) / 2.0).clamp(90.0, 420.0);
        let duration = scenario.outage.duration_hours.nominal();
        let mut d = duration;
        let label = ui.label(RichText::new("Duration").strong());
        // A fixed span (a week; longer values are kept), so the slider does not move under the pointer.
        ui.add(
            Slider::new(&mut d, 0.1..=168.0_f64.max(duration))
                .logarithmic(true)
                .clamping(SliderClamping::Never)
                .custom_formatter(|v, _| hours(v))
                .show_value(true),
        )
        .labelled_by(label.id);
        if d != duration {
            set_nominal(scenario, Field::DurationHours, d);
        }
        ui.add_space(24.0);
        let share = scenario.users.share_affected.nominal();
        let mut s = share * 100.0;
        let label = ui.label(RichText::new("Users affected").strong());
        ui.add(Slider::new(&mut s, 0.0..=100.0).custom_formatter(|v, _| percent(v / 100.0))).labelled_by(label.id);
        if (s / 100.0 - share).abs() > f64::EPSILON {
            set_nominal(scenario, Field::ShareAffected, s / 100.0);
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let hint = if notes { "N: hide notes" } else { "N: notes" };
            ui.label(RichText::new(format!("{} / {count}  ·  ← →  ·  {hint}  ·  Esc", slide + 1)).size(22.0));
        });
    });
    ui.add_space(6.0);
}

/// Moves a field's nominal value to `value`, keeping a range's shape within the field's domain.
fn set_nominal(scenario: &mut Scenario, field: Field, value: f64) {
    let domain = field.domain();
    let moved = tidy(with_nominal(*field.estimate(scenario), domain.clamp(value)), &domain);
    // `tidy` keeps the estimate in the field's domain, so this cannot fail.
    let _ = field.set(scenario, moved);
}

/// The estimate moved so its nominal value is `value`: a number becomes `value`; a range keeps its
/// shape, scaled (or, around 0, shifted) to the new value.
#[must_use]
pub fn with_nominal(estimate: Estimate, value: f64) -> Estimate {
    let old = estimate.nominal();
    let moved = |x: f64| if old > 0.0 && value > 0.0 { x * value / old } else { x + value - old };
    match estimate {
        Estimate::Fixed(_) => Estimate::Fixed(value),
        Estimate::Pert(p) => Estimate::Pert(Pert { min: moved(p.min), mode: value, max: moved(p.max) }),
        Estimate::Range90(r) => Estimate::Range90(Range90 { low: moved(r.low), high: moved(r.high) }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_keeps_its_shape_when_its_value_moves() {
        assert_eq!(with_nominal(Estimate::Fixed(2.0), 5.0), Estimate::Fixed(5.0));
        let pert = with_nominal(Estimate::Pert(Pert { min: 1.0, mode: 2.0, max: 8.0 }), 4.0);
        assert_eq!(pert, Estimate::Pert(Pert { min: 2.0, mode: 4.0, max: 16.0 }));
        let shifted = with_nominal(Estimate::Pert(Pert { min: -1.0, mode: 0.0, max: 1.0 }), 0.5);
        assert_eq!(shifted, Estimate::Pert(Pert { min: -0.5, mode: 0.5, max: 1.5 }));
        let r = with_nominal(Estimate::Range90(Range90 { low: 1.0, high: 4.0 }), 4.0);
        assert!((r.nominal() - 4.0).abs() < 1e-12, "{r:?}");
    }
}
