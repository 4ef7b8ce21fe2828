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
data=tests/data/payment_wallet_uncertain.ron
one=$(target/release/examples/mc_timing "$data" 100000 7 1)
many=$(target/release/examples/mc_timing "$data" 100000 7 "$threads")
numpy=$(python3 "$reference" bench --samples 100000 | awk '/mc_seconds/ {print $2}')
pick() { awk -v k="$2" '$1 == k":" {print $2}' <<<"$1"; }
python3 - "$numpy" "$(pick "$one" mc_seconds_fresh)" "$(pick "$one" mc_seconds_reused)" \
  "$(pick "$many" mc_seconds_fresh)" "$(pick "$many" mc_seconds_reused)" "$threads" <<'PY'
import sys
numpy, one_fresh, one_reused, many_fresh, many_reused, threads = map(float, sys.argv[1:])
print("100 000 samples, 12 uncertain inputs, median of 7 runs each, measured now on this machine")
print("(draw tables built, samples drawn and evaluated, P and Eco summarised, as the reference times)")
print(f"  numpy reference                        {numpy * 1e3:8.2f} ms")
for name, t in [("1 thread, fresh buffers", one_fresh), ("1 thread, reused buffers", one_reused),
                (f"{int(threads)} threads, fresh buffers", many_fresh), (f"{int(threads)} threads, reused buffers", many_reused)]:
    print(f"  outage-cost, {name:<26}{t * 1e3:8.2f} ms   {numpy / t:5.1f}x faster")
PY
if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench model -- --warm-up-time 1 --measurement-time 3 2>/dev/null | grep -E "time:|^[a-z]" | grep -v "^Benchmarking"
fi
