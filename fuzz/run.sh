#!/usr/bin/env bash
# Fuzz load → validate → evaluate → Monte Carlo → SVG export, seeded with the shipped presets.
#   fuzz/run.sh [RUNS]   (default 1 000 000; needs `cargo install cargo-fuzz`)
# The stable toolchain runs cargo-fuzz with RUSTC_BOOTSTRAP=1. A crash is saved under
# fuzz/artifacts/; copy it to tests/data/fuzz-regressions/ with a note once it is fixed.
set -euo pipefail
cd "$(dirname "$0")"
corpus=corpus/load_evaluate_export
mkdir -p "$corpus"
cp ../presets/*.ron ../tests/data/*.ron ../tests/data/fuzz-regressions/*.ron "$corpus"/ 2>/dev/null || true
RUSTC_BOOTSTRAP=1 cargo fuzz run -O load_evaluate_export "$corpus" -- -runs="${1:-1000000}" -max_len=8192 -print_final_stats=1
