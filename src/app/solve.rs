//! The solve window (DESIGN §9): pick an input, a figure and a target; bisection finds the
//! input's value (`crate::solve`), which the user may then use. A target the input cannot reach
//! is said plainly, with the range it can reach.

use egui::{ComboBox, Context, Grid, RichText, Window};

use super::widgets::parse_amount;
use crate::format::{money, value};
use crate::scenario::{Estimate, FigureId, Scenario};
use crate::sim::Leaf;
use crate::solve::{Solution, solvable, solve};

/// The figures offered, with their names.
const FIGURES: [(&str, &str); 13] = [
    ("P", "Provider cost"),
    ("Eco", "Ecosystem loss"),
    ("Combined", "Combined impact"),
    ("C1", "Lost revenue"),
    ("C2", "Business-side loss"),
    ("C3", "User time lost"),
    ("C4", "Staff productivity"),
    ("C5", "Incident response"),
    ("C6", "SLA credits"),
    ("C7", "Compensation"),
    ("C8", "Churn"),
    ("C9", "Fines"),
    ("M", "Market-value hit"),
];

/// The open solve window's state (transient).
#[derive(Clone, Debug, PartialEq)]
pub struct Solving {
    /// The input's path.
    pub input: String,
    /// The figure's id.
    pub figure: String,
    /// The target as typed.
    pub target: String,
    /// The last answer: the solution, or why there is none.
    pub answer: Option<Result<Solution, String>>,
}

impl Default for Solving {
    fn default() -> Self {
        Self { input: "compensation.per_user".to_owned(), figure: "C7".to_owned(), target: String::new(), answer: None }
    }
}

/// A request from an input's context menu to solve for it.
#[derive(Clone, Debug, Default)]
struct Request(String);

/// Asks for the solve window on the input at `path` (from an input's context menu).
pub fn request(ctx: &Context, path: &str) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique("solve request"), Request(path.to_owned())));
}

/// Draws the window while `solving` is set (or an input asked for it); "Use this value" writes
/// the answer into `scenario`.
pub fn window_ui(ctx: &Context, solving: &mut Option<Solving>, scenario: &mut Scenario) {
    if let Some(Request(path)) = ctx.data_mut(|d| d.remove_temp::<Request>(egui::Id::unique("solve request"))) {
        *solving = Some(Solving { input: path, ..Solving::default() });
    }
    let Some(state) = solving.as_mut() else { return };
    let mut open = true;
    let code = scenario.currency.code.clone();
    let inputs = solvable(scenario);
    let mut chosen: Option<(Leaf, f64)> = None;
    Window::new("Solve for an input").open(&mut open).resizable(false).collapsible(false).show(ctx, |ui| {
        ui.label(
            RichText::new("The value of one input at which a figure meets a target, every other input as entered.")
                .weak(),
        );
        Grid::new("solve").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let label = ui.label("Input");
            let current = inputs
                .iter()
                .find(|(l, _)| l.path() == state.input)
                .map_or_else(|| state.input.clone(), |(l, _)| l.label(scenario));
            ComboBox::from_id_salt("solve input")
                .selected_text(current)
                .width(260.0)
                .show_ui(ui, |ui| {
                    for (leaf, _) in &inputs {
                        ui.selectable_value(&mut state.input, leaf.path(), leaf.label(scenario));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Figure");
            let name = FIGURES.iter().find(|(id, _)| *id == state.figure).map_or(state.figure.as_str(), |(_, n)| n);
            ComboBox::from_id_salt("solve figure")
                .selected_text(format!("{name} ({})", state.figure))
                .show_ui(ui, |ui| {
                    for (id, name) in FIGURES {
                        ui.selectable_value(&mut state.figure, id.to_owned(), format!("{name} ({id})"));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(format!("Target ({code})"));
            ui.text_edit_singleline(&mut state.target)
                .labelled_by(label.id)
                .on_hover_text("e.g. 27.5e9, 27.5B or 1,000,000");
            ui.end_row();
        });
        if ui.button("Solve").clicked() {
            state.answer = Some(answer(scenario, state));
        }
        match &state.answer {
            Some(Ok(s)) => {
                let unit = inputs
                    .iter()
                    .find(|(l, _)| l.path() == s.path)
                    .map_or(crate::scenario::Unit::Count, |(l, _)| l.unit());
                ui.label(format!(
                    "{} = {} gives {} = {} (as entered: {} gives {}).",
                    s.path,
                    value(s.value, unit, &code),
                    s.figure,
                    money(s.achieved, &code),
                    value(s.value_before, unit, &code),
                    money(s.figure_before, &code)
                ));
                if ui.button("Use this value").clicked()
                    && let Some((leaf, _)) = inputs.iter().find(|(l, _)| l.path() == s.path)
                {
                    chosen = Some((*leaf, s.value));
                }
            }
            Some(Err(message)) => {
                ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
            }
            None => {}
        }
    });
    if let Some((leaf, v)) = chosen {
        set(scenario, leaf, v);
    }
    if !open {
        *solving = None;
    }
}

fn answer(scenario: &Scenario, state: &Solving) -> Result<Solution, String> {
    let figure = FigureId::parse(&state.figure)?;
    let target =
        parse_amount(&state.target).ok_or_else(|| format!("“{}” is not an amount: write e.g. 27.5e9", state.target))?;
    solve(scenario, &state.input, &figure, target).map_err(|e| e.to_string())
}

/// Writes a solved value into the scenario as a plain number.
fn set(scenario: &mut Scenario, leaf: Leaf, v: f64) {
    match leaf {
        Leaf::Field(f) => {
            let _ = f.set(scenario, Estimate::Fixed(v));
        }
        Leaf::Business(k, f) => {
            if let Some(b) = scenario.businesses.get_mut(k) {
                let _ = f.set(b, Estimate::Fixed(v));
            }
        }
        _ => {}
    }
}
