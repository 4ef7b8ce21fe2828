//! The headline (DESIGN §4): one sentence, then the figures an executive reads first, in compact
//! money with the exact value on hover: the provider cost as the hero card with the Uptime band as
//! a badge, the rest grouped as this outage, who else pays, and per year.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke, Ui, Vec2};

use super::colors::rgb;
use super::montecarlo::Analysis;
use super::results::Results;
use crate::format::{compact, hours, money, money_exact, percent};
use crate::palette::ACCENT_RGB;
use crate::palette::band_rgb;
use crate::scenario::{Field, Scenario};
use crate::sim::Output;
use crate::story::Story;

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
}

/// The cards under a heading: what this outage costs, who else pays, and per year.
struct Group {
    heading: &'static str,
    cards: Vec<Card>,
}

/// The smallest width a card is laid out at.
const MIN_CARD_WIDTH: f32 = 140.0;
/// The gap between cards.
const GAP: f32 = 8.0;

/// The headline sentence, then the hero card (provider cost with its range and the Uptime band as
/// a badge) and the other cards in groups, wrapped into as many rows as the width needs. With
/// Monte Carlo results, money figures show their mean and 90% interval (DESIGN §2.5).
pub fn ui(
    ui: &mut Ui,
    scenario: &Scenario,
    results: &Results,
    analysis: Option<&Analysis>,
    crossings: Option<&[crate::threshold::Crossing]>,
) {
    let story = Story::of(results);
    ui.label(RichText::new(story.summary()).size(17.0).strong().color(ui.visuals().strong_text_color()));
    ui.add_space(6.0);
    let mut groups = groups(scenario, results);
    if let Some(analysis) = analysis {
        for group in &mut groups {
            with_intervals(&mut group.cards, scenario, results, analysis);
        }
    }
    // The first card of the first group (the provider cost) is the hero.
    if groups.first().is_none_or(|g| g.cards.is_empty()) {
        return;
    }
    let hero = groups[0].cards.remove(0);
    // When the outage reaches $1M (DESIGN §9), with this outage's cards.
    if let Some(card) = crossings.and_then(|c| threshold_card(scenario, c)) {
        groups[0].cards.push(card);
    }
    // A market-value hit of nothing is noise on the headline (it stays in Explain and the report).
    for group in &mut groups {
        group.cards.retain(|c| {
            c.shows != Shows::Figure(Output::MarketValueHit) || results.figure(Output::MarketValueHit).value != 0.0
        });
    }
    let available = ui.available_width();
    ui.spacing_mut().item_spacing = Vec2::splat(GAP);
    // The hero card at the left (a third of the width, within reason); the other cards in as
    // many columns as fit beside it, in rows.
    let hero_width = (available * 0.34).clamp(240.0, 420.0);
    let beside = (((available - hero_width) / (MIN_CARD_WIDTH + GAP)).floor() as usize).max(1);
    let width = (available - hero_width - GAP * beside as f32) / beside as f32;
    ui.horizontal_top(|ui| {
        hero_ui(ui, &hero, &story, results, hero_width);
        ui.vertical(|ui| {
            ui.spacing_mut().item_spacing = Vec2::splat(GAP);
            let mut row: Vec<(&'static str, &Card)> = Vec::new();
            let mut rows: Vec<Vec<(&'static str, &Card)>> = Vec::new();
            for group in &groups {
                for card in &group.cards {
                    if row.len() == beside {
                        rows.push(std::mem::take(&mut row));
                    }
                    row.push((group.heading, card));
                }
            }
            rows.push(row);
            for (r, row) in rows.iter().enumerate() {
                ui.horizontal_top(|ui| {
                    for (i, (heading, card)) in row.iter().enumerate() {
                        let previous = if i > 0 {
                            Some(row[i - 1].0)
                        } else {
                            r.checked_sub(1).and_then(|p| rows[p].last()).map(|c| c.0)
                        };
                        let starts_group = previous != Some(*heading);
                        ui.vertical(|ui| {
                            ui.spacing_mut().item_spacing.y = 2.0;
                            let text = if starts_group { heading.to_uppercase() } else { String::new() };
                            ui.label(RichText::new(text).size(10.5).color(ui.visuals().weak_text_color()));
                            card_ui(ui, card, width);
                        });
                    }
                });
            }
        });
    });
}

/// The provider cost, large, with its range and the Uptime Institute band as a badge.
fn hero_ui(ui: &mut Ui, card: &Card, story: &Story<'_>, results: &Results, width: f32) {
    let band = story.band();
    let response = Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(Stroke::new(1.5, rgb(ACCENT_RGB)))
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::symmetric(14, 10))
        .show(ui, |ui| {
            ui.set_width(width - 30.0);
            // As tall as two rows of cards with their group headings.
            ui.set_min_height(2.0 * (CARD_HEIGHT + 34.0) + GAP - 23.0);
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 3.0;
                ui.label(
                    RichText::new("Provider cost of this outage").size(13.0).color(ui.visuals().weak_text_color()),
                );
                ui.label(RichText::new(&card.value).size(40.0).strong().color(ui.visuals().strong_text_color()));
                ui.add(
                    egui::Label::new(RichText::new(&card.context).size(13.0).color(ui.visuals().text_color()))
                        .truncate(),
                );
                ui.add_space(4.0);
                Frame::new()
                    .fill(rgb(band_rgb(band)))
                    .corner_radius(CornerRadius::same(10))
                    .inner_margin(Margin::symmetric(8, 2))
                    .show(ui, |ui| {
                        ui.label(
                            RichText::new(format!(
                                "Uptime band {} · ≈ {}",
                                band.label(),
                                money(results.provider_cost_usd(), "USD")
                            ))
                            .size(12.0)
                            .color(Color32::WHITE),
                        );
                    });
            });
        })
        .response;
    let e = &results.evaluation;
    response.on_hover_text(format!(
        "{}\n\nUptime Institute band of the provider cost in US dollars: {}. {}.\nSuggested severity {} ({}): {}.",
        card.hover,
        band.label(),
        band.context(),
        e.severity.level,
        e.severity.name(),
        e.severity.reason
    ));
}

