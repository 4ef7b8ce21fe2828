//! Correlated inputs (DESIGN §2.4, §3 `correlations`): a Gaussian copula on the uniforms the
//! inverse-CDF draws start from, so each input keeps its own distribution.
//!
//! Each correlated input's uniform `u` becomes a standard normal `z = Φ⁻¹(u)`; the normals of a
//! sample are mixed by the lower Cholesky factor `L` of their correlation matrix and turned back
//! into uniforms `Φ(Lz)`, which the inputs' quantile functions then read as usual. A rank
//! (Spearman) correlation `ρ` between two inputs is a normal correlation `2·sin(πρ/6)`, the
//! Gaussian copula's exact relation, so the draws' rank correlations are the ones asked for.
//!
//! The matrix of normal correlations must be positive semi-definite (no set of numbers can have
//! correlations that contradict one another, such as a and b and b and c strongly positive but a
//! and c strongly negative); [`check`] refuses one that is not, naming the inputs. The
//! arithmetic is plain IEEE operations and the maths library's `exp`, `ln` and `sqrt`, in a fixed
//! order, so the numbers are the same on every instruction set and thread count.

use super::leaf::{Leaf, leaves};
use super::quantile::{normal_cdf, normal_quantile};
use super::rng::open01;
use crate::scenario::{Correlation, Scenario};

/// The correlated inputs of a run and how to mix them.
#[derive(Clone, Debug, PartialEq)]
pub struct Copula {
    /// The correlated inputs, as indices into the run's uncertain inputs.
    members: Vec<usize>,
    /// The lower Cholesky factor of their normal correlations, row by row (`m × m`).
    lower: Vec<f64>,
}

/// Why a set of correlations cannot be used: which entry, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorrelationError {
    /// The entry of `correlations` at fault (the last one involved).
    pub index: usize,
    /// What is wrong, one sentence.
    pub message: String,
}

/// The normal correlation with a given rank correlation under a Gaussian copula.
#[must_use]
pub fn normal_from_rank(rank: f64) -> f64 {
    2.0 * (std::f64::consts::PI * rank / 6.0).sin()
}

impl Copula {
    /// The copula for `pairs` over the uncertain inputs `drawn` (in drawing order); `None` when
    /// there are no pairs.
    pub fn new(drawn: &[Leaf], pairs: &[Correlation]) -> Result<Option<Self>, CorrelationError> {
        if pairs.is_empty() {
            return Ok(None);
        }
        let paths: Vec<String> = drawn.iter().map(|l| l.path()).collect();
        let mut members: Vec<usize> = Vec::new();
        let mut entries = Vec::with_capacity(pairs.len());
        for (index, pair) in pairs.iter().enumerate() {
            let fail = |message: String| CorrelationError { index, message };
            let find = |path: &str| {
                paths.iter().position(|p| p == path.trim()).ok_or_else(|| {
                    fail(format!(
                        "`{}` is not a ranged input: correlate two inputs written as Pert(…) or Range90(…), by field \
                         path (e.g. outage.duration_hours, businesses[0].dependence)",
                        path.trim()
                    ))
                })
            };
            let (a, b) = (find(&pair.a)?, find(&pair.b)?);
            if a == b {
                return Err(fail(format!("`{}` is correlated with itself: name two different inputs", pair.a.trim())));
            }
            if !(-1.0..=1.0).contains(&pair.rank) {
                return Err(fail(format!("rank {} is not a correlation: write a number from -1 to 1", pair.rank)));
            }
            let (a, b) = (a.min(b), a.max(b));
            if entries.iter().any(|&(x, y, _, _)| (x, y) == (a, b)) {
                return Err(fail(format!("`{}` and `{}` are correlated twice: keep one entry", paths[a], paths[b])));
            }
            for k in [a, b] {
                if !members.contains(&k) {
                    members.push(k);
                }
            }
            entries.push((a, b, normal_from_rank(pair.rank), index));
        }
        members.sort_unstable();
        let m = members.len();
        let at = |k: usize| members.iter().position(|&x| x == k).unwrap_or(0);
        let mut matrix = vec![0.0; m * m];
        for i in 0..m {
            matrix[i * m + i] = 1.0;
        }
        for &(a, b, r, _) in &entries {
            let (i, j) = (at(a), at(b));
            matrix[i * m + j] = r;
            matrix[j * m + i] = r;
        }
        match cholesky(&matrix, m) {
            Ok(lower) => Ok(Some(Self { members, lower })),
            Err(row) => {
                // The inputs of the leading block that fails, with a correlation inside it.
                let involved: Vec<&(usize, usize, f64, usize)> =
                    entries.iter().filter(|&&(a, b, _, _)| at(a) <= row && at(b) <= row).collect();
                let mut names: Vec<&str> = Vec::new();
                for &&(a, b, _, _) in &involved {
                    for k in [a, b] {
                        if !names.contains(&paths[k].as_str()) {
                            names.push(&paths[k]);
                        }
                    }
                }
                let index = involved.iter().map(|e| e.3).max().unwrap_or(0);
                Err(CorrelationError {
                    index,
                    message: format!(
                        "the correlations among {} cannot all hold together (their matrix is not positive \
                         semi-definite): weaken one of them",
                        names.join(", ")
                    ),
                })
            }
        }
    }

