//! The Monte Carlo charts: the histogram of the provider cost, and the loss-exceedance curve
//! `P(cost > x)` on a logarithmic money axis.

use std::error::Error;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{FONT, Type, frame, mesh, rgb, title};
use crate::export::ReportData;
use crate::format::{grouped, money};
use crate::palette::{ACCENT_RGB, REFERENCE_RGB};
use crate::sim::Output;

fn samples_note(data: &ReportData) -> String {
    data.samples
        .as_ref()
        .map_or_else(String::new, |s| format!(" · {} samples, seed {}", grouped(s.count as f64, 0), s.seed))
}

/// The histogram of the provider cost with its 5th, 50th and 95th percentiles.
pub fn histogram<DB: DrawingBackend>(
    data: &ReportData,
    root: &DrawingArea<DB, Shift>,
    t: Type,
) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let Some(samples) = &data.samples else {
        return Ok(());
    };
    let code = data.currency();
    let distribution = samples.distribution(Output::ProviderCost);
    let b = distribution.histogram(40);
    let s = samples.summary(Output::ProviderCost);
    let (x_lo, x_hi) = (b.first().map_or(0.0, |x| x.0), b.last().map_or(1.0, |x| x.0 + x.1));
    let y_max = b.iter().map(|x| x.2).fold(0.0, f64::max).max(1e-9) * 100.0 * 1.12;
    let mut chart = frame(root, &title(data, "Spread of the provider cost"), t, t.tick * 5)
        .build_cartesian_2d(x_lo..x_hi, 0.0..y_max)?;
    mesh(&mut chart, t)
        .x_desc(format!("Provider cost ({code}){}", samples_note(data)))
        .y_desc("Share of samples")
        .x_label_formatter(&|v| money(*v, code))
        .y_label_formatter(&|v| format!("{v:.1}%"))
        .draw()?;
    let accent = rgb(ACCENT_RGB);
    chart.draw_series(b.iter().map(|&(left, width, share)| {
        Rectangle::new([(left + width * 0.03, 0.0), (left + width * 0.97, share * 100.0)], accent.filled())
    }))?;
    let grey = rgb(REFERENCE_RGB);
    for (name, x) in [("P5", s.p5), ("median", s.p50), ("P95", s.p95)] {
        chart.draw_series(LineSeries::new([(x, 0.0), (x, y_max * 0.9)], grey.stroke_width(2)))?;
        chart.draw_series(std::iter::once(Text::new(
            format!(" {name} {}", money(x, code)),
            (x, y_max * 0.95),
            (FONT, t.tick).into_font(),
        )))?;
    }
    Ok(())
}

/// `P(provider cost > x)` on a log money axis.
pub fn exceedance<DB: DrawingBackend>(
    data: &ReportData,
    root: &DrawingArea<DB, Shift>,
    t: Type,
) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let Some(samples) = &data.samples else {
        return Ok(());
    };
    let code = data.currency();
    let curve = samples.distribution(Output::ProviderCost).exceedance(200);
    // A log money axis: x is log10 of the cost, labelled in money.
    let log = |x: f64| x.max(1e-9).log10();
    let (lo, hi) = (log(curve.first().map_or(1.0, |p| p.0)), log(curve.last().map_or(10.0, |p| p.0)));
    let (lo, hi) = if hi > lo + 1e-9 { (lo, hi) } else { (lo - 0.05, lo + 0.05) };
    let mut chart = frame(root, &title(data, "Chance the provider cost exceeds a value"), t, t.tick * 5)
        .build_cartesian_2d(super::LogAxis::new(lo, hi), 0.0..100.0)?;
    mesh(&mut chart, t)
        .x_desc(format!("Provider cost ({code}, log scale){}", samples_note(data)))
        .y_desc("Chance of exceeding")
        .x_label_formatter(&|v| money(10f64.powf(*v), code))
        .y_label_formatter(&|v| format!("{v:.0}%"))
        .draw()?;
    let accent = rgb(ACCENT_RGB);
    chart.draw_series(LineSeries::new(curve.iter().map(|&(x, p)| (log(x), p * 100.0)), accent.stroke_width(3)))?;
    let s = samples.summary(Output::ProviderCost);
    let grey = rgb(REFERENCE_RGB);
    for (name, x, p) in [("P50", s.p50, 50.0), ("P95", s.p95, 5.0)] {
        chart.draw_series(std::iter::once(Circle::new((log(x), p), 6, grey.filled())))?;
        chart.draw_series(std::iter::once(Text::new(
            format!("  {p:.0}% chance of exceeding {} ({name})", money(x, code)),
            (log(x), p),
            (FONT, t.tick).into_font(),
        )))?;
    }
    Ok(())
}
