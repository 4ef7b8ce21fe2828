//! The input panel (DESIGN §4): every input of the model, grouped as in §2, each with its unit, a
//! tooltip saying what it means and how it enters the cost, and a range toggle.

mod correlations;
mod lists;

use egui::{CollapsingHeader, Grid, ScrollArea, Ui};

use super::widgets::{Scale, Spec, VALUE_BOX, estimate_ui, label_column, set_editor_x};
use crate::scenario::{BusinessField, Field, Scenario, Unit};

/// Space between a grid's label and its editor.
pub const GRID_GAP: f32 = 8.0;

/// What a group shows besides its fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extra {
    /// Nothing.
    None,
    /// The traffic profile, under the outage's fields.
    TrafficProfile,
    /// The SLA tiers, under the SLA fields.
    SlaTiers,
    /// The business groups, in their own section after this one.
    BusinessesAfter,
}

/// A group of the panel.
struct Group {
    title: &'static str,
    fields: &'static [Field],
    extra: Extra,
    open: bool,
}

const fn group(title: &'static str, fields: &'static [Field], extra: Extra) -> Group {
    Group { title, fields, extra, open: true }
}

/// The groups of the panel, as in DESIGN §2.
const GROUPS: [Group; 10] = [
    group(
        "Users",
        &[Field::ActiveUsers, Field::ShareAffected, Field::UsageHoursPerDay, Field::ValuePerUserHour],
        Extra::None,
    ),
    group(
        "Outage",
        &[Field::StartHour, Field::DurationHours, Field::FailureShare, Field::RecoveryTailHours, Field::DemandFactor],
        Extra::TrafficProfile,
    ),
    group(
        "Revenue",
        &[Field::AnnualRevenue, Field::ShareDependent, Field::RevenueShareRecovered],
        Extra::BusinessesAfter,
    ),
    group("Workforce", &[Field::Employees, Field::WorkforceCostPerHour, Field::ProductivityLoss], Extra::None),
    group(
        "Incident response",
        &[Field::Responders, Field::ResponderCostPerHour, Field::PostIncidentHours, Field::ResponseFixedCost],
        Extra::None,
    ),
    group("SLA credits", &[Field::MonthlyFees, Field::ErrorThreshold], Extra::SlaTiers),
    group(
        "Compensation",
        &[
            Field::PerUser,
            Field::PerUserPerHour,
            Field::UserUptake,
            Field::PerBusiness,
            Field::PerBusinessPerHour,
            Field::BusinessUptake,
            Field::CompensationAfterHours,
        ],
        Extra::None,
    ),
    group(
        "Churn",
        &[Field::ChurnMaxShare, Field::ChurnMidpointHours, Field::ChurnSteepness, Field::LifetimeValue],
        Extra::None,
    ),
    Group {
        open: false,
        ..group(
            "Fines & market",
            &[Field::FinesFixed, Field::FinesPerHour, Field::FinesPerUserAffected, Field::MarketCap, Field::DropShare],
            Extra::None,
        )
    },
    group("Annual frequency", &[Field::FrequencyPerYear], Extra::None),
];

/// The left panel with every input. Widgets edit the scenario directly.
pub fn panel_ui(ui: &mut Ui, scenario: &mut Scenario) {
    egui::Panel::left("inputs").resizable(true).default_size(380.0).min_size(280.0).show(ui, |ui| {
        // One column for every editor, after the widest label (inside a group's indentation);
        // narrow panels keep every label: the slider gives way first.
        let indent = ui.spacing().indent;
        let label = widest_label(ui);
        let toggle = 2.0 * ui.spacing().interact_size.y;
        let gaps = GRID_GAP + 3.0 * ui.spacing().item_spacing.x + ui.spacing().scroll.bar_width;
        let room = ui.available_width() - indent - label - VALUE_BOX - toggle - gaps;
        ui.spacing_mut().slider_width = room.clamp(60.0, 140.0);
        set_editor_x(ui, ui.cursor().min.x + indent + label + GRID_GAP);
        ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.add_space(4.0);
            scenario_group_ui(ui, scenario);
            for g in &GROUPS {
                CollapsingHeader::new(g.title).default_open(g.open).show(ui, |ui| {
                    fields_ui(ui, scenario, g.title, g.fields);
                    match g.extra {
                        Extra::TrafficProfile => lists::profile_ui(ui, &mut scenario.outage.traffic_profile),
                        Extra::SlaTiers => lists::tiers_ui(ui, &mut scenario.sla.tiers),
                        Extra::None | Extra::BusinessesAfter => {}
                    }
                });
                if g.extra == Extra::BusinessesAfter {
                    CollapsingHeader::new("Business dependence").default_open(true).show(ui, |ui| {
                        let code = scenario.currency.code.clone();
                        lists::businesses_ui(ui, &mut scenario.businesses, &code);
                    });
                }
            }
            CollapsingHeader::new("Monte Carlo").default_open(!scenario.correlations.is_empty()).show(ui, |ui| {
                correlations::ui(ui, scenario);
            });
            ui.add_space(12.0);
        });
    });
}

