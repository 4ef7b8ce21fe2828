//! What a presentation says (DESIGN §4): which slides a scenario's deck has, in order, and each
//! slide's title, one-sentence headline and speaker notes. The app's presentation mode, its main
//! window headline, the PDF deck and the reports all read their words here, so a figure reads the
//! same on every surface (DESIGN §2.5: with ranges, the Monte Carlo mean). No UI, no I/O.

use crate::compare::{self, Mitigation, Pinned, RowKind};
use crate::format::{compact, hours, hours_adjective, money, percent};
use crate::model::{Component, Side, uptime::UptimeBand};
use crate::results::{ScenarioResults, has_ranges};
use crate::scenario::Field;
use crate::sim::Output;

/// One slide of the deck.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    /// The scenario's name, description, date and headline.
    Title,
    /// Provider cost by outage duration.
    CostVsDuration,
    /// What each component costs.
    Breakdown,
    /// Users affected and cost so far, over time.
    Timeline,
    /// Cost per hour beside the published benchmarks.
    Benchmarks,
    /// The spread of outcomes (scenarios with ranges).
    Uncertainty,
    /// Pinned scenarios side by side (two or more pinned).
    Compare,
    /// What to do: the mitigation's return, or where the money goes.
    Closing,
}

/// What a deck is built from: a scenario's results and the scenarios compared with it.
#[derive(Clone, Copy)]
pub struct Story<'a> {
    /// The scenario's results (with the Monte Carlo spread when it has ranges and a run finished).
    pub results: &'a ScenarioResults,
    /// Scenarios pinned for comparison (may be empty).
    pub pinned: &'a [Pinned],
    /// The mitigation returns among them.
    pub returns: &'a [Mitigation],
}

impl<'a> Story<'a> {
    /// A story of one scenario, nothing compared.
    #[must_use]
    pub fn of(results: &'a ScenarioResults) -> Self {
        Self { results, pinned: &[], returns: &[] }
    }

    /// The slides, in order: the title, the four charts, the spread when the scenario has ranges,
    /// the comparison when two or more scenarios are pinned, and what to do.
    #[must_use]
    pub fn slides(&self) -> Vec<Slide> {
        let mut slides =
            vec![Slide::Title, Slide::CostVsDuration, Slide::Breakdown, Slide::Timeline, Slide::Benchmarks];
        if has_ranges(&self.results.scenario) {
            slides.push(Slide::Uncertainty);
        }
        if self.pinned.len() >= 2 {
            slides.push(Slide::Compare);
        }
        slides.push(Slide::Closing);
        slides
    }

    fn code(&self) -> &str {
        self.results.currency()
    }

    fn value(&self, output: Output) -> f64 {
        self.results.figure(output).value
    }

    fn duration_hours(&self) -> f64 {
        self.results.evaluation.point.get(Field::DurationHours)
    }

