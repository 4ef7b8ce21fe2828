//! The list-like inputs: business groups (add and remove rows), SLA tier sets and the traffic
//! profile with its 24 custom weights.

use egui::{CollapsingHeader, Grid, Ui};

use crate::app::widgets::{Scale, Spec, estimate_ui, input_ui, label_column};
use crate::format::clipped;
use crate::scenario::{
    Business, BusinessField, CustomProfile, Input, Shared, SlaTiers, Tier, TierSet, TrafficProfile, Unit,
};

/// Above this many business groups the list shows one line per group (only the visible lines
/// are laid out) and the selected group's inputs below it.
const LONG_LIST: usize = 40;

/// Texts longer than this many bytes are shown clipped, not edited in place: laying out megabytes
/// of text every frame would stall the window.
pub const MAX_EDITED_BYTES: usize = 2000;

/// A one-line text input; a text too long to edit on screen is shown clipped with a button that
/// shortens it (undo brings it back).
pub fn text_ui(ui: &mut Ui, label: egui::Id, text: &mut String, multiline: bool) {
    if text.len() > MAX_EDITED_BYTES {
        ui.vertical(|ui| {
            ui.label(format!("{} ({} bytes: too long to edit here)", clipped(text, 80), text.len())).labelled_by(label);
            if ui.small_button("Shorten it").on_hover_text("Keep the first 200 characters (undo with Ctrl+Z)").clicked()
            {
                *text = clipped(text, 200).into_owned();
            }
        });
    } else if multiline {
        ui.add(egui::TextEdit::multiline(text).desired_rows(3).desired_width(f32::INFINITY)).labelled_by(label);
    } else {
        ui.text_edit_singleline(text).labelled_by(label);
    }
}

/// The business groups, each with its six inputs; rows can be added and removed. The list is
/// shared with earlier versions of the scenario: a group is edited on a copy and written back
/// only when it changed, so showing a long list never copies it.
pub fn businesses_ui(ui: &mut Ui, businesses: &mut Shared<Vec<Business>>, code: &str) {
    if businesses.is_empty() {
        ui.label(egui::RichText::new("No dependent businesses: business-side loss is 0.").weak());
    }
    let mut remove = None;
    if businesses.len() > LONG_LIST {
        remove = long_list_ui(ui, businesses, code);
    } else {
        for k in 0..businesses.len() {
            let mut business = businesses[k].clone();
            CollapsingHeader::new(title(k, &business)).id_salt(("business", k)).default_open(k == 0).show(ui, |ui| {
                if business_ui(ui, k, &mut business, code) {
                    remove = Some(k);
                }
            });
            if business != businesses[k] {
                businesses[k] = business;
            }
        }
    }
    if let Some(k) = remove {
        businesses.remove(k);
    }
    if ui.button("➕ Add business group").on_hover_text("Businesses that depend on the service (C2)").clicked() {
        let name = format!("Business group {}", businesses.len() + 1);
        businesses.push(Business { name, ..Business::default() });
    }
}

/// A group's name for a heading, clipped.
fn title(k: usize, business: &Business) -> String {
    if business.name.trim().is_empty() {
        format!("Business group {}", k + 1)
    } else {
        clipped(&business.name, 60).into_owned()
    }
}

/// A long list: one line per group, laid out only where visible, and the selected group's inputs.
/// Returns the group to remove, if asked.
fn long_list_ui(ui: &mut Ui, businesses: &mut Shared<Vec<Business>>, code: &str) -> Option<usize> {
    let id = ui.make_persistent_id("selected business");
    let mut selected: usize = ui.data(|d| d.get_temp(id)).unwrap_or(0).min(businesses.len().saturating_sub(1));
    ui.label(format!("{} business groups: pick one to edit it.", businesses.len()));
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().id_salt("business rows").max_height(240.0).auto_shrink([false, true]).show_rows(
        ui,
        row_height,
        businesses.len(),
        |ui, rows| {
            for k in rows {
                if ui.selectable_label(k == selected, title(k, &businesses[k])).clicked() {
                    selected = k;
                }
            }
        },
    );
    ui.data_mut(|d| d.insert_temp(id, selected));
    let mut business = businesses.get(selected)?.clone();
    ui.separator();
    ui.strong(title(selected, &business));
    let remove = business_ui(ui, selected, &mut business, code);
    if business != businesses[selected] {
        businesses[selected] = business;
    }
    remove.then_some(selected)
}

/// One group's name and six inputs; returns whether its removal was asked for.
fn business_ui(ui: &mut Ui, k: usize, business: &mut Business, code: &str) -> bool {
    let label = label_column(ui, super::GRID_GAP, 120.0);
    Grid::new(("business grid", k)).num_columns(2).spacing([super::GRID_GAP, 6.0]).min_col_width(label).show(
        ui,
        |ui| {
            let label = ui.label("Name");
            text_ui(ui, label.id, &mut business.name, false);
            ui.end_row();
            for field in BusinessField::ALL {
                let mut estimate = *field.estimate(business);
                let spec = Spec {
                    label: field.label(),
                    tooltip: field.help(),
                    unit: field.unit(),
                    scale: match field.unit() {
                        Unit::Share => Scale::Linear { min: 0.0, max: 100.0 },
                        Unit::MoneyPerHour => Scale::Log { max: 1e7, smallest: 1.0 },
                        _ => Scale::Log { max: 1e9, smallest: 1.0 },
                    },
                    currency: code,
                    solve_path: Some(format!("businesses[{k}].{}", field.path())),
                };
                if estimate_ui(ui, &mut estimate, &field.domain(), &spec) {
                    let _ = field.set(business, estimate);
                }
            }
        },
    );
    ui.button("Remove this group").on_hover_text("Delete this business group (undo with Ctrl+Z)").clicked()
}

