//! Numbers for people: compact money (`$1.2M`, `¥3.4B`, `₩27.5B`), exact money, counts, shares and
//! durations. Every function guards against non-finite values, so NaN or infinity never reaches a
//! screen or a report: they print as "—".

use crate::scenario::Unit;

/// The symbol for a currency code, or `None` to write the code itself.
#[must_use]
pub fn currency_symbol(code: &str) -> Option<&'static str> {
    Some(match code.to_ascii_uppercase().as_str() {
        "USD" => "$",
        "CNY" | "RMB" | "JPY" => "¥",
        "KRW" => "₩",
        "EUR" => "€",
        "GBP" => "£",
        "INR" => "₹",
        _ => return None,
    })
}

/// The mark for a value that cannot be shown.
pub const NOT_A_NUMBER: &str = "—";

/// `$1.2M`, `¥3.4B`, `₩27.5B`, `CHF 950`: three significant figures at most.
#[must_use]
pub fn money(value: f64, code: &str) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let sign = if value < 0.0 { "−" } else { "" };
    let body = compact(value.abs());
    match currency_symbol(code) {
        Some(symbol) => format!("{sign}{symbol}{body}"),
        None => format!("{sign}{code} {body}"),
    }
}

/// A compact number without currency: `950`, `12.5k`, `1.2M`, `27.5B`, `3.1T`, `4.2e15`.
#[must_use]
pub fn compact(value: f64) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let a = value.abs();
    let sign = if value < 0.0 { "−" } else { "" };
    let units = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")];
    if a >= 999.5e12 {
        return format!("{sign}{a:.1e}");
    }
    for (i, &(scale, suffix)) in units.iter().enumerate() {
        let x = a / scale;
        if x >= 0.9995 {
            let text = if x >= 99.95 { format!("{x:.0}") } else { format!("{x:.1}") };
            // Rounding up to 1000 of this unit reads better as 1 of the next one.
            if text == "1000" && i > 0 {
                return format!("{sign}1{}", units[i - 1].1);
            }
            return format!("{sign}{}{suffix}", text.strip_suffix(".0").unwrap_or(&text));
        }
    }
    let text = if a >= 100.0 { format!("{a:.0}") } else { format!("{a:.1}") };
    format!("{sign}{}", text.strip_suffix(".0").unwrap_or(&text))
}

/// Exact money with thousands separators and two decimals: `$1,219,268.63`.
#[must_use]
pub fn money_exact(value: f64, code: &str) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let sign = if value < 0.0 { "−" } else { "" };
    let body = grouped(value.abs(), 2);
    match currency_symbol(code) {
        Some(symbol) => format!("{sign}{symbol}{body}"),
        None => format!("{sign}{code} {body}"),
    }
}

/// A number with thousands separators and `decimals` decimals: `1,219,268.63`.
#[must_use]
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if value < 0.0 { format!("−{out}") } else { out }
}

/// A share as a percentage: `85%`, `2.5%`, `0.03%`.
#[must_use]
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let a = (share * 100.0).abs();
    let sign = if share < 0.0 && a >= 0.005 { "−" } else { "" };
    let body = if a == 0.0 || a >= 10.0 {
        format!("{a:.0}%")
    } else if a >= 1.0 {
        format!("{a:.1}%").replace(".0%", "%")
    } else {
        format!("{a:.2}%")
    };
    format!("{sign}{body}")
}

/// Hours for people, one rule everywhere: `15 min`, `2 h 15 min`, `10 h`, `2 days 13 h`.
#[must_use]
pub fn hours(h: f64) -> String {
    if !h.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let sign = if h < 0.0 { "−" } else { "" };
    let minutes = (h.abs() * 60.0).round();
    if minutes < 60.0 {
        return format!("{sign}{minutes:.0} min");
    }
    if minutes < 48.0 * 60.0 {
        let (whole, rest) = ((minutes / 60.0).floor(), minutes % 60.0);
        return if rest == 0.0 { format!("{sign}{whole:.0} h") } else { format!("{sign}{whole:.0} h {rest:.0} min") };
    }
    let hours = (h.abs()).round();
    let (days, rest) = ((hours / 24.0).floor(), hours % 24.0);
    if rest == 0.0 { format!("{sign}{days:.0} days") } else { format!("{sign}{days:.0} days {rest:.0} h") }
}

/// A date for people: `4 December 2026`, from days since 1970-01-01 (the civil calendar).
#[must_use]
pub fn date(days_since_epoch: i64) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    // Days to year, month and day in the proleptic Gregorian calendar, counted in 400-year eras.
    let z = days_since_epoch + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{day} {} {year}", MONTHS[(month - 1) as usize])
}

/// Hours as an adjective: `45-minute`, `10.5-hour`, `5.3-day` (as in "a 10.5-hour outage").
#[must_use]
pub fn hours_adjective(h: f64) -> String {
    if !h.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    if h < 1.0 {
        format!("{:.0}-minute", h * 60.0)
    } else if h < 48.0 {
        format!("{}-hour", trimmed(h, 1))
    } else {
        format!("{}-day", trimmed(h / 24.0, 1))
    }
}

