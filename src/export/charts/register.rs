//! A register's charts (DESIGN §8): the annual loss-exceedance curve on a log money axis, with
//! the largest single outage, the tolerance curve and, with a mitigation, the curve before it; and
//! each entry's share of the annual mean and of the worst 5% of years.

use std::error::Error;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{FONT, Type, encode_png, frame, legend, mesh, register_font, rgb};
use crate::export::{ExportError, Size};
use crate::format::{grouped, money, percent};
use crate::palette::{ACCENT_RGB, REFERENCE_RGB};
use crate::register::Analysis;

/// A register chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegisterChart {
    /// `P(year's loss > x)`.
    Exceedance,
    /// Each entry's share of the mean and of the worst years.
    Contributions,
}

impl RegisterChart {
    /// Every register chart, in report order.
    pub const ALL: [RegisterChart; 2] = [RegisterChart::Exceedance, RegisterChart::Contributions];

    /// File name without extension.
    #[must_use]
    pub fn file_stem(self) -> &'static str {
        match self {
            RegisterChart::Exceedance => "annual-exceedance",
            RegisterChart::Contributions => "contributions",
        }
    }

    /// A readable name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            RegisterChart::Exceedance => "Annual loss exceedance",
            RegisterChart::Contributions => "Contributions",
        }
    }
}

/// Colours of the series that are not the register's own curve.
const LARGEST_RGB: [u8; 3] = [140, 140, 200];
const BEFORE_RGB: [u8; 3] = [200, 80, 60];
const TOLERANCE_RGB: [u8; 3] = [30, 30, 30];
const NET_RGB: [u8; 3] = [60, 160, 90];

fn draw<DB: DrawingBackend>(chart: RegisterChart, a: &Analysis, root: &DrawingArea<DB, Shift>) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    register_font();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (_, h) = root.dim_in_pixel();
    let t = Type::for_height(h);
    let drawn = match chart {
        RegisterChart::Exceedance => exceedance(a, root, t),
        RegisterChart::Contributions => contributions(a, root, t),
    };
    drawn.map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// The chart as SVG text.
pub fn svg(chart: RegisterChart, a: &Analysis, size: Size) -> Result<String, ExportError> {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (size.width, size.height)).into_drawing_area();
        draw(chart, a, &root).map_err(|message| ExportError::Chart { chart: chart.name(), message })?;
    }
    Ok(text)
}

/// The chart as PNG bytes.
pub fn png(chart: RegisterChart, a: &Analysis, size: Size) -> Result<Vec<u8>, ExportError> {
    let mut pixels = vec![0u8; size.width as usize * size.height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (size.width, size.height)).into_drawing_area();
        draw(chart, a, &root).map_err(|message| ExportError::Chart { chart: chart.name(), message })?;
    }
    encode_png(&pixels, size).map_err(|e| ExportError::Chart { chart: chart.name(), message: e.to_string() })
}

