//! The headline cards (DESIGN §4): the figures an executive reads first, in compact money with the
//! exact value on hover.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke, Ui, Vec2};

use super::colors::rgb;
use super::montecarlo::Analysis;
use super::results::Results;
use crate::format::{compact, hours, money, money_exact, percent};
use crate::palette::band_rgb;
use crate::scenario::{Field, Scenario};
use crate::sim::Output;

/// What a card's value is, so Monte Carlo results reach the right cards.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shows {
    /// A money figure: its Monte Carlo mean with ranges.
    Figure(Output),
    /// A money figure computed from the inputs as entered (labelled so with ranges).
    AsEntered,
    /// A count or a band.
    Other,
}

/// One card: a title, a big value, a line of context, and what hovering shows.
struct Card {
    title: &'static str,
    shows: Shows,
    value: String,
    context: String,
    hover: String,
    accent: Option<Color32>,
}

/// The cards, wrapped into as many rows as the width needs. With Monte Carlo results, the money
/// totals show their mean and 90% interval (DESIGN §2.5).
pub fn ui(
    ui: &mut Ui,
    scenario: &Scenario,
    results: &Results,
    analysis: Option<&Analysis>,
    crossings: Option<&[crate::threshold::Crossing]>,
) {
    let mut cards = cards(scenario, results);
    if let Some(analysis) = analysis {
        with_intervals(&mut cards, scenario, analysis);
    }
    if let Some(card) = crossings.and_then(|c| threshold_card(scenario, c)) {
        cards.push(card);
    }
    let gap = 8.0;
    let min_width = 168.0;
    let available = ui.available_width();
    // As many columns as fit, then balanced: 9 cards in 5 + 4 rather than 6 + 3.
    let fit = (((available + gap) / (min_width + gap)).floor() as usize).clamp(3, cards.len());
    let rows = cards.len().div_ceil(fit);
    let columns = cards.len().div_ceil(rows);
    let width = (available - gap * (columns - 1) as f32) / columns as f32;
    ui.spacing_mut().item_spacing = Vec2::splat(gap);
    for row in cards.chunks(columns) {
        ui.horizontal(|ui| {
            for card in row {
                card_ui(ui, card, width);
            }
        });
    }
}

fn card_ui(ui: &mut Ui, card: &Card, width: f32) {
    let fill = card.accent.unwrap_or(ui.visuals().faint_bg_color);
    let text = if card.accent.is_some() { Color32::WHITE } else { ui.visuals().strong_text_color() };
    let weak = if card.accent.is_some() { Color32::from_white_alpha(220) } else { ui.visuals().weak_text_color() };
    let response = Frame::new()
        .fill(fill)
        .stroke(Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color))
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::symmetric(12, 8))
        .show(ui, |ui| {
            // The frame adds 12 points of margin and 1 of stroke on each side.
            ui.set_width(width - 26.0);
            ui.set_height(60.0);
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                ui.label(RichText::new(card.title).size(12.5).color(weak));
                ui.label(RichText::new(&card.value).size(24.0).strong().color(text));
                ui.add(egui::Label::new(RichText::new(&card.context).size(11.5).color(weak)).truncate());
            });
        })
        .response;
    response.on_hover_text(&card.hover);
}

/// "Costs $1M after 38 min": the time to the Uptime $1M line (DESIGN §9), with the other lines
/// and the P95 on hover.
fn threshold_card(scenario: &Scenario, crossings: &[crate::threshold::Crossing]) -> Option<Card> {
    let code = scenario.currency.code.as_str();
    let million = crossings.get(1)?;
    let context = match million.p95_hours {
        Some(p95) => format!("P95 {}", crate::threshold::when(p95)),
        None => format!("{} line", money(million.line.amount, code)),
    };
    let hover: Vec<String> =
        crossings.iter().map(|c| format!("This outage {}.", crate::threshold::sentence(c, code))).collect();
    Some(Card {
        title: "Costs $1M",
        shows: Shows::Other,
        value: crate::threshold::when(million.hours),
        context,
        hover: hover.join("\n"),
        accent: None,
    })
}

