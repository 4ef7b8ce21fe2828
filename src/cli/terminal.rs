//! Text from a file never drives the terminal: everything the command line prints goes through
//! [`Escaped`], which shows control characters (ESC, carriage return, backspace, C1 controls) and
//! bidirectional overrides as `\u202e`-style escapes. Line breaks stay line breaks; JSON stays valid
//! JSON (serde_json already escapes control characters inside strings, and a bidirectional
//! override becomes the JSON escape for the same character).

use std::fmt::Write as _;
use std::io::{self, Write};

/// A writer that escapes control characters on their way to the terminal.
pub struct Escaped<'a> {
    inner: &'a mut dyn Write,
    /// The start of a UTF-8 sequence split across two writes.
    carry: Vec<u8>,
}

impl<'a> Escaped<'a> {
    /// Wraps `inner`.
    pub fn new(inner: &'a mut dyn Write) -> Self {
        Self { inner, carry: Vec::new() }
    }
}

/// `text` with control characters and bidirectional overrides written as `\u202e`; line breaks
/// kept.
#[must_use]
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hostile(c) {
            // `\u202e`: readable on a terminal and a valid escape inside a JSON string.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that move the cursor, recolour or reorder text on a terminal.
fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl Write for Escaped<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.carry.extend_from_slice(buf);
        // An incomplete sequence at the end waits for the next write; invalid bytes pass.
        let valid = match std::str::from_utf8(&self.carry) {
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            _ => self.carry.len(),
        };
        let bytes = &self.carry[..valid];
        if bytes.iter().all(|&b| (0x20..0x7f).contains(&b) || b == b'\n') {
            // Printable ASCII and line breaks (all of most JSON): nothing to escape.
            self.inner.write_all(bytes)?;
        } else {
            let text = String::from_utf8_lossy(bytes).into_owned();
            self.inner.write_all(escape_controls(&text).as_bytes())?;
        }
        self.carry.drain(..valid);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.carry.is_empty() {
            let rest = String::from_utf8_lossy(&self.carry).into_owned();
            self.inner.write_all(escape_controls(&rest).as_bytes())?;
            self.carry.clear();
        }
        self.inner.flush()
    }
}

impl Drop for Escaped<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_and_line_breaks_kept() -> io::Result<()> {
        let mut sink = Vec::new();
        {
            let mut out = Escaped::new(&mut sink);
            writeln!(out, "name \x1b[31mred\r\u{202e}evil\u{85}")?;
            // A multi-byte character split across two writes survives.
            let won = "₩".as_bytes();
            out.write_all(&won[..1])?;
            out.write_all(&won[1..])?;
        }
        assert_eq!(String::from_utf8_lossy(&sink), "name \\u001b[31mred\\u000d\\u202eevil\\u0085\n₩");
        Ok(())
    }
}