/// A number in its unit: money in the scenario's currency, shares as percentages, hours as hours.
#[must_use]
pub fn value(v: f64, unit: Unit, code: &str) -> String {
    if !v.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    match unit {
        Unit::Count => compact(v),
        Unit::Share => percent(v),
        Unit::Hours => hours(v),
        Unit::ClockHour => clock(v),
        Unit::HoursPerDay => format!("{} h/day", trimmed(v, 2)),
        Unit::Money => money(v, code),
        Unit::MoneyPerHour => format!("{}/h", money(v, code)),
        Unit::MoneyPerYear => format!("{}/yr", money(v, code)),
        Unit::MoneyPerMonth => format!("{}/month", money(v, code)),
        Unit::PerHour => format!("{} /h", trimmed(v, 3)),
        Unit::PerYear => format!("{} /yr", trimmed(v, 3)),
        Unit::PerUsd => format!("{} per USD", if v.abs() >= 1000.0 { grouped(v, 0) } else { trimmed(v, 4) }),
        Unit::Factor => format!("×{}", trimmed(v, 3)),
        Unit::Minutes => format!("{} min", grouped(v, 1)),
        Unit::Uptime if v <= 0.0 => "0% (the outage is longer than the month)".to_owned(),
        Unit::Uptime => format!("{}%", trimmed(v * 100.0, 4)),
    }
}

/// `v` with at most `decimals` decimals and no trailing zeros: `2.5`, `10`, `0.125`.
#[must_use]
pub fn trimmed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let text = format!("{v:.decimals$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text }
}

/// A local clock hour as `15:30`.
#[must_use]
pub fn clock(hour: f64) -> String {
    if !hour.is_finite() {
        return NOT_A_NUMBER.to_owned();
    }
    let minutes = (hour.rem_euclid(24.0) * 60.0).round() as u32 % (24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// At most `max_chars` characters of `text`, with "…" when clipped (names in charts, long titles).
#[must_use]
pub fn clipped(text: &str, max_chars: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
        None => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipped_cuts_on_characters_and_says_so() {
        assert_eq!(clipped("Kakao network misconfiguration (what-if)", 44), "Kakao network misconfiguration (what-if)");
        assert_eq!(clipped("Kakao network misconfiguration (what-if)", 13), "Kakao network…");
        assert_eq!(clipped("카카오 데이터센터 화재", 3), "카카오…");
        assert_eq!(clipped("", 0), "");
    }

    #[test]
    fn compact_money_reads_like_a_slide() {
        assert_eq!(money(1_219_268.63, "USD"), "$1.2M");
        assert_eq!(money(3.4e9, "CNY"), "¥3.4B");
        assert_eq!(money(27.5e9, "KRW"), "₩27.5B");
        assert_eq!(money(304_817.16, "USD"), "$305k");
        assert_eq!(money(12_500.0, "USD"), "$12.5k");
        assert_eq!(money(950.0, "EUR"), "€950");
        assert_eq!(money(0.0, "USD"), "$0");
        assert_eq!(money(999_999.0, "USD"), "$1M");
        assert_eq!(money(2.5, "USD"), "$2.5");
        assert_eq!(money(1e6, "USD"), "$1M");
        assert_eq!(money(-2.5e6, "USD"), "−$2.5M");
        assert_eq!(money(950.0, "CHF"), "CHF 950");
        assert_eq!(money(4.2e15, "USD"), "$4.2e15");
        assert_eq!(money(f64::NAN, "USD"), "—");
        assert_eq!(money(f64::INFINITY, "USD"), "—");
    }

    #[test]
    fn exact_money_groups_thousands() {
        assert_eq!(money_exact(1_219_268.625, "USD"), "$1,219,268.62");
        assert_eq!(money_exact(27.5e9, "KRW"), "₩27,500,000,000.00");
        assert_eq!(grouped(999.0, 0), "999");
        assert_eq!(grouped(-1234.5, 1), "−1,234.5");
        assert_eq!(grouped(1e15, 0), "1,000,000,000,000,000");
    }

    #[test]
    fn shares_and_hours() {
        assert_eq!(percent(0.85), "85%");
        assert_eq!(percent(0.025), "2.5%");
        assert_eq!(percent(0.0003), "0.03%");
        assert_eq!(percent(-0.97), "−97%");
        assert_eq!(hours(0.75), "45 min");
        assert_eq!(hours(10.0), "10 h");
        assert_eq!(hours(2.25), "2 h 15 min");
        assert_eq!(hours(0.25), "15 min");
        assert_eq!(hours(61.0 + 25.0 / 60.0), "2 days 13 h");
        assert_eq!(hours(127.5), "5 days 8 h");
        assert_eq!(hours(48.0), "2 days");
        assert_eq!(date(0), "1 January 1970");
        assert_eq!(date(20_791), "4 December 2026");
        assert_eq!(date(11_016), "29 February 2000");
        assert_eq!(clock(15.5), "15:30");
        assert_eq!(hours_adjective(10.5), "10.5-hour");
        assert_eq!(hours_adjective(0.5), "30-minute");
        assert_eq!(hours_adjective(127.5), "5.3-day");
        assert_eq!(clock(17.73), "17:44");
        assert_eq!(clock(23.999), "00:00");
        assert_eq!(trimmed(2.50, 2), "2.5");
        assert_eq!(trimmed(10.0, 2), "10");
        assert_eq!(value(0.990_283_7, Unit::Uptime, "USD"), "99.0284%");
        assert_eq!(value(0.9999, Unit::Uptime, "USD"), "99.99%");
        assert_eq!(value(1430.0, Unit::PerUsd, "KRW"), "1,430 per USD");
        assert_eq!(value(2.25, Unit::Hours, "USD"), "2 h 15 min");
        assert_eq!(value(100_000.0, Unit::MoneyPerHour, "USD"), "$100k/h");
        assert_eq!(value(f64::NAN, Unit::Hours, "USD"), "—");
    }
}
