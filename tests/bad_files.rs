//! Every file in `tests/data/bad/` is refused with the message its first line states:
//! `// expect: LINE:COL text` (or, for files that cannot hold a comment, in `NAME.expect`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use outage_cost::register;
use outage_cost::scenario::{ScenarioError, load};

#[test]
fn every_bad_file_gets_its_message_with_line_and_column() {
    let dir = common::data("bad");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("ron") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let expect_source = if text.starts_with(b"// expect: ") {
            String::from_utf8(text.to_vec()).unwrap()
        } else {
            std::fs::read_to_string(path.with_extension("expect")).unwrap()
        };
        let first = expect_source.lines().next().unwrap().trim_start_matches("// expect: ");
        let (position, text) = first.split_once(' ').unwrap();
        let origin = path.display().to_string();
        // Registers (DESIGN §8) are refused by the register loader, in the same form.
        let is_register = register::is_register_text(&String::from_utf8_lossy(&bytes));
        let err =
            match if is_register { register::load_file(&path).map(|_| ()) } else { load::load_file(&path).map(|_| ()) }
            {
                Err(ScenarioError::Invalid(e)) => e,
                other => panic!("{origin}: expected a load error, got {other:?}"),
            };
        let shown = err.to_string();
        assert!(shown.starts_with(&format!("{origin}:{position}: ")), "{shown}\n  should be at {position}");
        assert!(shown.contains(text), "{shown}\n  should say: {text}");
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} bad files");
}

#[test]
fn a_failed_load_names_the_field_path() {
    let err =
        load::parse("(version: 1, outage: (duration_hours: 1), businesses: [(count: 1), (dependence: 2)])", "x.ron")
            .unwrap_err();
    assert_eq!(err.field, "businesses[1].dependence");
    assert_eq!((err.line, err.column), (1, 81));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = "\u{feff}(version: 1, outage: (duration_hours: 2))";
    assert!(load::parse_bytes(text.as_bytes(), "bom.ron").is_ok());
}

#[test]
fn binary_garbage_is_refused_cleanly() {
    let err = load::parse_bytes(&[0x00, 0xff, 0x13, 0x37, 0x80], "garbage.bin").unwrap_err();
    assert!(err.message.contains("not UTF-8"), "{err}");
}

#[test]
fn a_missing_file_is_a_read_error_naming_it() {
    let err = load::load_file(std::path::Path::new("no/such/file.ron")).unwrap_err();
    assert!(err.to_string().starts_with("no/such/file.ron: cannot read the file"), "{err}");
}

#[test]
fn a_fifty_megabyte_file_is_refused_before_it_is_read() {
    let path = std::env::temp_dir().join(format!("outage-cost-huge-{}.ron", std::process::id()));
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let err = load::load_file(&path).unwrap_err().to_string();
    assert!(err.contains(":1:1: the file is 52.4 MB, but a scenario is a few kilobytes"), "{err}");
    std::fs::remove_file(&path).unwrap();
}