fn scenario_group_ui(ui: &mut Ui, scenario: &mut Scenario) {
    CollapsingHeader::new("Scenario").default_open(false).show(ui, |ui| {
        Grid::new("scenario fields").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let label = ui.label("Name");
            lists::text_ui(ui, label.id, &mut scenario.name, false);
            ui.end_row();
            let label = ui.label("Currency").on_hover_text("ISO code: USD, CNY, KRW, EUR, GBP, JPY…");
            ui.add(egui::TextEdit::singleline(&mut scenario.currency.code).desired_width(60.0)).labelled_by(label.id);
            ui.end_row();
        });
        fields_ui(ui, scenario, "currency", &[Field::PerUsd]);
        let label = ui.label("Description");
        lists::text_ui(ui, label.id, &mut scenario.description, true);
    });
}

/// The width of the longest input label, as drawn.
fn widest_label(ui: &Ui) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let labels = Field::ALL.iter().map(|f| f.label()).chain(BusinessField::ALL.iter().map(|f| f.label()));
    labels
        .map(|text| ui.painter().layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE).size().x)
        .fold(0.0, f32::max)
}

/// A grid of inputs from the field table.
pub fn fields_ui(ui: &mut Ui, scenario: &mut Scenario, id: &str, fields: &[Field]) {
    let code = scenario.currency.code.clone();
    let label = label_column(ui, GRID_GAP, 120.0);
    Grid::new(("fields", id)).num_columns(2).spacing([GRID_GAP, 6.0]).min_col_width(label).show(ui, |ui| {
        for &field in fields {
            let mut estimate = *field.estimate(scenario);
            let spec = Spec {
                label: field.label(),
                tooltip: field.help(),
                unit: field.unit(),
                scale: scale_for(field),
                currency: &code,
                solve_path: Some(field.path().to_owned()),
            };
            if estimate_ui(ui, &mut estimate, &field.domain(), &spec) {
                // The widget keeps the estimate in the field's domain, so this cannot fail.
                let _ = field.set(scenario, estimate);
            }
            if let Some(warning) = implausible(field, field.estimate(scenario).nominal()) {
                ui.label("");
                ui.label(egui::RichText::new(format!("⚠ {warning}")).small().color(ui.visuals().warn_fg_color));
                ui.end_row();
            }
        }
    });
}

/// People on Earth (UN, 2024), the most users any service can have.
const WORLD_POPULATION: f64 = 8.2e9;

/// A warning for a value that is allowed but hard to believe, naming what it exceeds.
#[must_use]
pub fn implausible(field: Field, value: f64) -> Option<&'static str> {
    match field {
        Field::ActiveUsers if value > WORLD_POPULATION => Some("more users than people on Earth (8.2 billion)"),
        Field::UsageHoursPerDay if value > 18.0 => Some("more than 18 hours a day on the service"),
        Field::Employees if value > 3e6 => Some("more staff idled than the largest employers have (about 2–3 million)"),
        Field::DurationHours if value > 24.0 * 31.0 => Some("longer than a month: SLA uptime is then 0%"),
        _ => None,
    }
}

/// How a field is edited: logarithmic sliders for amounts spanning orders of magnitude.
#[must_use]
pub fn scale_for(field: Field) -> Scale {
    match (field, field.unit()) {
        (Field::DurationHours | Field::RecoveryTailHours, _) => Scale::Log { max: 500.0, smallest: 0.1 },
        (Field::ChurnMidpointHours, _) => Scale::Linear { min: 0.0, max: 72.0 },
        (Field::DemandFactor, _) => Scale::Log { max: 100.0, smallest: 0.01 },
        (_, Unit::Hours) => Scale::Log { max: 1000.0, smallest: 1.0 },
        (_, Unit::ClockHour) => Scale::Linear { min: 0.0, max: 23.75 },
        (_, Unit::HoursPerDay) => Scale::Linear { min: 0.0, max: 24.0 },
        (_, Unit::Share | Unit::Uptime) => Scale::Linear { min: 0.0, max: 100.0 },
        (_, Unit::Count) => Scale::Log { max: 1e10, smallest: 1.0 },
        (_, Unit::MoneyPerHour) => Scale::Log { max: 1e9, smallest: 1.0 },
        (_, Unit::Money | Unit::MoneyPerYear | Unit::MoneyPerMonth) => Scale::Log { max: 1e15, smallest: 1.0 },
        (_, Unit::PerHour | Unit::PerYear | Unit::Factor) => Scale::Drag { speed: 0.01 },
        (_, Unit::PerUsd | Unit::Minutes) => Scale::Drag { speed: 0.1 },
    }
}