/// The SLA tier set: a shipped set or the analyst's own list.
pub fn tiers_ui(ui: &mut Ui, tiers: &mut SlaTiers) {
    ui.horizontal(|ui| {
        let label = ui.label("Credit tiers").on_hover_text(
            "Monthly uptime below `below` earns `credit` of the monthly fee; the largest applicable credit counts.",
        );
        let selected = match tiers {
            SlaTiers::Named(set) => set.label(),
            SlaTiers::Custom(_) => "Custom tiers",
        };
        egui::ComboBox::from_id_salt("tier set")
            .selected_text(selected)
            .show_ui(ui, |ui| {
                for set in TierSet::ALL {
                    if ui.selectable_label(*tiers == SlaTiers::Named(set), set.label()).clicked() {
                        *tiers = SlaTiers::Named(set);
                    }
                }
                if ui.selectable_label(matches!(tiers, SlaTiers::Custom(_)), "Custom tiers").clicked()
                    && !matches!(tiers, SlaTiers::Custom(_))
                {
                    let from: Vec<Tier> = tiers
                        .nominal()
                        .into_iter()
                        .map(|(below, credit)| Tier { below: Input::fixed(below), credit: Input::fixed(credit) })
                        .collect();
                    *tiers = SlaTiers::Custom(from);
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let SlaTiers::Custom(list) = tiers {
        let mut remove = None;
        Grid::new("custom tiers").num_columns(2).spacing([8.0, 4.0]).show(ui, |ui| {
            for (i, tier) in list.iter_mut().enumerate() {
                let below = Spec {
                    label: "Uptime below",
                    tooltip: "Monthly uptime, e.g. 99.9%",
                    unit: Unit::Uptime,
                    scale: Scale::Drag { speed: 0.0001 },
                    currency: "",
                    solve_path: None,
                };
                input_ui(ui, &mut tier.below, &below);
                let credit = Spec {
                    label: "earns credit",
                    tooltip: "Share of the monthly fee credited",
                    unit: Unit::Share,
                    scale: Scale::Linear { min: 0.0, max: 100.0 },
                    currency: "",
                    solve_path: None,
                };
                input_ui(ui, &mut tier.credit, &credit);
                if ui.small_button("Remove tier").clicked() {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
        if let Some(i) = remove {
            list.remove(i);
        }
        if ui.button("➕ Add tier").clicked() {
            list.push(Tier { below: Input::fixed(0.999), credit: Input::fixed(0.1) });
        }
    }
}

/// The traffic profile: a named shape or 24 custom weights.
pub fn profile_ui(ui: &mut Ui, profile: &mut TrafficProfile) {
    ui.horizontal(|ui| {
        let label = ui.label("Traffic profile").on_hover_text(
            "How traffic spreads over the day (normalised to mean 1): an outage in the busy hours costs more than one at night.",
        );
        egui::ComboBox::from_id_salt("traffic profile")
            .selected_text(profile.label())
            .width(220.0)
            .show_ui(ui, |ui| {
                for named in [TrafficProfile::Flat, TrafficProfile::BusinessDay, TrafficProfile::ConsumerEvening] {
                    if ui.selectable_label(*profile == named, named.label()).clicked() {
                        *profile = named;
                    }
                }
                if ui.selectable_label(matches!(profile, TrafficProfile::Custom(_)), "Custom (24 weights)").clicked()
                    && !matches!(profile, TrafficProfile::Custom(_))
                {
                    let weights = profile.raw_weights().unwrap_or([1.0; 24]);
                    if let Some(custom) = CustomProfile::new(weights.iter().map(|&w| Input::fixed(w)).collect()) {
                        *profile = TrafficProfile::Custom(custom);
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let TrafficProfile::Custom(custom) = profile {
        let before = custom.clone();
        Grid::new("weights").num_columns(8).spacing([4.0, 4.0]).show(ui, |ui| {
            for (h, weight) in custom.weights_mut().iter_mut().enumerate() {
                ui.vertical(|ui| {
                    let label = ui.small(format!("{h:02}:00"));
                    let mut w = weight.nominal();
                    if ui
                        .add(egui::DragValue::new(&mut w).speed(0.02).range(0.0..=100.0).max_decimals(2))
                        .labelled_by(label.id)
                        .changed()
                    {
                        *weight = Input::fixed(w);
                    }
                });
                if h % 8 == 7 {
                    ui.end_row();
                }
            }
        });
        // All-zero weights are not a profile: keep the last valid one.
        if CustomProfile::new(custom.weights().to_vec()).is_none() {
            *custom = before;
        }
    }
}
