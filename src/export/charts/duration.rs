//! Provider cost by outage duration, stacked by component, with the Uptime Institute $100k and $1M
//! lines in the scenario's currency and the scenario's duration marked.

use std::error::Error;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{FONT, Type, component, frame, legend, mesh, rgb, title};
use crate::export::ReportData;
use crate::format::{hours, money};
use crate::model::{Component, Side};
use crate::palette::{ACCENT_RGB, REFERENCE_RGB};
use crate::scenario::Field;
use crate::sim::Output;

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(data: &ReportData, root: &DrawingArea<DB, Shift>, t: Type) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let code = data.currency();
    let curve = &data.curve;
    let point = &data.evaluation.point;
    let (d, per_usd) = (point.get(Field::DurationHours), point.get(Field::PerUsd));
    let x_max = curve.last().map_or(24.0, |p| p.duration_hours);
    let top = match &data.band {
        Some(band) => band.iter().map(|b| b.p95).fold(0.0, f64::max),
        None => curve.iter().map(|p| p.provider_cost).fold(0.0, f64::max),
    };
    let y_max = top.max(per_usd * 1e6) * 1.08;
    let (w, _) = root.dim_in_pixel();
    let mut chart = frame(root, &title(data, "Provider cost by outage duration"), t, (w / 12).max(t.tick * 5))
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
    mesh(&mut chart, t)
        .x_desc("Outage duration (hours)")
        .y_desc(format!("Provider cost ({code})"))
        .y_label_formatter(&|v| money(*v, code))
        .x_label_formatter(&|v| crate::format::trimmed(*v, 1))
        .draw()?;
    if let Some(band) = &data.band {
        draw_band(&mut chart, band)?;
    }
    let stack = if data.band.is_some() { Vec::new() } else { Component::ALL.to_vec() };
    let mut lower = vec![0.0; curve.len()];
    for c in stack.into_iter().filter(|c| c.side() == Side::Provider) {
        let upper: Vec<f64> = lower.iter().zip(curve).map(|(l, p)| l + p.components.get(c)).collect();
        if upper.iter().zip(&lower).all(|(u, l)| u <= l) {
            continue;
        }
        let mut outline: Vec<(f64, f64)> = curve.iter().zip(&upper).map(|(p, u)| (p.duration_hours, *u)).collect();
        outline.extend(curve.iter().zip(&lower).rev().map(|(p, l)| (p.duration_hours, *l)));
        let colour = component(c);
        chart
            .draw_series(std::iter::once(Polygon::new(outline, colour.mix(0.85).filled())))?
            .label(c.name())
            .legend(move |(x, y)| Rectangle::new([(x, y - 8), (x + 24, y + 8)], colour.filled()));
        lower = upper;
    }
    if data.band.is_none() {
        chart
            .draw_series(LineSeries::new(
                curve.iter().map(|p| (p.duration_hours, p.provider_cost)),
                BLACK.stroke_width(2),
            ))?
            .label("Provider cost")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 24, y)], BLACK.stroke_width(2)));
    }
    let grey = rgb(REFERENCE_RGB);
    let lines = crate::results::uptime_lines(per_usd, code);
    for (y, _) in &lines {
        chart.draw_series(DashedLineSeries::new([(0.0, *y), (x_max, *y)], 10, 8, grey.stroke_width(2)))?;
    }
    // Labels where there is room; lines crowded at the bottom share one note.
    let right = plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Right,
        plotters::style::text_anchor::VPos::Bottom,
    );
    if lines.iter().all(|(y, _)| *y > y_max * 0.06) && lines[1].0 - lines[0].0 > y_max * 0.06 {
        for (y, label) in &lines {
            chart.draw_series(std::iter::once(Text::new(
                label.clone(),
                (x_max * 0.99, *y),
                (FONT, t.tick).into_font().color(&grey).pos(right),
            )))?;
        }
    } else {
        let note = format!("{} and {} (dashed)", lines[0].1, lines[1].1);
        let y = lines[1].0.max(y_max * 0.02);
        chart.draw_series(std::iter::once(Text::new(
            note,
            (x_max * 0.99, y),
            (FONT, t.tick).into_font().color(&grey).pos(right),
        )))?;
    }
    let accent = rgb(ACCENT_RGB);
    chart.draw_series(LineSeries::new([(d, 0.0), (d, y_max)], accent.stroke_width(3)))?;
    let here = match &data.band {
        Some(_) => format!(
            " This outage: {} (mean over its ranges {})",
            hours(d),
            money(data.figure(Output::ProviderCost).value, code)
        ),
        None => format!(" This outage: {} → {}", hours(d), money(data.evaluation.outcome.provider_cost, code)),
    };
    chart.draw_series(std::iter::once(Text::new(
        here,
        (d, y_max * 0.97),
        (FONT, t.tick).into_font().color(&accent),
    )))?;
    legend(&mut chart, t)?;
    Ok(())
}