/// A card's height inside its frame.
const CARD_HEIGHT: f32 = 60.0;

/// A card's frame: a faint fill, a thin border and rounded corners.
pub fn card_frame(ui: &Ui) -> Frame {
    Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color))
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::symmetric(12, 8))
}

fn card_ui(ui: &mut Ui, card: &Card, width: f32) {
    let weak = ui.visuals().weak_text_color();
    let response = card_frame(ui)
        .show(ui, |ui| {
            // The frame adds 12 points of margin and 1 of stroke on each side.
            ui.set_width(width - 26.0);
            ui.set_height(CARD_HEIGHT);
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                ui.add(egui::Label::new(RichText::new(card.title).size(12.0).color(weak)).truncate());
                ui.label(RichText::new(&card.value).size(22.0).strong().color(ui.visuals().strong_text_color()));
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
    // "after" goes in the title, so the value is short enough for a card's width.
    let (title, value) = match million.hours {
        Some(h) if h > 0.0 => ("Costs $1M after", crate::format::hours(h)),
        hours => ("Costs $1M", crate::threshold::when(hours)),
    };
    Some(Card { title, shows: Shows::Other, value, context, hover: hover.join("\n") })
}

/// Replaces the totals by their figure as every surface shows it (the Monte Carlo mean) and adds
/// the P5–P95 interval; `analysis` says how many samples and whether they are for this scenario.
fn with_intervals(cards: &mut [Card], scenario: &Scenario, results: &Results, analysis: &Analysis) {
    let code = scenario.currency.code.as_str();
    let fresh = analysis.is_for(&results.shared.scenario);
    for card in cards {
        let output = match card.shows {
            Shows::Figure(output) => output,
            Shows::AsEntered => {
                card.context.push_str(" · as entered");
                continue;
            }
            Shows::Other => continue,
        };
        let figure = results.figure(output);
        let (Some((p5, p95)), Some(median)) = (figure.range, figure.median) else { continue };
        card.value = money(figure.value, code);
        if p5 == p95 {
            // No spread (e.g. no market-value hit at all): the number alone says it.
            continue;
        }
        let updating = if fresh { "" } else { " · updating…" };
        card.context = format!("mean · P5–P95 {}–{}{updating}", money(p5, code), money(p95, code));
        card.hover = format!(
            "Mean of {} Monte Carlo samples (the expected cost): {}\n90% of outcomes between {} and {}; median {}.\nWith every input as entered: {}",
            crate::format::grouped(analysis.samples.count as f64, 0),
            money_exact(figure.value, code),
            money(p5, code),
            money(p95, code),
            money(median, code),
            card.hover
        );
    }
}

fn groups(scenario: &Scenario, results: &Results) -> Vec<Group> {
    let e = &results.evaluation;
    let (o, p) = (&e.outcome, &e.point);
    let code = scenario.currency.code.as_str();
    let card = |title, shows, value: f64, context: String| Card {
        title,
        shows,
        value: money(value, code),
        context,
        hover: money_exact(value, code),
    };
    let users_affected = Card {
        title: "Users affected",
        shows: Shows::Other,
        value: compact(o.users_affected),
        context: format!("{} of {} users", percent(p.get(Field::ShareAffected)), compact(p.get(Field::ActiveUsers))),
        hover: format!("{} users affected", crate::format::grouped(o.users_affected, 0)),
    };
    let user_hours = Card {
        title: "User-hours disrupted",
        shows: Shows::Other,
        value: compact(o.user_hours),
        context: "affected × usage × H".to_owned(),
        hover: format!("{} user-hours", crate::format::grouped(o.user_hours, 0)),
    };
    vec![
        Group {
            heading: "This outage",
            cards: vec![
                card(
                    "Provider cost",
                    Shows::Figure(Output::ProviderCost),
                    o.provider_cost,
                    "paid by the provider".to_owned(),
                ),
                card(
                    "Cost per outage hour",
                    Shows::AsEntered,
                    o.cost_per_hour,
                    format!("over {}", hours(p.get(Field::DurationHours))),
                ),
                users_affected,
                user_hours,
            ],
        },
        Group {
            heading: "Who else pays",
            cards: vec![
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
                    "Market-value hit",
                    Shows::Figure(Output::MarketValueHit),
                    o.market_value_hit,
                    "shareholders; not in totals".to_owned(),
                ),
            ],
        },
        Group {
            heading: "Per year",
            cards: vec![card(
                "Annual expected loss",
                Shows::Figure(Output::AnnualExpectedLoss),
                o.annual_expected_loss,
                format!("{} a year × provider cost", crate::format::trimmed(p.get(Field::FrequencyPerYear), 2)),
            )],
        },
    ]
}
