//! A small, fully specified random generator, so the same seed gives the same numbers on every
//! run, platform and thread count.
//!
//! SplitMix64 (Steele, Lea and Flood; the generator behind Java's `SplittableRandom`, which passes
//! BigCrush): word `i` of a stream started at `s` is `mix(s + (i + 1)·γ)`. Because each word is
//! computed from its position alone, a [`Stream`] produces many words side by side, with no chain
//! of dependent steps; each chunk of Monte Carlo work reads its own stream, whose start is itself
//! mixed from the run's seed and the chunk's number.

/// SplitMix64's increment (the golden ratio in 64 bits, odd).
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a bijection of 64-bit words that scrambles every bit.
#[inline(always)]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64 one word after another (for tests, seeding and other small needs).
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting at `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next word.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GAMMA);
        mix(self.0)
    }

    /// A uniform number strictly between 0 and 1.
    pub fn next_open01(&mut self) -> f64 {
        open01(self.next_u64())
    }
}

/// SplitMix64 read by position: word `i` is the `i`-th output of the generator started at
/// `start`, computed without the words before it.
#[derive(Clone, Copy, Debug)]
pub struct Stream {
    start: u64,
}

impl Stream {
    /// The stream for `seed` and `stream` (independent streams for independent chunks of work).
    #[must_use]
    pub fn new(seed: u64, stream: u64) -> Self {
        Self { start: SplitMix64::new(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64() }
    }

    /// Word `i` (from 0).
    #[must_use]
    #[inline(always)]
    pub fn word(self, i: u64) -> u64 {
        mix(self.start.wrapping_add(i.wrapping_add(1).wrapping_mul(GAMMA)))
    }

    /// Words `0 .. out.len()`, in a loop the compiler turns into vector instructions.
    #[inline(always)]
    pub fn fill(self, out: &mut [u64]) {
        for (i, word) in (0..).zip(out) {
            *word = self.word(i);
        }
    }

    /// The stream from word `n` on.
    #[must_use]
    pub fn skip(self, n: u64) -> Self {
        Self { start: self.start.wrapping_add(n.wrapping_mul(GAMMA)) }
    }
}

/// The uniform number in (0, 1) that 64 random bits make: 52 of them, centred in their cell.
/// (With 53 bits, `2^53 − 1 + 0.5` would round up to `2^53` and give exactly 1.)
#[must_use]
#[inline]
pub fn open01(bits: u64) -> f64 {
    ((bits >> 12) as f64 + 0.5) * (1.0 / (1u64 << 52) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_its_published_sequence() {
        // First outputs of SplitMix64 seeded with 1234567 (reference implementation).
        let mut m = SplitMix64::new(1_234_567);
        assert_eq!(m.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(m.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn a_stream_is_splitmix_read_by_position() {
        let stream = Stream::new(42, 3);
        let mut one_by_one = SplitMix64::new(stream.start);
        let mut filled = [0; 100];
        stream.fill(&mut filled);
        for (i, &word) in (0..).zip(&filled) {
            let next = one_by_one.next_u64();
            assert_eq!(stream.word(i), next, "word {i}");
            assert_eq!(word, next, "word {i}");
        }
        assert_eq!(stream.skip(40).word(2), filled[42]);
    }

    #[test]
    fn streams_differ_and_repeat() {
        let words = |seed, stream| (0..4).map(|i| Stream::new(seed, stream).word(i)).collect::<Vec<_>>();
        assert_eq!(words(42, 0), words(42, 0));
        assert_ne!(words(42, 0), words(42, 1));
        assert_ne!(words(42, 0), words(43, 0));
    }

    #[test]
    fn the_extreme_bits_stay_inside_the_open_interval() {
        assert!(open01(u64::MAX) < 1.0);
        assert!(open01(0) > 0.0);
    }

    #[test]
    fn uniforms_are_open_centred_and_even() {
        let stream = Stream::new(7, 3);
        let n = 200_000;
        let (mut sum, mut cells) = (0.0, [0_u32; 16]);
        for i in 0..n {
            let u = open01(stream.word(i));
            assert!(u > 0.0 && u < 1.0);
            sum += u;
            cells[(u * 16.0) as usize] += 1;
        }
        assert!((sum / n as f64 - 0.5).abs() < 0.005);
        // Each sixteenth of the interval gets its share, within five standard deviations.
        for c in cells {
            assert!((f64::from(c) - n as f64 / 16.0).abs() < 5.0 * (n as f64 / 16.0).sqrt(), "{cells:?}");
        }
    }
}
