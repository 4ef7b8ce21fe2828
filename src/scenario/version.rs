//! The file format version: written as `version: 1`, checked on load.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The version of the scenario format a file was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatVersion(u32);

impl FormatVersion {
    /// The version this build reads and writes.
    pub const CURRENT: Self = Self(1);

    /// The version number.
    #[must_use]
    pub fn number(self) -> u32 {
        self.0
    }
}

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.0)
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let version = u32::deserialize(d)?;
        let current = Self::CURRENT.0;
        if version == 0 {
            Err(serde::de::Error::custom(format!("version 0 does not exist: write `version: {current}`")))
        } else if version > current {
            Err(serde::de::Error::custom(format!(
                "this file is format version {version}, newer than this build reads ({current}): \
                 update outage-cost to open it"
            )))
        } else {
            Ok(Self(version))
        }
    }
}
