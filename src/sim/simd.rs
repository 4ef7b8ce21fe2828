//! Hot loops with the widest vector instructions the processor has.
//!
//! The engine's loops are plain Rust over small arrays of numbers, which the compiler turns into
//! vector instructions as wide as it may assume. A portable x86-64 build may only assume SSE2
//! (two numbers per instruction), so [`widest`] has the work compiled twice more, for AVX2 (four)
//! and AVX-512 (eight), and picks at run time what the processor supports.
//!
//! The numbers do not depend on the choice: Rust never fuses `a·b + c` into one rounding, and
//! the wider code performs the same IEEE operations in the same order, so every path gives the
//! same bits (a test runs each path the processor has and compares). Only the speed differs.

/// An instruction set [`with`] can compile for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isa {
    /// Whatever the build targets (SSE2 on plain x86-64).
    Portable,
    /// AVX2: four `f64` per instruction.
    Avx2,
    /// AVX-512 (F, DQ and VL): eight `f64` per instruction.
    Avx512,
}

impl Isa {
    /// Whether this processor can run code compiled for `self`.
    #[must_use]
    pub fn supported(self) -> bool {
        match self {
            Isa::Portable => true,
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => std::arch::is_x86_feature_detected!("avx2"),
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => {
                std::arch::is_x86_feature_detected!("avx512f")
                    && std::arch::is_x86_feature_detected!("avx512dq")
                    && std::arch::is_x86_feature_detected!("avx512vl")
            }
            #[cfg(not(target_arch = "x86_64"))]
            _ => false,
        }
    }

    /// The widest instruction set this processor supports.
    #[must_use]
    pub fn best() -> Self {
        [Isa::Avx512, Isa::Avx2].into_iter().find(|isa| isa.supported()).unwrap_or(Isa::Portable)
    }
}

/// A piece of work to compile for several instruction sets.
///
/// It is compiled for each set only as far as it is inlined, so [`Kernel::run`] and the
/// functions it calls should be `#[inline(always)]` down to the loops that matter. (A trait
/// rather than a closure because closures cannot be marked so.)
pub trait Kernel {
    /// What the work gives.
    type Output;
    /// Does the work.
    fn run(self) -> Self::Output;
}

/// Runs `kernel` compiled for the widest instruction set this processor supports.
#[inline(always)]
pub fn widest<K: Kernel>(kernel: K) -> K::Output {
    with(Isa::best(), kernel)
}

/// Runs `kernel` compiled for `isa`, or for [`Isa::Portable`] if this processor does not support
/// it.
#[allow(unsafe_code)]
#[inline(always)]
pub fn with<K: Kernel>(isa: Isa, kernel: K) -> K::Output {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "avx2")]
        fn avx2<K: Kernel>(kernel: K) -> K::Output {
            kernel.run()
        }
        #[target_feature(enable = "avx512f,avx512dq,avx512vl")]
        fn avx512<K: Kernel>(kernel: K) -> K::Output {
            kernel.run()
        }
        if isa == Isa::Avx512 && isa.supported() {
            // SAFETY: the processor has just been found to support AVX-512 F, DQ and VL.
            return unsafe { avx512(kernel) };
        }
        if isa == Isa::Avx2 && isa.supported() {
            // SAFETY: the processor has just been found to support AVX2.
            return unsafe { avx2(kernel) };
        }
    }
    kernel.run()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sum(u32);

    impl Kernel for Sum {
        type Output = f64;
        #[inline(always)]
        fn run(self) -> f64 {
            (1..=self.0).map(f64::from).sum()
        }
    }

    #[test]
    fn every_set_runs_the_work_and_unsupported_ones_fall_back() {
        assert!(Isa::Portable.supported());
        assert!(Isa::best().supported());
        for isa in [Isa::Portable, Isa::Avx2, Isa::Avx512] {
            assert_eq!(with(isa, Sum(10)), 55.0);
        }
    }
}
