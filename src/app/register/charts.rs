//! The register's charts on screen: the annual loss-exceedance curve on a log money axis with the
//! largest outage, the tolerance curve and, with a mitigation, the curve without it; and the
//! causes' shares of the mean and of the worst 5% of years.

use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, Legend, Line, Points};

use crate::app::charts::{exceedance_plot, plot, rgb, with_categories};
use crate::format::{clipped, percent};
use crate::palette::ACCENT_RGB;
use crate::register::{Analysis, Risk};

const BEFORE: Color32 = Color32::from_rgb(200, 80, 60);
const LARGEST: Color32 = Color32::from_rgb(140, 140, 200);
const TOLERANCE: Color32 = Color32::from_rgb(120, 120, 120);

/// `P(year's loss > x)`: the register's (or, showing the baseline, the baseline's first).
pub fn exceedance_ui(ui: &mut Ui, a: &Analysis, show_baseline: bool, height: f32) {
    let r = &a.risk;
    let code = r.currency.clone();
    let log = |x: f64| x.max(1e-9).log10();
    let line = |points: &[(f64, f64)]| points.iter().map(|&(x, p)| [log(x), p * 100.0]).collect::<Vec<[f64; 2]>>();
    exceedance_plot("register exceedance", format!("Loss in a year ({code}, log scale)"), "a worse year", &code)
        .height(height)
        .legend(Legend::default())
        .show(ui, |plot_ui| {
            if let Some(i) = &a.investment {
                let width = if show_baseline { 3.0 } else { 2.0 };
                plot_ui.line(
                    Line::new(format!("Without the mitigation ({})", i.baseline), line(&i.before))
                        .color(BEFORE)
                        .width(width),
                );
                plot_ui
                    .line(Line::new("With the mitigation", line(&i.after)).color(rgb(ACCENT_RGB)).width(5.0 - width));
            } else {
                plot_ui.line(Line::new("The year's total", line(&r.exceedance)).color(rgb(ACCENT_RGB)).width(3.0));
            }
            plot_ui.line(Line::new("The year's largest outage", line(&r.largest_exceedance)).color(LARGEST).width(1.5));
            if let Some(net) = &r.net_exceedance {
                plot_ui.line(Line::new("Net of insurance", line(net)).color(Color32::from_rgb(60, 160, 90)).width(1.5));
            }
            if let Some(t) = &r.tolerance {
                let name = if t.within { "Tolerance (within)" } else { "Tolerance (exceeded)" };
                plot_ui.line(Line::new(name, line(&t.curve)).color(TOLERANCE).width(2.0));
                let dots: Vec<[f64; 2]> = t.points.iter().map(|&(x, c, _)| [log(x), c * 100.0]).collect();
                plot_ui.points(Points::new(name, dots).color(TOLERANCE).radius(4.0));
            }
        });
}

/// Each cause's share of the annual mean and of the worst 5% of years, as horizontal bars.
pub fn contributions_ui(ui: &mut Ui, r: &Risk, height: f32) {
    let names: Vec<(f64, String)> =
        r.entries.iter().enumerate().map(|(i, e)| (i as f64, clipped(&e.name, 48).into_owned())).collect();
    let mean: Vec<Bar> = r
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| Bar::new(i as f64 - 0.18, e.share_of_mean * 100.0).width(0.34))
        .collect();
    let tail: Vec<Bar> = r
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| Bar::new(i as f64 + 0.18, e.share_of_tail * 100.0).width(0.34))
        .collect();
    with_categories(ui, plot("register contributions"), names)
        .height(height)
        .legend(Legend::default())
        .x_axis_label("Share (%)")
        .include_x(0.0)
        .include_x(110.0)
        .show(ui, |plot_ui| {
            let fmt = |bar: &Bar, _: &BarChart| percent(bar.value / 100.0);
            plot_ui.bar_chart(
                BarChart::new("Share of the annual mean", mean)
                    .horizontal()
                    .color(rgb(ACCENT_RGB))
                    .element_formatter(Box::new(fmt)),
            );
            plot_ui.bar_chart(
                BarChart::new("Share of the worst 5% of years", tail)
                    .horizontal()
                    .color(BEFORE)
                    .element_formatter(Box::new(fmt)),
            );
        });
}