/// The annual loss-exceedance curve, log money axis, chance in percent.
fn exceedance<DB: DrawingBackend>(a: &Analysis, root: &DrawingArea<DB, Shift>, t: Type) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let r = &a.risk;
    let code = r.currency.as_str();
    let log = |x: f64| x.max(1e-9).log10();
    let mut xs: Vec<f64> = r.exceedance.iter().chain(&r.largest_exceedance).map(|p| p.0).collect();
    if let Some(i) = &a.investment {
        xs.extend(i.before.iter().map(|p| p.0));
    }
    if let Some(tol) = &r.tolerance {
        xs.extend(tol.curve.iter().map(|p| p.0));
    }
    let lo = xs.iter().copied().filter(|x| *x > 0.0).fold(f64::INFINITY, f64::min);
    let hi = xs.iter().copied().fold(0.0, f64::max);
    let (lo, hi) = if lo.is_finite() && hi > lo { (log(lo), log(hi)) } else { (0.0, 1.0) };
    let caption = format!("What a year of outages costs — {}", r.name);
    let mut chart = frame(root, &caption, t, t.tick * 5).build_cartesian_2d(super::LogAxis::new(lo, hi), 0.0..100.0)?;
    mesh(&mut chart, t)
        .x_desc(format!("Loss in a year ({code}, log scale) · {} simulated years", grouped(r.years as f64, 0)))
        .y_desc("Chance of a worse year")
        .x_label_formatter(&|v| money(10f64.powf(*v), code))
        .y_label_formatter(&|v| format!("{v:.0}%"))
        .draw()?;
    let line = |points: &[(f64, f64)]| points.iter().map(|&(x, p)| (log(x), p * 100.0)).collect::<Vec<_>>();
    if let Some(i) = &a.investment {
        let before = rgb(BEFORE_RGB);
        chart
            .draw_series(LineSeries::new(line(&i.before), before.stroke_width(3)))?
            .label(format!("Without the mitigation ({})", i.baseline))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], before.stroke_width(3)));
    }
    let accent = rgb(ACCENT_RGB);
    let label = if a.investment.is_some() { "With the mitigation: the year's total" } else { "The year's total" };
    chart
        .draw_series(LineSeries::new(line(&r.exceedance), accent.stroke_width(4)))?
        .label(label)
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], accent.stroke_width(4)));
    let largest = rgb(LARGEST_RGB);
    chart
        .draw_series(LineSeries::new(line(&r.largest_exceedance), largest.stroke_width(2)))?
        .label("The year's largest outage")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], largest.stroke_width(2)));
    if let Some(net) = &r.net_exceedance {
        let green = rgb(NET_RGB);
        chart
            .draw_series(LineSeries::new(line(net), green.stroke_width(2)))?
            .label("Net of insurance")
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], green.stroke_width(2)));
    }
    if let Some(tol) = &r.tolerance {
        let black = rgb(TOLERANCE_RGB);
        chart
            .draw_series(LineSeries::new(line(&tol.curve), black.stroke_width(2)))?
            .label(if tol.within { "Tolerance (within)" } else { "Tolerance (exceeded)" })
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], black.stroke_width(2)));
        chart.draw_series(tol.points.iter().map(|&(x, c, _)| Circle::new((log(x), c * 100.0), 6, black.filled())))?;
        if let Some(x) = tol.crossed_at {
            let grey = rgb(REFERENCE_RGB);
            chart.draw_series(LineSeries::new([(log(x), 0.0), (log(x), 90.0)], grey.stroke_width(2)))?;
            chart.draw_series(std::iter::once(Text::new(
                format!(" tolerance exceeded from {}", money(x, code)),
                (log(x), 92.0),
                (FONT, t.tick).into_font(),
            )))?;
        }
    }
    legend(&mut chart, t)?;
    Ok(())
}

/// Each entry's share of the annual mean and of the worst 5% of years.
fn contributions<DB: DrawingBackend>(a: &Analysis, root: &DrawingArea<DB, Shift>, t: Type) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let r = &a.risk;
    let n = r.entries.len().max(1);
    let caption = format!("Which causes drive the loss — {}", r.name);
    let mut chart = frame(root, &caption, t, t.tick * 4).build_cartesian_2d(0.0..n as f64, 0.0..110.0)?;
    let names: Vec<String> = r.entries.iter().map(|e| crate::format::clipped(&e.name, 40).into_owned()).collect();
    mesh(&mut chart, t)
        .disable_x_mesh()
        .x_labels(n * 2 + 1)
        .x_label_formatter(&|v| {
            let i = v.floor() as usize;
            if (v - v.floor() - 0.5).abs() < 0.26 { names.get(i).cloned().unwrap_or_default() } else { String::new() }
        })
        .y_desc("Share")
        .y_label_formatter(&|v| format!("{v:.0}%"))
        .draw()?;
    let (mean_colour, tail_colour) = (rgb(ACCENT_RGB), rgb(BEFORE_RGB));
    for (i, e) in r.entries.iter().enumerate() {
        let x = i as f64;
        for (k, (share, colour)) in
            [(e.share_of_mean, mean_colour), (e.share_of_tail, tail_colour)].into_iter().enumerate()
        {
            let left = x + 0.15 + 0.35 * k as f64;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(left, 0.0), (left + 0.33, share * 100.0)],
                colour.filled(),
            )))?;
            chart.draw_series(std::iter::once(Text::new(
                percent(share),
                (left + 0.02, share * 100.0 + 3.0),
                (FONT, t.tick).into_font(),
            )))?;
        }
    }
    chart
        .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
        .label("Share of the annual mean")
        .legend(move |(x, y)| Rectangle::new([(x, y - 8), (x + 20, y + 8)], mean_colour.filled()));
    chart
        .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
        .label("Share of the worst 5% of years")
        .legend(move |(x, y)| Rectangle::new([(x, y - 8), (x + 20, y + 8)], tail_colour.filled()));
    legend(&mut chart, t)?;
    Ok(())
}
