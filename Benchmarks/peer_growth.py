#!/usr/bin/env python3
"""The peers' growth from one graph to a larger one, measured as kgsh-bench --vs measures kgsh's:
both graphs loaded into one process (two stores, two connections), each query run on the smaller
and the larger graph in turns, growth = the median of the pairs' ratios. Uses the peer classes
of the harness (../peer-bench/peers.py) unchanged.

  ../peer-bench/.venv/bin/python Benchmarks/peer_growth.py --peer duckdb --size 1m --vs 5m \\
      [--runs 7] [--warmup 1] [--queries Q2,Q4] [--json OUT]
"""
import argparse
import json
import os
import statistics
import sys
import time
from types import SimpleNamespace

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.environ.get("PEER_BENCH", os.path.join(HERE, "..", "..", "peer-bench"))
sys.path.insert(0, BENCH)
import peers  # noqa: E402  (the harness: its loaders and query runners)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peer", required=True, choices=sorted(peers.PEERS))
    ap.add_argument("--size", default="1m")
    ap.add_argument("--vs", default="5m")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--queries", default=",".join(peers.QUERIES))
    ap.add_argument("--json")
    a = ap.parse_args()

    engines = []
    for size in (a.size, a.vs):
        args = SimpleNamespace(nt=os.path.join(BENCH, "data", f"kg_{size}.nt"),
                               csv=os.path.join(BENCH, "data", f"kg_{size}.kuzu_csv"))
        engine = peers.PEERS[a.peer](args)
        t = time.perf_counter()
        n = engine.load(args)
        print(f"{a.peer} {size}: {n} loaded in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
        engines.append(engine)

    report = dict(peer=a.peer, version=engines[0].version, sizes=[a.size, a.vs], runs=a.runs, warmup=a.warmup, queries={})
    for q in a.queries.split(","):
        text = peers.read_query(engines[0].lang, q)
        if text is None:
            continue
        try:
            rows = [None, None]
            for _ in range(a.warmup):
                for g in (0, 1):
                    rows[g] = engines[g].run(text)
            times = [[], []]
            for _ in range(a.runs):
                for g in (0, 1):
                    t = time.perf_counter()
                    rows[g] = engines[g].run(text)
                    times[g].append(time.perf_counter() - t)
        except Exception as e:  # record and go on, as peers.py does
            print(f"  {q}: ERROR {str(e)[:200]}", file=sys.stderr, flush=True)
            continue
        ratios = [b / s for s, b in zip(times[0], times[1])]
        growth = statistics.median(ratios)
        report["queries"][q] = dict(rows=[len(rows[0]), len(rows[1])], median_s=[statistics.median(t) for t in times],
                                    growth=growth, pair_ratios=ratios)
        print(f"  {q}: rows {len(rows[0]):>7} → {len(rows[1]):>7}  median {statistics.median(times[0]) * 1000:9.3f} → "
              f"{statistics.median(times[1]) * 1000:9.3f} ms  growth ×{growth:.2f} (pairs ×{min(ratios):.2f}–×{max(ratios):.2f})",
              file=sys.stderr, flush=True)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=1)


if __name__ == "__main__":
    main()
