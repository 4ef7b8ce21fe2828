//! The outage as it unfolds: the share of users seeing failures (top) and the cost accrued so far
//! (bottom), from the start through the recovery tail.

use std::error::Error;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{FONT, Type, component, legend, mesh, rgb, title};
use crate::export::ReportData;
use crate::format::{hours, money};
use crate::model::Component;
use crate::palette::ACCENT_RGB;
use crate::scenario::Field;

/// Draws both panels.
pub fn draw<DB: DrawingBackend>(data: &ReportData, root: &DrawingArea<DB, Shift>, t: Type) -> Result<(), Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let code = data.currency();
    let tl = &data.timeline;
    let d = data.evaluation.point.get(Field::DurationHours);
    let end = tl.last().map_or(1.0, |p| p.hours);
    let (w, h) = root.dim_in_pixel();
    let (top, bottom) = root.split_vertically(h * 9 / 20);
    let y_area = (w / 12).max(t.tick * 5);
    let accent = rgb(ACCENT_RGB);

    let mut share = ChartBuilder::on(&top)
        .caption(title(data, "The outage as it unfolds"), (FONT, t.title))
        .margin(t.tick)
        .x_label_area_size(t.tick * 2)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0.0..end, 0.0..100.0)?;
    mesh(&mut share, t)
        .y_desc("Users seeing failures")
        .y_label_formatter(&|v| format!("{v:.0}%"))
        .x_label_formatter(&|v| crate::format::trimmed(*v, 1))
        .draw()?;
    let red = component(Component::Churn);
    share.draw_series(
        AreaSeries::new(tl.iter().map(|p| (p.hours, p.share_of_users_failing * 100.0)), 0.0, red.mix(0.35))
            .border_style(red.stroke_width(2)),
    )?;
    share.draw_series(LineSeries::new([(d, 0.0), (d, 100.0)], accent.stroke_width(3)))?;
    share.draw_series(std::iter::once(Text::new(
        format!(" Restored after {}", hours(d)),
        (d, 92.0),
        (FONT, t.tick).into_font().color(&accent),
    )))?;

    let y_max = tl.iter().map(|p| p.provider_cost.max(p.ecosystem_loss)).fold(0.0, f64::max).max(1.0) * 1.08;
    let mut cost = ChartBuilder::on(&bottom)
        .margin(t.tick)
        .x_label_area_size(t.label * 3)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0.0..end, 0.0..y_max)?;
    mesh(&mut cost, t)
        .x_desc("Hours since the outage began")
        .x_label_formatter(&|v| crate::format::trimmed(*v, 1))
        .y_desc(format!("Cost so far ({code})"))
        .y_label_formatter(&|v| money(*v, code))
        .draw()?;
    for (name, colour, value) in [
        (
            "Provider cost so far",
            component(Component::LostRevenue),
            &(|p: &crate::model::TimelinePoint| p.provider_cost) as &dyn Fn(&crate::model::TimelinePoint) -> f64,
        ),
        ("Ecosystem loss so far", component(Component::BusinessLoss), &|p: &crate::model::TimelinePoint| {
            p.ecosystem_loss
        }),
    ] {
        cost.draw_series(LineSeries::new(tl.iter().map(|p| (p.hours, value(p))), colour.stroke_width(3)))?
            .label(name)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], colour.stroke_width(3)));
    }
    cost.draw_series(LineSeries::new([(d, 0.0), (d, y_max)], accent.stroke_width(3)))?;
    legend(&mut cost, t)?;
    Ok(())
}
