#!/usr/bin/env python3
"""Compare `outage-cost eval --json` with the independent numpy reference model, figure by figure.

Usage: scripts/crosscheck.py [--reference PATH/outage_model.py] [--binary PATH] FILE.ron...
Exits 1 if any figure differs by more than 1e-9 relative. Needs python3 with numpy.
Compare only scenarios with Flat or Custom profiles: the reference shapes its named profiles alike,
but it documents that they may differ.
"""
import argparse, json, subprocess, sys, tempfile, os

PAIRS = {  # reference name -> path in our results
    "H": "effective_hours", "sla_downtime_minutes": "sla_downtime_minutes", "uptime": "uptime",
    "sla_credit_share": "sla_credit_share", "users_affected": "users_affected", "user_hours": "user_hours",
    "revenue_per_hour": "revenue_per_hour", "churn_share": "churn_share", "M": "market_value_hit",
    "P": "provider_cost", "Eco": "ecosystem_loss", "combined": "combined_impact",
    "cost_per_hour": "cost_per_hour", "annual_expected_loss": "annual_expected_loss", "P_usd": "provider_cost_usd",
}

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", default=os.path.join(here, "../../shared/reference/outage_model.py"))
    ap.add_argument("--binary", default=os.path.join(here, "../target/release/outage-cost"))
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    worst, failed = 0.0, False
    for f in a.files:
        ours = json.loads(subprocess.run([a.binary, "eval", f, "--json"], check=True, capture_output=True).stdout)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as t:
            json.dump(ours, t)
        ref = json.loads(subprocess.run([sys.executable, a.reference, "eval", t.name, "--json"], check=True,
                                        capture_output=True).stdout)["results"]
        os.unlink(t.name)
        res = ours["results"]
        mine = {k: res[v] for k, v in PAIRS.items()}
        mine.update({c["id"]: c["value"] for c in res["components"]})
        diffs = {k: abs(mine[k] - ref[k]) / max(abs(ref[k]), 1e-300) for k in mine if k in ref}
        bad = {k: (mine[k], ref[k]) for k, d in diffs.items() if d > 1e-9}
        worst = max([worst, *diffs.values()])
        failed |= bool(bad)
        print(f"{f}: {len(diffs)} figures, max relative difference {max(diffs.values()):.2e}" + (f"  MISMATCH {bad}" if bad else ""))
    print(f"worst relative difference {worst:.2e}")
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    main()