    /// How many inputs are correlated.
    #[must_use]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether none is.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The correlated inputs, as indices into the run's uncertain inputs (increasing).
    #[must_use]
    pub fn members(&self) -> &[usize] {
        &self.members
    }

    /// Mixes rows `0 .. n` of the members' random words (member `j`'s column at `j·stride`) so
    /// that the uniforms they make are correlated as asked.
    #[inline(always)]
    pub fn correlate(&self, words: &mut [u64], stride: usize, n: usize) {
        let m = self.members.len();
        let mut z = vec![0.0; m];
        for i in 0..n {
            for (j, zj) in z.iter_mut().enumerate() {
                *zj = normal_quantile(open01(words[j * stride + i]));
            }
            for k in 0..m {
                let row = &self.lower[k * m..=k * m + k];
                let mut y = 0.0;
                for (l, zj) in row.iter().zip(&z) {
                    y += l * zj;
                }
                words[k * stride + i] = from_uniform(normal_cdf(y));
            }
        }
    }
}

/// The random word whose uniform ([`open01`]) is nearest below `u`.
#[must_use]
#[inline(always)]
fn from_uniform(u: f64) -> u64 {
    const CELLS: f64 = 4_503_599_627_370_496.0; // 2⁵²
    ((u * CELLS) as u64).min((1 << 52) - 1) << 12
}

/// The lower Cholesky factor of a symmetric `m × m` matrix that is positive semi-definite (a zero
/// pivot allowed where its column below is zero too); `Err(row)` at the first row where it is not.
fn cholesky(a: &[f64], m: usize) -> Result<Vec<f64>, usize> {
    const TOLERANCE: f64 = 1e-9;
    let mut l = vec![0.0; m * m];
    for j in 0..m {
        let d = a[j * m + j] - (0..j).map(|k| l[j * m + k] * l[j * m + k]).sum::<f64>();
        if d < -TOLERANCE {
            return Err(j);
        }
        let pivot = d.max(0.0).sqrt();
        l[j * m + j] = pivot;
        for i in j + 1..m {
            let s = a[i * m + j] - (0..j).map(|k| l[i * m + k] * l[j * m + k]).sum::<f64>();
            if pivot > TOLERANCE {
                l[i * m + j] = s / pivot;
            } else if s.abs() > TOLERANCE {
                return Err(i);
            }
        }
    }
    Ok(l)
}

/// Checks a scenario's correlations against its ranged inputs: each names two different ranged
/// inputs by field path, once, with a rank from −1 to 1, and together they can hold.
pub fn check(scenario: &Scenario) -> Result<(), CorrelationError> {
    if scenario.correlations.is_empty() {
        return Ok(());
    }
    let drawn: Vec<Leaf> = leaves(scenario).into_iter().filter(|(_, e)| e.is_uncertain()).map(|(l, _)| l).collect();
    Copula::new(&drawn, &scenario.correlations).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Field;

    fn pair(a: &str, b: &str, rank: f64) -> Correlation {
        Correlation { a: a.to_owned(), b: b.to_owned(), rank }
    }

    const D: &str = "outage.duration_hours";
    const T: &str = "outage.recovery_tail_hours";
    const S: &str = "users.share_affected";

    fn drawn() -> Vec<Leaf> {
        [Field::ShareAffected, Field::DurationHours, Field::RecoveryTailHours].map(Leaf::Field).to_vec()
    }

    #[test]
    fn an_impossible_set_is_refused_naming_its_inputs() {
        let bad = [pair(D, T, 0.9), pair(T, S, 0.9), pair(D, S, -0.9)];
        let e = Copula::new(&drawn(), &bad).err().unwrap_or_else(|| panic!("accepted"));
        assert!(e.message.contains(D) && e.message.contains(T) && e.message.contains(S), "{}", e.message);
        assert_eq!(e.index, 2);
        let fine = [pair(D, T, 0.9), pair(T, S, 0.9), pair(D, S, 0.7)];
        assert!(Copula::new(&drawn(), &fine).is_ok_and(|c| c.is_some_and(|c| c.len() == 3)));
        // Perfect correlation is semi-definite: allowed.
        assert!(Copula::new(&drawn(), &[pair(D, T, 1.0)]).is_ok());
        assert!(Copula::new(&drawn(), &[pair(D, T, 1.5)]).is_err());
        assert!(Copula::new(&drawn(), &[pair(D, D, 0.5)]).is_err());
        assert!(Copula::new(&drawn(), &[pair(D, "outage.start_hour", 0.5)]).is_err());
        assert!(Copula::new(&drawn(), &[pair(D, T, 0.5), pair(T, D, 0.2)]).is_err());
        assert_eq!(Copula::new(&drawn(), &[]), Ok(None));
    }

    #[test]
    fn uniforms_round_trip_through_words() {
        for u in [1e-12, 0.01, 0.5, 0.987_654, 1.0 - 1e-12] {
            assert!((open01(from_uniform(u)) - u).abs() < 1e-15);
        }
        assert!(open01(from_uniform(0.0)) > 0.0 && open01(from_uniform(1.0)) < 1.0);
    }
}
