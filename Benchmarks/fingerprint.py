#!/usr/bin/env python3
"""Add the peers' row count and fingerprint to each query of a kgsh-bench report.

  python3 Benchmarks/fingerprint.py results/kgsh_1m.json [--harness ../peer-bench]

The fingerprint is computed by the peer harness's own `fingerprint(q, rows)` (and so its `norm`),
imported from peers.py in --harness (default: $PEER_BENCH, else ../peer-bench, else
../shared/bench beside the repository), so kgsh's answers are compared with the peers' exactly
as the peers are compared with each other: sorted normalised rows, ordered for Q6/Q7, lexical
forms for Q2.

kgsh-bench writes each cell already in the shape the peers' norm() gives: IRIs as full IRI
strings, integers as ints, decimals as floats, dates as ISO strings, Q10 the path length as an
int. One query needs its rows reshaped to the peers' columns (ADAPT below):
  Q2  kgsh returns (p, o, s) with o bound for outgoing facts and s for incoming ones (it cannot
      bind the constants "out"/"in"); the peers return (dir, p, other).
The report is rewritten in place with, per query: fingerprint, and adapted_rows (the number of
rows after reshaping, which equals rows).
"""
import argparse
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def harness_dir(given=None):
    for d in (given, os.environ.get("PEER_BENCH"), os.path.join(REPO, "..", "peer-bench"),
              os.path.join(REPO, "..", "shared", "bench")):
        if d and os.path.isfile(os.path.join(d, "peers.py")):
            return os.path.abspath(d)
    raise SystemExit("fingerprint.py: cannot find the peer harness's peers.py (give --harness DIR)")


def load_peers(directory):
    spec = importlib.util.spec_from_file_location("peers", os.path.join(directory, "peers.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # peers.py imports only the standard library at module level
    return mod


def _q2(row):
    p, o, s = row
    return ("out", p, o) if s is None else ("in", p, s)


ADAPT = {"Q2": _q2}


def adapt(q, rows):
    f = ADAPT.get(q)
    return [tuple(f(r)) if f else tuple(r) for r in rows]


def add_fingerprints(report, peers):
    for q, e in report.get("queries", {}).items():
        if e.get("status") != "ok":
            continue
        rows = adapt(q, e["result"])
        fp, _ = peers.fingerprint(q, rows)
        e["fingerprint"] = fp
        e["adapted_rows"] = len(rows)
    return report


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("report", help="kgsh-bench JSON (rewritten in place)")
    ap.add_argument("--harness", help="directory of the peer harness (peers.py)")
    a = ap.parse_args()
    d = harness_dir(a.harness)
    peers = load_peers(d)
    with open(a.report, encoding="utf-8") as fh:
        report = json.load(fh)
    add_fingerprints(report, peers)
    report["fingerprint_harness"] = d
    tmp = a.report + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(report, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, a.report)
    for q, e in report["queries"].items():
        print(f"  {q}: rows={e.get('rows', '-'):>7} fp={e.get('fingerprint', e.get('status'))}", file=sys.stderr)


if __name__ == "__main__":
    main()
