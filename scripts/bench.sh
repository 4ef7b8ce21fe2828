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
# Rounds alternate between the engine and the reference, so both see the machine in the same
# moods (a virtual machine's speed drifts from minute to minute); each figure is the median of
# the rounds' medians.
python3 - "$(nproc)" "$reference" <<'PY'
import statistics, subprocess, sys
threads, reference = int(sys.argv[1]), sys.argv[2]
data, rounds = "tests/data/payment_wallet_uncertain.ron", 3
def engine(t):
    out = subprocess.run(["target/release/examples/mc_timing", data, "100000", "7", str(t)],
                         check=True, capture_output=True, text=True).stdout
    return {k: float(v) for k, v in (line.split()[:2] for line in out.splitlines() if line.startswith("mc_seconds"))}
def numpy():
    out = subprocess.run(["python3", reference, "bench", "--samples", "100000"],
                         check=True, capture_output=True, text=True).stdout
    return float(next(line.split()[1] for line in out.splitlines() if line.startswith("mc_seconds")))
runs = [(numpy(), engine(1), engine(threads)) for _ in range(rounds)]
ref = statistics.median(r[0] for r in runs)
med = lambda i, key: statistics.median(r[i][key + ":"] for r in runs)
print(f"100 000 samples, 12 uncertain inputs, {rounds} alternating rounds of a median of 7 runs each")
print("(draw tables built, samples drawn and evaluated, P and Eco summarised, as the reference times)")
print(f"  numpy reference                        {ref * 1e3:8.2f} ms")
for i, t in [(1, 1), (2, threads)]:
    for kind in ["fresh", "reused"]:
        x = med(i, "mc_seconds_" + kind)
        name = f"{t} thread{'s' if t > 1 else ''}, {kind} buffers"
        print(f"  outage-cost, {name:<26}{x * 1e3:8.2f} ms   {ref / x:5.1f}x faster")
print("  each round's ratio, 2 threads reused: " + ", ".join(f"{r[0] / r[2]['mc_seconds_reused:']:.1f}x" for r in runs))
PY
if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench model -- --warm-up-time 1 --measurement-time 3 2>/dev/null | grep -E "time:|^[a-z]" | grep -v "^Benchmarking"
fi
