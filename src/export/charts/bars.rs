//! Horizontal bar charts on a category axis: the breakdown by component, the cost per hour beside
//! the benchmarks, and the tornado of one-at-a-time swings.

use std::error::Error;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{FONT, Type, component, frame, mesh, rgb, title};
use crate::export::ReportData;
use crate::format::{money, value};
use crate::model::{Component, Side};
use crate::palette::{ACCENT_RGB, REFERENCE_RGB};
use crate::sim::Output;

/// Where a bar chart's value axis starts: 0 when every bar starts at 0 (a breakdown), else
/// just below the smallest end (a tornado around its nominal value).
fn hi_or(rows: &[Vec<Bar>]) -> f64 {
    if rows.iter().flatten().all(|b| b.from == 0.0) { 0.0 } else { f64::INFINITY }
}

/// One bar: its label, where it starts and ends, its colour and the text at its end.
struct Bar {
    label: String,
    from: f64,
    to: f64,
    colour: RGBColor,
    text: String,
}

/// Bars from the top down on a category axis, `x` from `x_min` to `x_max`.
/// Room left of the smallest value: for labels when a bar extends leftwards.
fn left_room(rows: &[Vec<Bar>]) -> f64 {
    if rows.iter().flatten().any(|b| b.to < b.from) { 0.18 } else { 0.02 }
}

fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    t: Type,
    caption: &str,
    x_desc: &str,
    code: &str,
    rows: &[Vec<Bar>],
) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let n = rows.len().max(1);
    let labels: Vec<String> = rows.iter().map(|r| r.first().map_or_else(String::new, |b| b.label.clone())).collect();
    let lo = rows.iter().flatten().map(|b| b.from.min(b.to)).fold(f64::INFINITY, f64::min).min(hi_or(rows));
    let hi = rows.iter().flatten().map(|b| b.from.max(b.to)).fold(f64::NEG_INFINITY, f64::max).max(lo);
    let span = (hi - lo).max(hi.abs() * 0.1).max(1.0);
    // Room for the longest label: DejaVu Sans averages a little over half the type size per character.
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(10) as u32;
    let (w, _) = root.dim_in_pixel();
    let mut chart = frame(root, caption, t, (longest * t.tick * 56 / 100 + t.tick).min(w / 2))
        // A segmented range 0..k has k + 1 slots.
        .build_cartesian_2d(lo - span * left_room(rows)..hi + span * 0.18, (0..n - 1).into_segmented())?;
    mesh(&mut chart, t)
        .disable_y_mesh()
        .x_desc(x_desc)
        .x_label_formatter(&|v| money(*v, code))
        .y_labels(n)
        .y_label_formatter(&|s| match s {
            SegmentValue::CenterOf(i) => labels.get(n - 1 - *i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()?;
    for (i, row) in rows.iter().enumerate() {
        let y = n - 1 - i;
        for bar in row {
            let (a, b) = (bar.from.min(bar.to), bar.from.max(bar.to));
            let mut rect =
                Rectangle::new([(a, SegmentValue::Exact(y)), (b, SegmentValue::Exact(y + 1))], bar.colour.filled());
            rect.set_margin(t.tick / 3, t.tick / 3, 0, 0);
            chart.draw_series(std::iter::once(rect))?;
        }
        // Each side's values at that side's far end, written outwards: a tornado's low and high
        // either side of the value as entered, or together when an input moves the cost one way.
        for right in [true, false] {
            let side: Vec<&Bar> = row.iter().filter(|b| (b.to >= b.from) == right).collect();
            let far = side.iter().map(|b| b.to).fold(if right { f64::NEG_INFINITY } else { f64::INFINITY }, |a, x| {
                if right { a.max(x) } else { a.min(x) }
            });
            if side.is_empty() || !far.is_finite() {
                continue;
            }
            let text = side.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" · ");
            let (text, anchor) = if right {
                (format!("  {text}"), plotters::style::text_anchor::HPos::Left)
            } else {
                (format!("{text}  "), plotters::style::text_anchor::HPos::Right)
            };
            chart.draw_series(std::iter::once(Text::new(
                text,
                (far, SegmentValue::CenterOf(y)),
                (FONT, t.tick)
                    .into_font()
                    .color(&BLACK)
                    .pos(plotters::style::text_anchor::Pos::new(anchor, plotters::style::text_anchor::VPos::Center)),
            )))?;
        }
    }
    Ok(())
}

/// The cost of each component, the provider's first.
pub fn breakdown<DB: DrawingBackend>(
    data: &ReportData,
    root: &DrawingArea<DB, Shift>,
    t: Type,
) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let code = data.currency();
    let rows: Vec<Vec<Bar>> = Component::provider_first()
        .iter()
        .map(|&c| {
            // As on every surface: the Monte Carlo mean with ranges, so the bars add up.
            let v = data.figure(Output::Component(c)).value;
            let side = if c.side() == Side::Provider { "provider" } else { "ecosystem" };
            vec![Bar {
                label: format!("{} ({side})", c.name()),
                from: 0.0,
                to: v,
                colour: component(c),
                text: money(v, code),
            }]
        })
        .collect();
    let mean = if data.summaries.is_some() { " (means)" } else { "" };
    let caption = format!(
        "{}: provider {}, ecosystem {}{mean}",
        title(data, "Cost by component"),
        money(data.figure(Output::ProviderCost).value, code),
        money(data.figure(Output::EcosystemLoss).value, code)
    );
    draw_bars(root, t, &caption, &format!("Cost ({code})"), code, &rows)
}