/// With ranges: the mean cost by duration and its P5–P95, not the inputs as entered.
fn draw_band<DB: DrawingBackend>(
    chart: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    band: &[crate::results::BandPoint],
) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let accent = rgb(ACCENT_RGB);
    let mut outline: Vec<(f64, f64)> = band.iter().map(|b| (b.hours, b.p95)).collect();
    outline.extend(band.iter().rev().map(|b| (b.hours, b.p5)));
    chart
        .draw_series(std::iter::once(Polygon::new(outline, accent.mix(0.25).filled())))?
        .label("P5–P95")
        .legend(move |(x, y)| Rectangle::new([(x, y - 8), (x + 24, y + 8)], accent.mix(0.25).filled()));
    chart
        .draw_series(LineSeries::new(band.iter().map(|b| (b.hours, b.mean)), accent.stroke_width(3)))?
        .label("Mean provider cost")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], accent.stroke_width(3)));
    Ok(())
}

/// The pinned scenarios' provider cost by outage duration, one line each, in a shared currency.
pub fn compare<DB: DrawingBackend>(
    data: &ReportData,
    root: &DrawingArea<DB, Shift>,
    t: Type,
) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    const PIN_RGB: [[u8; 3]; 4] = [[0x2F, 0x6E, 0xEB], [0xE4, 0x57, 0x56], [0x54, 0xA2, 0x4B], [0x9D, 0x75, 0x5D]];
    let pins = &data.compare;
    let (code, in_usd) = crate::compare::currency(pins);
    let rate = |p: &crate::compare::Pinned| if in_usd { 1.0 / p.evaluation.point.get(Field::PerUsd) } else { 1.0 };
    let x_max = pins.iter().filter_map(|p| p.curve.last()).map(|c| c.duration_hours).fold(24.0, f64::max);
    let y_max =
        pins.iter().flat_map(|p| p.curve.iter().map(move |c| c.provider_cost * rate(p))).fold(1.0, f64::max) * 1.08;
    let (w, _) = root.dim_in_pixel();
    let mut chart = frame(root, "Provider cost by outage duration, scenarios compared", t, (w / 12).max(t.tick * 5))
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
    mesh(&mut chart, t)
        .x_desc("Outage duration (hours)")
        .y_desc(format!("Provider cost ({code})"))
        .y_label_formatter(&|v| money(*v, &code))
        .x_label_formatter(&|v| crate::format::trimmed(*v, 1))
        .draw()?;
    for (i, pin) in pins.iter().enumerate() {
        let colour = rgb(PIN_RGB[i % PIN_RGB.len()]);
        let k = rate(pin);
        chart
            .draw_series(LineSeries::new(
                pin.curve.iter().map(|c| (c.duration_hours, c.provider_cost * k)),
                colour.stroke_width(3),
            ))?
            .label(pin.label.clone())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], colour.stroke_width(3)));
        let d = pin.evaluation.point.get(Field::DurationHours);
        chart.draw_series(std::iter::once(Circle::new(
            (d, pin.evaluation.outcome.provider_cost * k),
            7,
            colour.filled(),
        )))?;
    }
    legend(&mut chart, t)?;
    Ok(())
}
