//! The shipped registers, compiled into the binary like the scenario presets: the Kakao platform
//! with and without its new data center, and a SaaS company on one cloud region against two.

use super::Register;
use super::load::parse;
use crate::scenario::LoadError;

/// A shipped register file.
#[derive(Clone, Copy, Debug)]
pub struct RegisterPreset {
    /// Short id, also the file stem (`kakao-register`).
    pub id: &'static str,
    /// The RON text.
    pub text: &'static str,
}

macro_rules! registers {
    ($($id:literal;)*) => {
        /// Every shipped register.
        pub const REGISTERS: &[RegisterPreset] = &[$(RegisterPreset {
            id: $id,
            text: include_str!(concat!("../../presets/", $id, ".ron")),
        }),*];
    };
}

registers! {
    "kakao-register";
    "kakao-register-new-dc";
    "saas-register-one-region";
    "saas-register-two-regions";
}

impl RegisterPreset {
    /// The file name under `presets/`.
    #[must_use]
    pub fn file_name(&self) -> String {
        format!("{}.ron", self.id)
    }

    /// Parses the register (entries not resolved).
    pub fn parse(&self) -> Result<Register, LoadError> {
        parse(self.text, &format!("presets/{}", self.file_name()))
    }
}

/// The shipped register with this id.
#[must_use]
pub fn find(id: &str) -> Option<&'static RegisterPreset> {
    REGISTERS.iter().find(|p| p.id == id)
}