/// This scenario's cost per outage hour beside the published benchmarks.
pub fn benchmarks<DB: DrawingBackend>(
    data: &ReportData,
    root: &DrawingArea<DB, Shift>,
    t: Type,
) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let code = data.currency();
    let e = &data.evaluation;
    let mut rows = vec![vec![Bar {
        label: "This scenario".to_owned(),
        from: 0.0,
        to: e.outcome.cost_per_hour,
        colour: rgb(ACCENT_RGB),
        text: format!("{}/h", money(e.outcome.cost_per_hour, code)),
    }]];
    rows.extend(e.benchmarks.iter().map(|b| {
        vec![Bar {
            label: b.benchmark.label.to_owned(),
            from: 0.0,
            to: b.per_hour,
            colour: rgb(REFERENCE_RGB),
            text: format!("{}/h", money(b.per_hour, code)),
        }]
    }));
    draw_bars(
        root,
        t,
        &title(data, "Cost per outage hour beside published benchmarks"),
        &format!("Cost per outage hour ({code})"),
        code,
        &rows,
    )
}

/// The tornado: the provider cost with each input at its low and high, largest swing first.
pub fn tornado<DB: DrawingBackend>(
    data: &ReportData,
    root: &DrawingArea<DB, Shift>,
    t: Type,
) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let code = data.currency();
    let nominal = data.evaluation.outcome.provider_cost;
    let rows: Vec<Vec<Bar>> = data
        .tornado
        .iter()
        .take(12)
        .map(|s| {
            let unit = s.leaf.unit();
            let label = format!("{} ({} – {})", s.label, value(s.inputs.0, unit, code), value(s.inputs.1, unit, code));
            let (low, high) = s.provider_cost;
            vec![
                Bar {
                    label: label.clone(),
                    from: nominal,
                    to: low,
                    colour: RGBColor(0x4C, 0x78, 0xA8),
                    text: money(low, code),
                },
                Bar { label, from: nominal, to: high, colour: RGBColor(0xF5, 0x85, 0x18), text: money(high, code) },
            ]
        })
        .collect();
    let x_desc = format!(
        "Provider cost ({code}) with one input at its low (blue) or its high (orange); as entered {}",
        money(nominal, code)
    );
    draw_bars(root, t, &title(data, "What moves the provider cost"), &x_desc, code, &rows)
}
