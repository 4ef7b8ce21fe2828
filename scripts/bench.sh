#!/usr/bin/env bash
# Speed against the numpy reference, measured in the same run on the same machine, on the
# reference's 12-uncertain-input scenario (shared/reference/examples/payment_wallet_uncertain.json,
# as RON in tests/data/):
# 1. the engine alone, 100 000 samples, against the reference's own `mc_seconds`;
# 2. the whole process `outage-cost eval FILE --samples 1000000 --json` (start, load, run, summarise,
#    drivers, tornado, JSON) against the reference's `mc_seconds` for 1 000 000 samples (DESIGN §7);
# 3. 100 000 000 samples: wall time and peak resident memory (/usr/bin/time -v).
# Then, unless --quick, the criterion benchmarks (one evaluation, the 500-point curve, the frame).
set -euo pipefail
cd "$(dirname "$0")/.."
reference=${REFERENCE:-../shared/reference/outage_model.py}
python3 -c "import numpy" 2>/dev/null || pip install --quiet numpy
cargo build --release --quiet --example mc_timing --bin outage-cost
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
print("(draw tables built, samples drawn and evaluated, every output summarised, streamed)")
print(f"  numpy reference                        {ref * 1e3:8.2f} ms")
for i, t in [(1, 1), (2, threads)]:
    for kind in ["fresh", "reused"]:
        x = med(i, "mc_seconds_" + kind)
        name = f"{t} thread{'s' if t > 1 else ''}, {kind} buffers"
        print(f"  outage-cost, {name:<26}{x * 1e3:8.2f} ms   {ref / x:5.1f}x faster")
print("  each round's ratio, 2 threads reused: " + ", ".join(f"{r[0] / r[2]['mc_seconds_reused:']:.1f}x" for r in runs))

# Whole process at 1 000 000 samples, one shot each, alternating with the reference.
import json, time
example = reference.replace("outage_model.py", "examples/payment_wallet_uncertain.json")
def numpy_mc(n):
    out = subprocess.run(["python3", reference, "mc", example, "--samples", str(n)],
                         check=True, capture_output=True, text=True).stdout
    return float(next(line.split()[1] for line in out.splitlines() if line.startswith("mc_seconds")))
def whole(n):
    started = time.perf_counter()
    out = subprocess.run(["target/release/outage-cost", "eval", data, "--samples", str(n), "--json"],
                         check=True, capture_output=True, text=True).stdout
    elapsed = time.perf_counter() - started
    return elapsed, json.loads(out)["monte_carlo"]["seconds"]
rounds = 9
pairs = [(numpy_mc(1_000_000), whole(1_000_000)) for _ in range(rounds)]
ref = statistics.median(p[0] for p in pairs)
process = statistics.median(p[1][0] for p in pairs)
engine = statistics.median(p[1][1] for p in pairs)
print()
print(f"1 000 000 samples, {rounds} alternating rounds, one shot each")
print(f"  numpy reference mc_seconds             {ref * 1e3:8.1f} ms")
print(f"  outage-cost eval --json, whole process {process * 1e3:8.1f} ms   {ref / process:5.1f}x faster")
print(f"  of which the run (draw, evaluate, summarise) {engine * 1e3:6.1f} ms")
print("  each round's ratio, whole process: " + ", ".join(f"{p[0] / p[1][0]:.1f}x" for p in pairs))
PY

# 100 000 000 samples: memory does not grow with the count.
/usr/bin/time -v target/release/outage-cost eval tests/data/payment_wallet_uncertain.ron --samples 100000000 --json \
  2>/tmp/outage-cost-1e8.time >/tmp/outage-cost-1e8.json
python3 - <<'PY'
import json, re
t = open("/tmp/outage-cost-1e8.time").read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
wall = re.search(r"Elapsed \(wall clock\) time .*: (.*)", t).group(1)
run = json.load(open("/tmp/outage-cost-1e8.json"))["monte_carlo"]["seconds"]
print()
print(f"100 000 000 samples: whole process {wall} (the run {run:.2f} s), peak resident {rss / 1024:.0f} MB")
PY
if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench model -- --warm-up-time 1 --measurement-time 3 2>/dev/null | grep -E "time:|^[a-z]" | grep -v "^Benchmarking"
fi
