#!/usr/bin/env bash
# Speed against the numpy reference, measured in the same run on the same machine: 100 000 Monte
# Carlo samples of the reference's 12-uncertain-input scenario (shared/reference/examples/
# payment_wallet_uncertain.json, as RON in tests/data/). Prints both times and the ratios.
# Then, unless --quick, the criterion benchmarks (one evaluation, the 500-point curve, the frame).
set -euo pipefail
cd "$(dirname "$0")/.."
reference=${REFERENCE:-../shared/reference/outage_model.py}
python3 -c "import numpy" 2>/dev/null || pip install --quiet numpy
cargo build --release --quiet --example mc_timing
threads=$(nproc)
rust1=$(target/release/examples/mc_timing tests/data/payment_wallet_uncertain.ron 100000 7 1 | awk '/mc_seconds/ {print $2}')
rustn=$(target/release/examples/mc_timing tests/data/payment_wallet_uncertain.ron 100000 7 "$threads" | awk '/mc_seconds/ {print $2}')
numpy=$(python3 "$reference" bench --samples 100000 | awk '/mc_seconds/ {print $2}')
python3 - "$numpy" "$rust1" "$rustn" "$threads" <<'PY'
import sys
numpy, one, many, threads = map(float, sys.argv[1:])
print(f"100 000 samples, 12 uncertain inputs (median of 7 runs each)")
print(f"  numpy reference         {numpy * 1e3:8.2f} ms")
print(f"  outage-cost, 1 thread   {one * 1e3:8.2f} ms   {numpy / one:5.1f}x faster")
print(f"  outage-cost, {int(threads)} threads  {many * 1e3:8.2f} ms   {numpy / many:5.1f}x faster")
PY
if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench model -- --warm-up-time 1 --measurement-time 3 2>/dev/null | grep -E "time:|^[a-z]" | grep -v "^Benchmarking"
fi
