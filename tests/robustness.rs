//! What is never lost or let in (DESIGN §11): hostile files get a quick, clear answer; saves and
//! report folders never write where they should not; text from a file is escaped wherever it is
//! shown; figures stay sane at the edges of their domains.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use outage_cost::export::{self, Replace, ReportData, Size};
use outage_cost::scenario::{ScenarioError, load, save};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("outage-cost-robust-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary in `dir`, killing it if it has not finished in 20 s (a hang is a failure).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_outage-cost"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("outage-cost {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const MINIMAL: &str = "(version: 1, outage: (duration_hours: 4), fines: (fixed: 1000))";

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_at_once_on_the_command_line() {
    let dir = temp_dir("devices");
    let o = run_in(&dir, &["eval", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/dev/zero: cannot read the file: it is a device, not a file"), "{}", stderr(&o));
    let fifo = dir.join("pipe.ron");
    if Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        let o = run_in(&dir, &["validate", "pipe.ron"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("it is a FIFO (named pipe), not a file"), "{}", stderr(&o));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_baseline_naming_a_device_is_refused_and_relative_ones_resolve_beside_their_file() {
    let dir = temp_dir("baseline");
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/before.ron"), "(version: 1, outage: (duration_hours: 8), fines: (fixed: 5000))")
        .unwrap();
    let after = |baseline: &str| {
        format!(
            "(version: 1, outage: (duration_hours: 4), fines: (fixed: 1000), mitigation: (baseline: \"{baseline}\", running_cost_per_year: 100))"
        )
    };
    std::fs::write(dir.join("sub/zero.ron"), after("/dev/zero")).unwrap();
    std::fs::write(dir.join("sub/after.ron"), after("before.ron")).unwrap();
    std::fs::write(dir.join("other.ron"), MINIMAL).unwrap();
    // Run from the parent folder: "before.ron" is found beside sub/after.ron, not in the cwd.
    let o = run_in(&dir, &["compare", "other.ron", "sub/zero.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("it is a device, not a file"), "{}", stderr(&o));
    let o = run_in(&dir, &["compare", "other.ron", "sub/after.ron", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        doc["mitigations"].as_array().map(Vec::len),
        Some(1),
        "the baseline beside sub/after.ron was read: {doc}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_save_refuses_to_overwrite_a_file_changed_on_disk() {
    let dir = temp_dir("changed");
    let path = dir.join("s.ron");
    std::fs::write(&path, MINIMAL).unwrap();
    let (scenario, stamp) = load::load_file_stamped(&path).unwrap();
    // Another window saves the file meanwhile.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&path, "(version: 1, outage: (duration_hours: 9))").unwrap();
    let err = save::save_file_unless_changed(&scenario, &path, Some(stamp)).unwrap_err();
    assert!(matches!(err, ScenarioError::ChangedOnDisk { .. }), "{err}");
    assert!(err.to_string().contains("changed on disk since it was opened"), "{err}");
    assert!(std::fs::read_to_string(&path).unwrap().contains("duration_hours: 9"), "the other edit is kept");
    // Unchanged since the last save: saving again is fine, and the stamp follows the save.
    let stamp = save::save_file_unless_changed(&scenario, &path, None).unwrap();
    let again = save::save_file_unless_changed(&scenario, &path, stamp).unwrap();
    assert!(again.is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn small(name: &str) -> ReportData {
    ReportData::new(&common::parse(&format!("(version: 1, name: \"{name}\", outage: (duration_hours: 4))")), None, None)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_report_folder_holds_exactly_one_report() {
    let dir = temp_dir("report-folder");
    let out = dir.join("out");
    let uncertain = ReportData::new(&common::scenario("payment_wallet_uncertain.ron"), Some(500), Some(1));
    export::write_report(&uncertain, &out, Size::MIN).unwrap();
    assert!(out.join("samples.csv").exists());
    let files = export::write_report(&small("second"), &out, Size::MIN).unwrap();
    assert!(!out.join("samples.csv").exists(), "nothing of the first report is left");
    assert_eq!(names(&out).len(), files.len());
    assert!(std::fs::read_to_string(out.join("report.md")).unwrap().contains("# second"));
    assert_eq!(names(&dir), ["out"], "no staging, old or lock folder left beside it");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_with_other_files_is_refused_unless_forced() {
    let dir = temp_dir("foreign");
    std::fs::write(dir.join("thesis.docx"), "years of work").unwrap();
    let err = export::write_report(&small("x"), &dir, Size::MIN).unwrap_err().to_string();
    assert!(err.contains("holds files a report does not write (such as “thesis.docx”)"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(names(&dir), ["thesis.docx"]);
    export::write_report_with(&small("x"), &dir, Size::MIN, Replace::Anything).unwrap();
    assert!(!dir.join("thesis.docx").exists() && dir.join("report.html").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_report_already_being_written_is_not_mixed_with() {
    let dir = temp_dir("concurrent");
    // A lock held by a running process (this one).
    std::fs::write(dir.join(".out.lock"), std::process::id().to_string()).unwrap();
    let err = export::write_report(&small("x"), &dir.join("out"), Size::MIN).unwrap_err().to_string();
    assert!(err.contains("another report is being written into this folder"), "{err}");
    assert!(!dir.join("out").exists());
    // A lock left by a process that is gone is taken over.
    std::fs::write(dir.join(".out.lock"), "4000000000").unwrap();
    export::write_report(&small("x"), &dir.join("out"), Size::MIN).unwrap();
    assert_eq!(names(&dir), ["out"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_command_line_report_takes_force() {
    let dir = temp_dir("cli-force");
    std::fs::write(dir.join("s.ron"), MINIMAL).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/notes.txt"), "mine").unwrap();
    let o = run_in(&dir, &["report", "s.ron", "--out", "out", "--size", "320x200"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("“notes.txt”"), "{}", stderr(&o));
    assert!(dir.join("out/notes.txt").exists());
    let o = run_in(&dir, &["report", "s.ron", "--out", "out", "--size", "320x200", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dir.join("out/notes.txt").exists());
    // A register's report follows the same rule.
    std::fs::write(
        dir.join("r.ron"),
        r#"(version: 1, kind: Register, name: "r", currency: (code: "KRW", per_usd: 1430),
            entries: [(scenario: "kakao-2022", per_year: 0.5)], years: 2000, seed: 3)"#,
    )
    .unwrap();
    std::fs::write(dir.join("out/notes.txt"), "mine").unwrap();
    let o = run_in(&dir, &["report", "r.ron", "--out", "out", "--size", "320x200"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("“notes.txt”") && stderr(&o).contains("--force"), "{}", stderr(&o));
    assert!(dir.join("out/notes.txt").exists());
    let o = run_in(&dir, &["report", "r.ron", "--out", "out", "--size", "320x200", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dir.join("out/notes.txt").exists() && dir.join("out/years.csv").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

const HOSTILE: &str = r##"(
    version: 1,
    name: "<script>alert(1)</script> *bold* [x](javascript:alert(1))",
    description: "# not a heading\n<img src=x onerror=alert(1)>",
    outage: (duration_hours: 4),
    sources: [
        (label: "evil", url: "javascript:alert(document.cookie)"),
        (label: "data", url: " DATA:text/html,<b>x</b>"),
        (label: "fine", url: "https://example.com/a?b=1&c=2"),
    ],
    assumptions: ["a | pipe `code` <b>bold</b>"],
)"##;

#[test]
fn text_from_a_file_is_escaped_in_both_reports() {
    let dir = temp_dir("escape");
    let data = ReportData::new(&common::parse(HOSTILE), None, None);
    export::write_report(&data, &dir.join("out"), Size::MIN).unwrap();
    let html = std::fs::read_to_string(dir.join("out/report.html")).unwrap();
    assert!(!html.contains("<script>") && !html.contains("<img"), "raw HTML from the file");
    assert!(!html.contains("href=\"javascript") && !html.contains("href=\" DATA"), "unsafe link targets");
    assert!(html.contains("<a href=\"https://example.com/a?b=1&amp;c=2\">fine</a>"));
    assert!(html.contains("javascript:alert(document.cookie)"), "shown as text");
    let md = std::fs::read_to_string(dir.join("out/report.md")).unwrap();
    // Outside the fenced headline block (shown literally), every tag is escaped.
    let prose: String = md.split("```").step_by(2).collect();
    for tag in ["<script", "<img", "<b>"] {
        assert_eq!(prose.matches(tag).count(), prose.matches(&format!("\\{tag}")).count(), "unescaped {tag} in {md}");
    }
    assert!(!prose.contains("[x](javascript") && !prose.contains("(<javascript"), "{md}");
    assert!(md.contains("\\# not a heading"), "{md}");
    assert!(md.contains("- [fine](<https://example.com/a?b=1&c=2>)"), "{md}");
    assert!(md.contains("a \\| pipe \\`code\\`"), "{md}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = temp_dir("controls");
    std::fs::write(dir.join("s.ron"), "(version: 1, name: \"\x1b]0;pwned\x07\x1b[2J\", outage: (duration_hours: 4))")
        .unwrap();
    std::fs::write(dir.join("bad.ron"), "(version: 1, outage: (duration_hours: 4), \x1b[31mred: 1)").unwrap();
    let o = run_in(&dir, &["eval", "s.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\\u001b]0;pwned\\u0007"));
    // In JSON a bidirectional override becomes the JSON escape: the document stays valid.
    std::fs::write(dir.join("b.ron"), "(version: 1, name: \"a\u{202e}b\", outage: (duration_hours: 4))").unwrap();
    let o = run_in(&dir, &["eval", "b.ron", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    // The name reads back with its override; the bytes printed hold only the escape.
    assert!(json.to_string().contains("a\u{202e}b"), "{json}");
    assert!(!String::from_utf8_lossy(&o.stdout).contains('\u{202e}'));
    let o = run_in(&dir, &["validate", "s.ron", "bad.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!o.stdout.contains(&0x1b) && !o.stderr.contains(&0x1b), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_month_long_outage_has_no_uptime_left_never_a_negative_one() {
    let s = common::parse("(version: 1, outage: (duration_hours: 1500))");
    let e = common::eval(&s);
    assert_eq!(e.outcome.uptime, 0.0);
    let shown = outage_cost::format::value(e.outcome.uptime, outage_cost::scenario::Unit::Uptime, "USD");
    assert_eq!(shown, "0% (the outage is longer than the month)");
}

#[test]
fn tiny_but_positive_ranges_are_accepted_and_tiny_currency_rates_refused() {
    let s = common::parse("(version: 1, outage: (duration_hours: Range90(low: 1e-300, high: 1e-299)))");
    assert!(s.outage.duration_hours.nominal() > 0.0);
    let err = load::parse("(version: 1, currency: (per_usd: 1e-300), outage: (duration_hours: 4))", "x.ron")
        .unwrap_err()
        .to_string();
    assert!(err.contains("from 0.000001 to 1e18"), "{err}");
    // The smallest rate accepted still gives finite dollars for the largest costs.
    let s = common::parse(
        "(version: 1, currency: (per_usd: 1e-6), outage: (duration_hours: 1e18), fines: (fixed: 1e18, per_hour: 1e18))",
    );
    let e = common::eval(&s);
    assert!(e.outcome.provider_cost_usd.is_finite(), "{}", e.outcome.provider_cost_usd);
}

#[test]
fn a_screenshot_that_cannot_be_written_exits_non_zero() {
    if !cfg!(feature = "gui") {
        return;
    }
    let dir = temp_dir("shot");
    let o = run_in(&dir, &["--screenshot", "no/such/folder/shot.png"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot save the screenshot"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_readme_states_the_real_size_cap() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(!readme.contains("50 MB"), "the README still says 50 MB");
    assert!(readme.contains(&format!("{} MiB", load::MAX_FILE_BYTES >> 20)));
}
