//! The shipped scenarios: real incidents (INCIDENTS.md) and a commented template, compiled into the
//! binary so the app and the CLI work from any folder.

use super::{LoadError, Scenario, load};

/// A shipped scenario file.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Short id, also the file stem (`kakao-2022`).
    pub id: &'static str,
    /// The incident's date (ISO), or `None` for the template.
    pub incident_date: Option<&'static str>,
    /// The RON text.
    pub text: &'static str,
}

macro_rules! presets {
    ($($id:literal, $date:expr;)*) => {
        /// Every shipped scenario: incidents by date, then what-if scenarios, then the template.
        pub const PRESETS: &[Preset] = &[$(Preset {
            id: $id,
            incident_date: $date,
            text: include_str!(concat!("../../presets/", $id, ".ron")),
        }),*];
    };
}

presets! {
    "southwest-2016", Some("2016-07-20");
    "delta-2016", Some("2016-08-08");
    "aws-s3-2017", Some("2017-02-28");
    "british-airways-2017", Some("2017-05-27");
    "amazon-prime-day-2018", Some("2018-07-16");
    "kt-2021", Some("2021-10-25");
    "aws-us-east-1-2021", Some("2021-12-07");
    "kddi-2022", Some("2022-07-02");
    "rogers-2022", Some("2022-07-08");
    "google-oracle-uk-2022", Some("2022-07-19");
    "kakao-2022", Some("2022-10-15");
    "tencent-meeting-2022", Some("2022-12-12");
    "wechat-qq-2023", Some("2023-03-29");
    "optus-2023", Some("2023-11-08");
    "alibaba-cloud-2023", Some("2023-11-12");
    "didi-2023", Some("2023-11-27");
    "tencent-video-2023", Some("2023-12-03");
    "cdk-global-2024", Some("2024-06-19");
    "kakao-2022-hot-standby", None;
    "cloud-single-region", None;
    "cloud-two-regions", None;
    "kakao-network-misconfiguration", None;
    "kakao-bad-deploy", None;
    "saas-bad-deploy", None;
    "template", None;
}

/// The scenario the app opens on first start.
pub const DEFAULT_PRESET: &str = "kakao-2022";

impl Preset {
    /// The file name under `presets/`.
    #[must_use]
    pub fn file_name(&self) -> String {
        format!("{}.ron", self.id)
    }

    /// Parses the preset.
    pub fn load(&self) -> Result<Scenario, LoadError> {
        load::parse(self.text, &format!("presets/{}", self.file_name()))
    }
}

/// The preset with this id.
#[must_use]
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The default scenario. Shipped presets are tested to load; should one ever fail, a blank
/// scenario stands in rather than no app at all.
#[must_use]
pub fn default_scenario() -> Scenario {
    find(DEFAULT_PRESET).and_then(|p| p.load().ok()).unwrap_or_else(Scenario::blank)
}