    /// "on average" when the figures are Monte Carlo means, else nothing.
    fn on_average(&self) -> &'static str {
        if self.results.summaries.is_some() { " on average" } else { "" }
    }

    /// The provider component that costs the most, with its share of the provider cost.
    fn largest_provider_component(&self) -> Option<(Component, f64)> {
        let provider = self.value(Output::ProviderCost);
        Component::ALL
            .into_iter()
            .filter(|c| c.side() == Side::Provider)
            .map(|c| (c, self.value(Output::Component(c))))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|_| provider > 0.0)
            .map(|(c, v)| (c, v / provider))
    }

    /// The Uptime Institute band of the provider cost as shown (the mean with ranges).
    #[must_use]
    pub fn band(&self) -> UptimeBand {
        self.results.uptime_band()
    }

    /// The one sentence that sums the scenario up: the title slide's headline and the main
    /// window's. "A 6-hour outage costs $71M on average (P5–P95 $9.7M–$211M); 62% of it is lost
    /// revenue."
    #[must_use]
    pub fn summary(&self) -> String {
        let code = self.code();
        let p = self.results.figure(Output::ProviderCost);
        let d = self.duration_hours();
        let Some((largest, share)) = self.largest_provider_component() else {
            return format!("A {} outage costs the provider nothing in this scenario.", hours_adjective(d));
        };
        let range =
            p.range.map_or_else(String::new, |(lo, hi)| format!(" (P5–P95 {}–{})", money(lo, code), money(hi, code)));
        format!(
            "A {} outage costs {}{}{range}; {} of it is {}.",
            hours_adjective(d),
            money(p.value, code),
            self.on_average(),
            percent(share),
            largest.name().to_lowercase()
        )
    }

    /// The slide's short title.
    #[must_use]
    pub fn title(&self, slide: Slide) -> String {
        match slide {
            Slide::Title => self.results.scenario.title().to_owned(),
            Slide::CostVsDuration => "Cost by outage duration".to_owned(),
            Slide::Breakdown => "Who pays, and for what".to_owned(),
            Slide::Timeline => "The outage as it unfolds".to_owned(),
            Slide::Benchmarks => "Against published benchmarks".to_owned(),
            Slide::Uncertainty => "How sure we are".to_owned(),
            Slide::Compare => "Side by side".to_owned(),
            Slide::Closing => "What to do".to_owned(),
        }
    }

    /// The slide's one-sentence message.
    #[must_use]
    pub fn headline(&self, slide: Slide) -> String {
        let code = self.code();
        let o = &self.results.evaluation.outcome;
        let d = self.duration_hours();
        match slide {
            Slide::Title | Slide::CostVsDuration => self.summary(),
            Slide::Breakdown => format!(
                "The provider pays {}; dependent businesses and users lose {} more.",
                money(self.value(Output::ProviderCost), code),
                money(self.value(Output::EcosystemLoss), code)
            ),
            Slide::Timeline => format!(
                "{} users cut off for {}; costs keep growing until full recovery.",
                compact(o.users_affected),
                hours(d)
            ),
            Slide::Benchmarks => {
                let top = self.results.evaluation.benchmarks.iter().map(|b| b.per_hour).fold(0.0, f64::max);
                let times = if top > 0.0 { o.cost_per_hour / top } else { 0.0 };
                format!(
                    "{} per outage hour: {:.1}× the highest published benchmark.",
                    money(o.cost_per_hour, code),
                    times
                )
            }
            Slide::Uncertainty => match self.results.summary(Output::ProviderCost) {
                Some(s) => format!(
                    "Nine times in ten the provider cost lies between {} and {}; the expected cost is {}.",
                    money(s.p5, code),
                    money(s.p95, code),
                    money(s.mean, code)
                ),
                None => "The spread of outcomes is being computed.".to_owned(),
            },
            Slide::Compare => self.compare_headline(),
            Slide::Closing => self.closing_headline(),
        }
    }

    /// The comparison's message: the return on a pinned mitigation, or how far the last pinned
    /// scenario moves the annual expected loss.
    fn compare_headline(&self) -> String {
        if let Some(line) = self.mitigation_line() {
            return line;
        }
        let rows = compare::rows(self.pinned);
        let (code, _) = compare::currency(self.pinned);
        rows.iter().find(|r| r.kind == RowKind::Figure(Output::AnnualExpectedLoss)).map_or_else(String::new, |r| {
            let (first, last) = (r.values.first().copied().unwrap_or(0.0), r.values.last().copied().unwrap_or(0.0));
            format!("Annual expected loss: {} → {}.", money(first, &code), money(last, &code))
        })
    }

    /// "Second region saves ₩X a year; it returns 40% a year on its cost."
    fn mitigation_line(&self) -> Option<String> {
        let (after, r) = self.returns.iter().find_map(|m| self.pinned.get(m.after).map(|a| (a, &m.result)))?;
        let code = after.currency();
        let verdict = match r.roi {
            Some(roi) if roi >= 0.0 => format!("it returns {} a year on its cost", percent(roi)),
            _ => format!(
                "it costs {} a year; break-even is {}",
                money(r.annual_cost, code),
                money(r.break_even_annual_budget, code)
            ),
        };
        Some(format!("{} saves {} a year; {verdict}.", after.label, money(r.ale_before - r.ale_after, code)))
    }

    fn closing_headline(&self) -> String {
        if let Some(line) = self.mitigation_line() {
            return line;
        }
        let code = self.code();
        format!(
            "At {}, outages like this cost {} a year on average: a fix that costs less and prevents them pays for itself.",
            outages_per_year(self.results.evaluation.point.get(Field::FrequencyPerYear)),
            money(self.value(Output::AnnualExpectedLoss), code)
        )
    }

    /// What to do, as short points: the closing slide's body.
    #[must_use]
    pub fn actions(&self) -> Vec<String> {
        let code = self.code();
        let o = &self.results.evaluation.outcome;
        let mut points = Vec::new();
        if let Some((c, share)) = self.largest_provider_component() {
            points.push(format!("Start with {}: {} of the provider cost.", c.name().to_lowercase(), percent(share)));
        }
        if o.cost_per_hour > 0.0 {
            points.push(format!(
                "Every hour of outage costs about {}: an hour faster recovery is worth that much per outage.",
                money(o.cost_per_hour, code)
            ));
        }
        let eco = self.value(Output::EcosystemLoss);
        if eco > 0.0 {
            points.push(format!(
                "Dependent businesses and users lose {} more: they will ask what changes.",
                money(eco, code)
            ));
        }
        points.push(format!(
            "Budget: {} a year of expected loss is the most a fix that prevents these outages is worth each year.",
            money(self.value(Output::AnnualExpectedLoss), code)
        ));
        if let Some(r) = self.returns.first().map(|m| &m.result) {
            let payback =
                r.payback_years.map_or_else(|| "never pays back".to_owned(), |y| format!("pays back in {y:.1} years"));
            let chance = r
                .chance_pays_off
                .map_or_else(String::new, |c| format!(", {} chance it pays off in a year", percent(c)));
            points.push(format!("The mitigation {payback}{chance}."));
        }
        points
    }

    /// Speaker notes: what the slide shows and how to read it, with the figures behind it.
    #[must_use]
    pub fn notes(&self, slide: Slide) -> String {
        let code = self.code();
        let s = &self.results.scenario;
        let basis = if self.results.summaries.is_some() {
            "Money figures are Monte Carlo means (the expected cost), with P5–P95 beside them."
        } else {
            "Every figure follows from the inputs as entered."
        };
        match slide {
            Slide::Title => format!(
                "{} {basis} Uptime Institute band: {} (≈ {} in US dollars).",
                if s.description.is_empty() { "No description." } else { s.description.as_str() },
                self.band().label(),
                money(self.results.provider_cost_usd(), "USD")
            ),
            Slide::CostVsDuration => format!(
                "The curve is the provider cost if the outage lasted each duration, stacked by component; the marker is \
                 this scenario's {}. The grey lines are the Uptime Institute's $100k and $1M thresholds. {basis}",
                hours(self.duration_hours())
            ),
            Slide::Breakdown => format!(
                "Provider components (C1, C4–C9) add up to the provider cost; ecosystem components (C2, C3) are borne \
                 by dependent businesses and users. Credits and compensation move money to the ecosystem, so the \
                 combined impact of {} counts them once. {basis}",
                money(self.value(Output::CombinedImpact), code)
            ),
            Slide::Timeline => "Users affected over time, and the cost accumulated so far. The recovery tail keeps \
                                 costs growing after service is restored."
                .to_owned(),
            Slide::Benchmarks => "Published per-hour costs of downtime (Ponemon 2011 and 2016, ITIC 2024), converted \
                                  to the scenario's currency. The scenario's cost per hour is its provider cost over \
                                  the outage duration, inputs as entered."
                .to_owned(),
            Slide::Uncertainty => "Left: how often each cost came up in the simulation. Right: the chance the cost \
                                   exceeds each amount; read a budget or tolerance against it."
                .to_owned(),
            Slide::Compare => "The compared scenarios' provider cost by duration, and their headline figures side by \
                               side. A mitigation's return is (loss saved − its annual cost) / its annual cost."
                .to_owned(),
            Slide::Closing => format!("{} {basis}", self.actions().join(" ")),
        }
    }
}

