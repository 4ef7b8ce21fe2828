//! Presentation mode (DESIGN §4): full screen, large type, one chart per slide under a headline
//! sentence, ←/→ between slides, and a compact bar that keeps the duration and the share affected
//! live for "what if" questions in the room.

use egui::{Align, Layout, RichText, TextStyle, Ui};

use super::charts;
use super::inputs::fields_ui;
use super::pins::Pins;
use super::results::Results;
use super::settings::ChartTab;
use crate::compare;
use crate::format::{compact, hours, hours_adjective, money, percent};
use crate::model::{Component, Side};
use crate::scenario::{Field, Scenario};
use crate::sim::Output;

/// The slides, in order; a comparison slide closes the deck when scenarios are pinned.
#[must_use]
pub fn slides(pinned: usize) -> Vec<ChartTab> {
    let mut slides = vec![ChartTab::CostVsDuration, ChartTab::Breakdown, ChartTab::Timeline, ChartTab::Benchmarks];
    if pinned >= 2 {
        slides.push(ChartTab::Compare);
    }
    slides
}

/// How much larger text is while presenting.
const TEXT_SCALE: f32 = 1.6;

/// Draws the slide `slide` full-window. Widgets in the bar edit the scenario directly.
pub fn ui(ui: &mut Ui, scenario: &mut Scenario, results: &mut Results, slide: usize, pins: &Pins) {
    let slides = slides(pins.pinned.len());
    let slide = slide.min(slides.len() - 1);
    for font in ui.style_mut().text_styles.values_mut() {
        font.size *= TEXT_SCALE;
    }
    egui::Panel::bottom("presentation bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.style_mut().spacing.slider_width = 260.0;
            fields_ui(ui, scenario, "presenting", &[Field::DurationHours, Field::ShareAffected]);
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                ui.label(
                    RichText::new(format!("{} / {}   ← → to move · Esc to leave", slide + 1, slides.len()))
                        .text_style(TextStyle::Small)
                        .weak(),
                );
            });
        });
        ui.add_space(4.0);
    });
    results.refresh(scenario);
    let results = &*results;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(8.0);
        ui.label(RichText::new(headline(slides[slide], scenario, results, pins)).size(30.0).strong());
        ui.label(RichText::new(scenario.title()).weak());
        ui.add_space(8.0);
        match slides[slide] {
            ChartTab::Compare => charts::compare_body_ui(ui, pins),
            ChartTab::Breakdown => charts::breakdown_ui(ui, scenario, results),
            ChartTab::Timeline => charts::timeline_ui(ui, scenario, results),
            ChartTab::Benchmarks => charts::benchmarks_ui(ui, scenario, results),
            _ => charts::duration_ui(ui, scenario, results, None),
        }
    });
}

/// The slide's one-sentence message.
#[must_use]
pub fn headline(tab: ChartTab, scenario: &Scenario, results: &Results, pins: &Pins) -> String {
    let code = scenario.currency.code.as_str();
    let e = &results.evaluation;
    let (o, p) = (&e.outcome, &e.point);
    let d = p.get(Field::DurationHours);
    match tab {
        ChartTab::Compare => compare_headline(pins),
        ChartTab::Breakdown => format!(
            "The provider pays {}; dependent businesses and users lose {} more.",
            money(results.figure(Output::ProviderCost).value, code),
            money(results.figure(Output::EcosystemLoss).value, code)
        ),
        ChartTab::Timeline => format!(
            "{} users cut off for {}; costs keep growing until full recovery.",
            compact(o.users_affected),
            hours(d)
        ),
        ChartTab::Benchmarks => {
            let top = e.benchmarks.iter().map(|b| b.per_hour).fold(0.0, f64::max);
            let times = if top > 0.0 { o.cost_per_hour / top } else { 0.0 };
            format!("{} per outage hour: {:.1}× the highest published benchmark.", money(o.cost_per_hour, code), times)
        }
        _ => {
            let part = |c: Component| results.figure(Output::Component(c)).value;
            let provider = results.figure(Output::ProviderCost).value;
            let largest = Component::ALL
                .into_iter()
                .filter(|c| c.side() == Side::Provider)
                .max_by(|a, b| part(*a).total_cmp(&part(*b)));
            let share = |c: Component| if provider > 0.0 { part(c) / provider } else { 0.0 };
            let expected = if results.summaries.is_some() { " on average" } else { "" };
            match largest {
                Some(c) if provider > 0.0 => format!(
                    "A {} outage costs {}{expected}; {} of it is {}.",
                    hours_adjective(d),
                    money(provider, code),
                    percent(share(c)),
                    c.name().to_lowercase()
                ),
                _ => format!("A {} outage costs the provider nothing in this scenario.", hours(d)),
            }
        }
    }
}

/// The comparison's message: the return on a pinned mitigation, or how far the last pinned
/// scenario moves the annual expected loss.
fn compare_headline(pins: &Pins) -> String {
    if let Some((after, r)) = pins.returns.iter().find_map(|m| pins.pinned.get(m.after).map(|a| (a, &m.result))) {
        let code = after.scenario.currency.code.as_str();
        let verdict = match r.roi {
            Some(roi) if roi >= 0.0 => format!("it returns {} a year on its cost", percent(roi)),
            _ => format!(
                "it costs {} a year; break-even is {}",
                money(r.annual_cost, code),
                money(r.break_even_annual_budget, code)
            ),
        };
        return format!("{} saves {} a year; {verdict}.", after.label, money(r.ale_before - r.ale_after, code));
    }
    let rows = compare::rows(&pins.pinned);
    let (code, _) = compare::currency(&pins.pinned);
    rows.iter().find(|r| r.kind == compare::RowKind::Figure(crate::sim::Output::AnnualExpectedLoss)).map_or_else(
        String::new,
        |r| {
            let (first, last) = (r.values.first().copied().unwrap_or(0.0), r.values.last().copied().unwrap_or(0.0));
            format!("Annual expected loss: {} → {}.", money(first, &code), money(last, &code))
        },
    )
}
