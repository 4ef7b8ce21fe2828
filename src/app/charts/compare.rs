//! The Compare tab (DESIGN §4): up to four pinned scenarios, their cost-vs-duration curves
//! overlaid, a delta table against the first, their Monte Carlo intervals side by side, and the
//! return on a mitigation where a pinned scenario names its baseline.

use egui::{Grid, RichText, ScrollArea, Ui};
use egui_plot::{Line, Points};

use super::{money_ticks, plot};
use crate::app::Command;
use crate::app::pins::Pins;
use crate::app::view::View;
use crate::compare::{self, MAX_PINNED, Pinned, RowKind};
use crate::format::{money, percent, value};
use crate::scenario::{Scenario, Unit, presets};
use crate::sim::Output;

/// Colours of the pinned scenarios, in pin order.
const PIN_RGB: [[u8; 3]; MAX_PINNED] = [[0x2F, 0x6E, 0xEB], [0xE4, 0x57, 0x56], [0x54, 0xA2, 0x4B], [0x9D, 0x75, 0x5D]];

/// Draws the tab; the pin buttons queue commands.
pub fn ui(ui: &mut Ui, scenario: &Scenario, view: &mut View) {
    let commands = pin_bar_ui(ui, scenario, &view.pins);
    view.queued.extend(commands);
    let pins = &view.pins;
    if pins.pinned.len() < 2 {
        ui.add_space(16.0);
        ui.label(
            RichText::new(
                "Pin two to four scenarios to compare them: the one open now (“Pin this scenario”), or shipped \
                 presets such as “Kakao data-center fire” and “Kakao with a hot-standby data center”.",
            )
            .weak(),
        );
        if pins.computing > 0 {
            ui.spinner();
        }
        return;
    }
    body_ui(ui, pins);
}

/// The curves, the mitigation returns and the delta table (also a presentation slide).
pub fn body_ui(ui: &mut Ui, pins: &Pins) {
    let height = (ui.available_height() * 0.5).max(220.0);
    curves_ui(ui, &pins.pinned, height);
    ScrollArea::vertical().id_salt("compare table").show(ui, |ui| {
        returns_ui(ui, pins);
        table_ui(ui, &pins.pinned);
    });
}

fn pin_bar_ui(ui: &mut Ui, scenario: &Scenario, pins: &Pins) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal_wrapped(|ui| {
        let room = pins.has_room();
        let already = pins.pinned.iter().any(|p| *p.scenario == *scenario);
        if ui.add_enabled(room && !already, egui::Button::new("📌 Pin this scenario")).clicked() {
            commands.push(Command::PinOpen);
        }
        ui.add_enabled_ui(room, |ui| {
            ui.menu_button("Pin a preset", |ui| {
                for preset in presets::PRESETS {
                    if let Ok(s) = preset.load()
                        && ui.button(s.title()).clicked()
                    {
                        commands.push(Command::Pin {
                            label: s.title().to_owned(),
                            scenario: Box::new(s),
                            folder: None,
                        });
                    }
                }
            });
        });
        for (i, pin) in pins.pinned.iter().enumerate() {
            let [r, g, b] = PIN_RGB[i % MAX_PINNED];
            ui.label(RichText::new("●").color(egui::Color32::from_rgb(r, g, b)));
            ui.label(&pin.label);
            if ui.small_button("✕").on_hover_text(format!("Unpin {}", pin.label)).clicked() {
                commands.push(Command::Unpin(i));
            }
        }
        if pins.computing > 0 {
            ui.spinner();
            ui.label("computing…");
        }
    });
    commands
}

fn curves_ui(ui: &mut Ui, pins: &[Pinned], height: f32) {
    let (code, in_usd) = compare::currency(pins);
    plot("compare curves")
        .height(height)
        .legend(super::legend(height, egui_plot::Corner::LeftTop))
        .x_axis_label("Outage duration (hours)")
        .y_axis_label(format!("Provider cost ({code})"))
        .y_axis_formatter(money_ticks(code.clone()))
        .y_axis_min_width(64.0)
        .include_y(0.0)
        .show(ui, |plot_ui| {
            for (i, pin) in pins.iter().enumerate() {
                let [r, g, b] = PIN_RGB[i % MAX_PINNED];
                let colour = egui::Color32::from_rgb(r, g, b);
                let rate = if in_usd { 1.0 / pin.evaluation.point.get(crate::scenario::Field::PerUsd) } else { 1.0 };
                let line: Vec<[f64; 2]> =
                    pin.curve.iter().map(|p| [p.duration_hours, p.provider_cost * rate]).collect();
                plot_ui.line(Line::new(pin.label.clone(), line).color(colour).width(2.5));
                let d = pin.evaluation.point.get(crate::scenario::Field::DurationHours);
                let here = vec![[d, pin.evaluation.outcome.provider_cost * rate]];
                // The same name as the line: one legend entry per scenario.
                plot_ui.points(Points::new(pin.label.clone(), here).color(colour).radius(5.0));
            }
        });
}