/// Replaces the totals by their Monte Carlo mean and adds the P5–P95 interval.
fn with_intervals(cards: &mut [Card], scenario: &Scenario, analysis: &Analysis) {
    let code = scenario.currency.code.as_str();
    let fresh = analysis.scenario == *scenario;
    for card in cards {
        let output = match card.shows {
            Shows::Figure(output) => output,
            Shows::AsEntered => {
                card.context.push_str(" · as entered");
                continue;
            }
            Shows::Other => continue,
        };
        let s = analysis.summary(output);
        if s.p5 == s.p95 {
            // No spread (e.g. no market-value hit at all): the number alone says it.
            card.value = money(s.mean, code);
            continue;
        }
        let updating = if fresh { "" } else { " · updating…" };
        card.value = money(s.mean, code);
        card.context = format!("mean · P5–P95 {}–{}{updating}", money(s.p5, code), money(s.p95, code));
        card.hover = format!(
            "Mean of {} Monte Carlo samples (the expected cost): {}\n90% of outcomes between {} and {}; median {}.\nWith every input as entered: {}",
            crate::format::grouped(analysis.samples.count as f64, 0),
            money_exact(s.mean, code),
            money(s.p5, code),
            money(s.p95, code),
            money(s.p50, code),
            card.hover
        );
    }
}

fn cards(scenario: &Scenario, results: &Results) -> Vec<Card> {
    let e = &results.evaluation;
    let (o, p) = (&e.outcome, &e.point);
    let code = scenario.currency.code.as_str();
    let usd = if code.eq_ignore_ascii_case("USD") {
        String::new()
    } else {
        format!("≈ {}", money(o.provider_cost_usd, "USD"))
    };
    let card = |title, shows, value: f64, context: String| Card {
        title,
        shows,
        value: money(value, code),
        context,
        hover: money_exact(value, code),
        accent: None,
    };
    vec![
        card(
            "Provider cost",
            Shows::Figure(Output::ProviderCost),
            o.provider_cost,
            if usd.is_empty() { "paid by the provider".to_owned() } else { usd },
        ),
        card(
            "Cost per outage hour",
            Shows::AsEntered,
            o.cost_per_hour,
            format!("over {}", hours(p.get(Field::DurationHours))),
        ),
        Card {
            title: "Users affected",
            shows: Shows::Other,
            value: compact(o.users_affected),
            context: format!(
                "{} of {} users",
                percent(p.get(Field::ShareAffected)),
                compact(p.get(Field::ActiveUsers))
            ),
            hover: format!("{} users affected", crate::format::grouped(o.users_affected, 0)),
            accent: None,
        },
        Card {
            title: "User-hours disrupted",
            shows: Shows::Other,
            value: compact(o.user_hours),
            context: "affected × usage × H".to_owned(),
            hover: format!("{} user-hours", crate::format::grouped(o.user_hours, 0)),
            accent: None,
        },
        Card {
            title: "Uptime Institute band",
            shows: Shows::Other,
            value: e.band.label().to_owned(),
            context: format!("severity {} · {}", e.severity.level, e.severity.name()),
            hover: format!(
                "Provider cost {} in US dollars. {}.\nSuggested severity {} ({}): {}.",
                money(o.provider_cost_usd, "USD"),
                e.band.context(),
                e.severity.level,
                e.severity.name(),
                e.severity.reason
            ),
            accent: Some(rgb(band_rgb(e.band))),
        },
        card(
            "Ecosystem loss",
            Shows::Figure(Output::EcosystemLoss),
            o.ecosystem_loss,
            "businesses and users".to_owned(),
        ),
        card(
            "Combined impact",
            Shows::Figure(Output::CombinedImpact),
            o.combined_impact,
            "transfers counted once".to_owned(),
        ),
        card(
            "Annual expected loss",
            Shows::Figure(Output::AnnualExpectedLoss),
            o.annual_expected_loss,
            format!("{} a year × provider cost", crate::format::trimmed(p.get(Field::FrequencyPerYear), 2)),
        ),
        card("Market-value hit", Shows::Figure(Output::MarketValueHit), o.market_value_hit, "not in totals".to_owned()),
    ]
}
