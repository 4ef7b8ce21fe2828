//! The outage as it unfolds: the share of users seeing failures, and the cost accrued so far,
//! from the start through the recovery tail.

use egui::{Color32, Ui};
use egui_plot::{Line, VLine};

use super::{color, money_ticks, plot};
use crate::app::results::Results;
use crate::format::{hours, money, percent};
use crate::model::Component;
use crate::scenario::{Field, Scenario};

/// Draws both panels in the space given.
pub fn ui(ui: &mut Ui, scenario: &Scenario, results: &Results) {
    let code = scenario.currency.code.clone();
    let t = &results.timeline;
    let d = results.evaluation.point.get(Field::DurationHours);
    let link = egui::Id::unique("timeline x");
    let height = (ui.available_height() - 8.0) / 2.0;
    let restored =
        || VLine::new(format!("Restored after {}", hours(d)), d).color(Color32::from_rgb(0x2F, 0x6E, 0xEB)).width(1.5);
    let share: Vec<[f64; 2]> = t.iter().map(|p| [p.hours, p.share_of_users_failing * 100.0]).collect();
    // One width for both y axes, so the two time axes line up under each other.
    let most = t.iter().map(|p| p.provider_cost.max(p.ecosystem_loss)).fold(0.0, f64::max);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let axis = ["100%".to_owned(), money(most, &code)]
        .into_iter()
        .map(|text| ui.painter().layout_no_wrap(text, font.clone(), Color32::WHITE).size().x)
        .fold(0.0, f32::max)
        // The axis also holds its rotated title, and a margin either side of the tick labels.
        + 2.0 * ui.text_style_height(&egui::TextStyle::Body)
        + 12.0;
    plot("users affected over time")
        .height(height)
        .link_axis(link, [true, false])
        // Time starts at the outage's start: no margin before 0 h.
        .include_x(0.0)
        .set_margin_fraction(egui::Vec2::new(0.0, 0.05))
        .legend(super::legend(height, egui_plot::Corner::RightTop))
        .y_axis_label("Users seeing failures (%)")
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .y_axis_min_width(axis)
        .include_y(0.0)
        .include_y(100.0)
        .label_formatter(|hover| {
            let p = super::hover_point(hover);
            Some(format!("{} after the start\n{} of users seeing failures", hours(p.x), percent(p.y / 100.0)))
        })
        .show(ui, |plot_ui| {
            plot_ui.line(Line::new("Share of users seeing failures", share).color(color(Component::Churn)).fill(0.0));
            plot_ui.vline(restored());
        });
    ui.add_space(8.0);
    let provider: Vec<[f64; 2]> = t.iter().map(|p| [p.hours, p.provider_cost]).collect();
    let ecosystem: Vec<[f64; 2]> = t.iter().map(|p| [p.hours, p.ecosystem_loss]).collect();
    let hover_code = code.clone();
    plot("cumulative cost over time")
        .height(height)
        .link_axis(link, [true, false])
        // Time starts at the outage's start: no margin before 0 h.
        .include_x(0.0)
        .set_margin_fraction(egui::Vec2::new(0.0, 0.05))
        .legend(super::legend(height, egui_plot::Corner::LeftTop))
        .x_axis_label("Hours since the outage began")
        .y_axis_label(format!("Cost so far ({code})"))
        .y_axis_formatter(money_ticks(code))
        .y_axis_min_width(axis)
        .include_y(0.0)
        .label_formatter(move |hover| {
            let p = super::hover_point(hover);
            Some(format!("{} after the start\n{}", hours(p.x), money(p.y, &hover_code)))
        })
        .show(ui, |plot_ui| {
            plot_ui.line(Line::new("Provider cost so far", provider).color(color(Component::LostRevenue)).width(2.0));
            plot_ui
                .line(Line::new("Ecosystem loss so far", ecosystem).color(color(Component::BusinessLoss)).width(2.0));
            plot_ui.vline(restored());
        });
}