/// "once", "twice", "1.5 times", "every 4 years".
fn outages_per_year(rate: f64) -> String {
    if rate <= 0.0 || !rate.is_finite() {
        "no outage".to_owned()
    } else if (rate - 1.0).abs() < 1e-9 {
        "one outage a year".to_owned()
    } else if rate < 1.0 {
        format!("one outage in {} years", crate::format::trimmed(1.0 / rate, 1))
    } else {
        format!("{} outages a year", crate::format::trimmed(rate, 1))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::results::SamplePlan;
    use crate::scenario::{Estimate, Pert, Scenario};

    fn priced() -> Scenario {
        let mut s = Scenario::blank();
        let _ = Field::FinesPerHour.set(&mut s, Estimate::Fixed(1000.0));
        let _ = Field::DurationHours.set(&mut s, Estimate::Fixed(2.0));
        s
    }

    #[test]
    fn a_deck_without_ranges_or_pins_has_the_title_four_charts_and_the_closing_slide() {
        let results = ScenarioResults::of(&priced());
        let story = Story::of(&results);
        assert_eq!(
            story.slides(),
            [Slide::Title, Slide::CostVsDuration, Slide::Breakdown, Slide::Timeline, Slide::Benchmarks, Slide::Closing]
        );
        assert_eq!(story.summary(), "A 2-hour outage costs $2k; 100% of it is fines.");
        assert!(story.headline(Slide::Closing).contains("cost $2k a year"), "{}", story.headline(Slide::Closing));
        assert!(story.actions()[0].starts_with("Start with fines: 100%"), "{:?}", story.actions());
    }

    #[test]
    fn with_ranges_the_deck_has_an_uncertainty_slide_and_says_the_mean() {
        let mut s = priced();
        let _ = Field::DurationHours.set(&mut s, Estimate::Pert(Pert { min: 1.0, mode: 2.0, max: 9.0 }));
        s.uncertainty.samples = 4000;
        let cancel = AtomicBool::new(false);
        let samples = SamplePlan::of(&s, None, None).run(&s, &cancel);
        let results = ScenarioResults::of(&s).with_samples(samples.as_ref(), &cancel);
        let story = Story::of(&results);
        assert!(story.slides().contains(&Slide::Uncertainty));
        let mean = results.figure(Output::ProviderCost).value;
        // PERT(1, 2, 9) hours at 1000 an hour: a mean near 3000, not the 2000 as entered.
        assert!((mean - 3000.0).abs() < 60.0);
        let summary = story.summary();
        assert!(summary.contains(&format!("{} on average (P5–P95", money(mean, "USD"))), "{summary}");
        assert!(story.headline(Slide::Uncertainty).contains(&money(mean, "USD")));
    }

    #[test]
    fn the_band_follows_the_figure_shown() {
        let mut s = priced();
        let _ = Field::FinesFixed.set(&mut s, Estimate::Fixed(5e6));
        let results = ScenarioResults::of(&s);
        assert_eq!(Story::of(&results).band(), UptimeBand::Over1M);
        assert_eq!(outages_per_year(0.25), "one outage in 4 years");
        assert_eq!(outages_per_year(2.0), "2 outages a year");
    }
}
