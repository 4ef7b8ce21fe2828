//! The reference model's examples (`shared/reference/examples/*.json`, as RON in `tests/data/`)
//! give the reference's figures to 1e-9 relative. The expected numbers were printed by
//! `python3 outage_model.py eval FILE --json`; the reference itself need not run here.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use common::{assert_close, eval, scenario};
use outage_cost::model::{Component, UptimeBand};

/// H, SLA minutes, U, credit, N_aff, user-hours, R_h, c(D), C1–C9, M, P, Eco, combined, P/D, annual, P_usd.
fn check(file: &str, expected: [f64; 24]) {
    let e = eval(&scenario(file));
    let o = &e.outcome;
    let mut actual = vec![
        o.effective_hours,
        o.sla_downtime_minutes,
        o.uptime,
        o.sla_credit_share,
        o.users_affected,
        o.user_hours,
        o.revenue_per_hour,
        o.churn_share,
    ];
    actual.extend(Component::ALL.iter().map(|&c| o.components.get(c)));
    actual.extend([
        o.market_value_hit,
        o.provider_cost,
        o.ecosystem_loss,
        o.combined_impact,
        o.cost_per_hour,
        o.annual_expected_loss,
        o.provider_cost_usd,
    ]);
    let names = [
        "H",
        "SLA minutes",
        "U",
        "credit",
        "N_aff",
        "user-hours",
        "R_h",
        "c(D)",
        "C1",
        "C2",
        "C3",
        "C4",
        "C5",
        "C6",
        "C7",
        "C8",
        "C9",
        "M",
        "P",
        "Eco",
        "combined",
        "P/D",
        "annual",
        "P_usd",
    ];
    for ((a, x), name) in actual.iter().zip(expected).zip(names) {
        assert_close(*a, x, 1e-9, &format!("{file} {name}"));
    }
}

#[test]
fn flat_full_outage_matches_the_reference_and_the_hand_check() {
    check(
        "flat_full_outage.ron",
        [
            5.0,
            419.743_936_413_239_45,
            0.990_283_705_175_619_5,
            0.1,
            1_000_000.0,
            500_000.0,
            100_000.0,
            0.006_445_372_560_651_567,
            150_000.0,
            375_000.0,
            5_000_000.0,
            100_000.0,
            55_000.0,
            200_000.0,
            302_000.0,
            322_268.628_032_578_4,
            90_000.0,
            100_000_000.0,
            1_219_268.628_032_578_4,
            5_375_000.0,
            6_092_268.628_032_577,
            304_817.157_008_144_6,
            609_634.314_016_289_2,
            1_219_268.628_032_578_4,
        ],
    );
    let e = eval(&scenario("flat_full_outage.ron"));
    assert_eq!(e.band, UptimeBand::Over1M);
    let losses: Vec<f64> = e.business_losses.iter().map(|b| b.value).collect();
    assert_close(losses[0], 300_000.0, 1e-12, "merchants");
    assert_close(losses[1], 75_000.0, 1e-12, "SaaS tenants");
}

#[test]
fn brownout_with_custom_profile_matches_the_reference() {
    check(
        "brownout_custom_profile.ron",
        [
            3.446_787_100_184_302_2,
            524.299_477_502_370_5,
            0.987_863_438_020_778_5,
            0.25,
            42_000_000.0,
            9_047_816.137_983_793,
            342_465.753_424_657_5,
            0.000_696_313_614_185_883_2,
            347_039.523_100_748_2,
            6_375_453.163_468_901,
            226_195_403.449_594_83,
            372_253.006_819_904_67,
            381_250.0,
            10_000_000.0,
            1_190_000.0,
            1_403_768.246_198_740_6,
            0.0,
            10_500_000_000.0,
            13_694_310.776_119_392,
            232_570_856.613_063_72,
            235_075_167.389_183_1,
            5_477_724.310_447_757,
            27_388_621.552_238_785,
            1_901_987.607_794_36,
        ],
    );
}

#[test]
fn uncertain_payment_wallet_at_nominal_values_matches_the_reference() {
    check(
        "payment_wallet_uncertain.ron",
        [
            7.047_694_456_596_253,
            416.666_338_749_986_44,
            0.990_354_945_862_268_8,
            0.1,
            34_000_000.0,
            4_992_116.906_755_678,
            285_388.127_853_881_3,
            0.003_715_738_026_327_770_4,
            769_333.084_945_224_6,
            28_174_549.634_662_688,
            55_813_563.775_658_384,
            1_141_726.501_968_593,
            466_000.0,
            400_000.0,
            6_329_100.0,
            7_201_100.295_023_219,
            1_800_000.0,
            734_846_922.834_953_3,
            18_107_259.881_937_034,
            83_988_113.410_321_07,
            95_366_273.292_258_11,
            4_526_814.970_484_259,
            5_432_177.964_581_110_5,
            18_107_259.881_937_034,
        ],
    );
}

#[test]
fn operators_rules_match_the_reference_and_the_hand_check() {
    // The flat example with demand factor 2.5, 0.5 and 5 per outage hour on top of the per-user and
    // per-business amounts, paid past 3 h (D = 4), and a fine of 0.2 per affected user.
    check(
        "operator_rules.ron",
        [
            5.0,
            419.743_936_413_239_45,
            0.990_283_705_175_619_5,
            0.1,
            1_000_000.0,
            500_000.0,
            100_000.0,
            0.006_445_372_560_651_567,
            375_000.0,
            937_500.0,
            5_000_000.0,
            100_000.0,
            55_000.0,
            200_000.0,
            542_800.0,
            322_268.628_032_578_4,
            290_000.0,
            100_000_000.0,
            1_885_068.628_032_578_4,
            5_937_500.0,
            7_079_768.628_032_577,
            471_267.157_008_144_6,
            942_534.314_016_289_2,
            1_885_068.628_032_578_4,
        ],
    );
    // By hand: C1 = 2.5 · 150 000; C7 = 1M · (2 + 0.5·4) · 0.1 + 10 200 · 0.5 · (50 + 5·4) · 0.4;
    // C9 = 50 000 + 10 000·4 + 0.2 · 1M.
    let e = eval(&scenario("operator_rules.ron"));
    let c = &e.outcome.components;
    assert_close(c.get(Component::LostRevenue), 2.5 * 150_000.0, 1e-12, "C1");
    assert_close(c.get(Component::Compensation), 400_000.0 + 142_800.0, 1e-12, "C7");
    assert_close(c.get(Component::Fines), 290_000.0, 1e-12, "C9");
    let losses: Vec<f64> = e.business_losses.iter().map(|b| b.value).collect();
    assert_close(losses[0], 750_000.0, 1e-12, "merchants on a busy day");
}