fn returns_ui(ui: &mut Ui, pins: &Pins) {
    if pins.returns_pending {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Working out the return on the mitigation…");
        });
    }
    for m in &pins.returns {
        let (Some(after), before, r) = (pins.pinned.get(m.after), &m.before, &m.result) else {
            continue;
        };
        let code = after.scenario.currency.code.as_str();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(format!("Return on the mitigation: {} against {}", after.label, before.label)).strong(),
            );
            Grid::new(("return", &after.label)).num_columns(2).spacing([16.0, 2.0]).show(ui, |ui| {
                let rows = [
                    ("Annual expected loss before", money(r.ale_before, code)),
                    ("Annual expected loss after", money(r.ale_after, code)),
                    ("Saved per year", money(r.ale_before - r.ale_after, code)),
                    ("Annual cost (running + investment over its life)", money(r.annual_cost, code)),
                    ("Net annual benefit", money(r.net_benefit, code)),
                    ("Return on the mitigation", r.roi.map_or_else(|| "— (it costs nothing)".to_owned(), percent)),
                    (
                        "Payback of the investment",
                        r.payback_years.map_or_else(
                            || "never: savings do not cover the running cost".to_owned(),
                            |y| format!("{y:.1} years"),
                        ),
                    ),
                    ("Break-even annual budget", money(r.break_even_annual_budget, code)),
                    ("Break-even investment over its life", money(r.break_even_investment, code)),
                    ("Chance it pays off", r.chance_pays_off.map_or_else(|| "— (no ranges)".to_owned(), percent)),
                ];
                for (name, v) in rows {
                    ui.label(name);
                    ui.label(RichText::new(v).strong());
                    ui.end_row();
                }
            });
        });
    }
}

fn table_ui(ui: &mut Ui, pins: &[Pinned]) {
    let (code, in_usd) = compare::currency(pins);
    if in_usd {
        ui.label(RichText::new("The scenarios use different currencies: amounts are in US dollars.").weak());
    }
    Grid::new("delta table").striped(true).num_columns(2 * pins.len()).spacing([14.0, 4.0]).show(ui, |ui| {
        ui.label(RichText::new("Figure").strong());
        for (i, pin) in pins.iter().enumerate() {
            ui.label(RichText::new(&pin.label).strong());
            if i > 0 {
                ui.label(RichText::new("vs first").strong());
            }
        }
        ui.end_row();
        let rows = compare::rows(pins);
        for row in &rows {
            ui.label(&row.name);
            for (i, (v, (abs, rel))) in row.values.iter().zip(row.deltas()).enumerate() {
                ui.label(value(*v, row.unit, &code));
                if i > 0 {
                    ui.label(delta(abs, rel, row.unit, &code));
                }
            }
            ui.end_row();
        }
        if let Some(row) = rows.iter().find(|r| r.kind == RowKind::Figure(Output::ProviderCost))
            && row.ranges.iter().any(Option::is_some)
        {
            ui.label("Provider cost, P5–P95");
            for (i, range) in row.ranges.iter().enumerate() {
                ui.label(range.map_or_else(
                    || "no ranges".to_owned(),
                    |(lo, hi)| format!("{}–{}", money(lo, &code), money(hi, &code)),
                ));
                if i > 0 {
                    ui.label("");
                }
            }
            ui.end_row();
        }
    });
}

fn delta(abs: f64, rel: Option<f64>, unit: Unit, code: &str) -> String {
    if abs == 0.0 {
        return "same".to_owned();
    }
    let sign = if abs > 0.0 { "+" } else { "−" };
    let rel = rel.map_or_else(String::new, |r| format!(" ({}{})", if r > 0.0 { "+" } else { "" }, percent(r)));
    format!("{sign}{}{rel}", value(abs.abs(), unit, code))
}
