#!/usr/bin/env python3
"""The table of Benchmarks/pairs.sh: kgsh's growth from 1M to 5M measured in pairs
(kgsh_growth.json, from kgsh-bench --vs) beside each peer's (peer_growth_PEER.json, from
peer_growth.py), the fastest peer being the one with the lowest median at 5M in its own pairs.

  python3 Benchmarks/pairs_table.py Benchmarks/results [--commit C] [--date D]
"""
import argparse
import datetime
import json
import os


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--commit", default="?")
    ap.add_argument("--date", default="?")
    a = ap.parse_args()
    with open(os.path.join(a.out, "kgsh_growth.json"), encoding="utf-8") as fh:
        kgsh = json.load(fh)
    peers, when = {}, []
    for name in ("oxigraph", "duckdb", "kuzu"):
        path = os.path.join(a.out, f"peer_growth_{name}.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                peers[name] = json.load(fh)["queries"]
            when.append(datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc))
    # Without --peers, pairs.sh leaves the peers' files of an earlier run: say when they were written.
    stamp = f" (their pairs written {min(when):%Y-%m-%dT%H:%MZ}–{max(when):%H:%MZ})" if when else ""
    print(f"Measured in pairs {a.date} at commit {a.commit}: kgsh {kgsh['runs']} pairs per query"
          + (f"; peers {', '.join(peers)}{stamp}" if peers else ", no peers") + ".")
    print()
    names = list(peers)
    print("| query | answer grows | kgsh 1M → 5M ms | kgsh growth | " + " | ".join(f"{p} growth" for p in names)
          + " | fastest peer at 5M | kgsh grows no faster |")
    print("|---|---|---|---|" + "---|" * len(names) + "---|---|")
    for q, k in kgsh["queries"].items():
        r1, r5 = k["rows"]
        answer = f"×{r5 / r1:.1f}" if r1 else "-"
        m1, m5 = (x * 1000 for x in k["median_s"])
        cells = []
        for p in names:
            v = peers[p].get(q)
            cells.append(f"×{v['growth']:.2f}" if v else "-")
        ran = {p: peers[p][q] for p in names if q in peers[p]}
        if ran:
            best = min(ran, key=lambda p: ran[p]["median_s"][1])
            g = ran[best]["growth"]
            verdict = "yes" if k["growth"] <= g else "no"
            fastest = f"{best} ×{g:.2f}"
        else:
            fastest, verdict = "-", "-"
        print(f"| {q} | {answer} | {m1:.3g} → {m5:.3g} | ×{k['growth']:.2f} | " + " | ".join(cells)
              + f" | {fastest} | {verdict} |")


if __name__ == "__main__":
    main()
