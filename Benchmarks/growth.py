#!/usr/bin/env python3
"""Growth from one size to a larger one: kgsh's against the fastest peer's (issue #6: each query
should grow no faster than the fastest peer from 1M to 5M).

  python3 Benchmarks/growth.py Benchmarks/results/table_1m.json Benchmarks/results/table_5m.json

Reads the --json summaries compare.py writes. "Fastest peer" is the peer with the lowest median
at the larger size; its growth is its own larger/smaller median. "Answer grows" is the growth of
the answer's row count, and "µs per row" kgsh's median over its rows at each size: time that
follows the answer grows as the answer does; more than that is work per row that grows with the
graph (cache misses in a larger store).
"""
import json
import sys


def ms(seconds):
    x = seconds * 1000
    return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as fh:
        small = json.load(fh)
    with open(sys.argv[2], encoding="utf-8") as fh:
        big = json.load(fh)
    print(f"| query | kgsh {small['size']} ms | kgsh {big['size']} ms | kgsh growth | answer grows "
          f"| kgsh µs per row {small['size']} → {big['size']} | fastest peer at {big['size']} | its growth | kgsh grows no faster |")
    print("|---|---|---|---|---|---|---|---|---|")
    lk, bk = small["kgsh"].get("load_s"), big["kgsh"].get("load_s")
    for q, b in big["queries"].items():
        a = small["queries"].get(q)
        if not a or not a.get("kgsh_median_s") or not b.get("kgsh_median_s"):
            continue
        g = b["kgsh_median_s"] / a["kgsh_median_s"]
        peers = {p: v for p, v in b["peers"].items() if v and a["peers"].get(p)}
        if peers:
            best = min(peers, key=peers.get)
            pg = peers[best] / a["peers"][best]
            cells = [best, f"×{pg:.1f}", "yes" if g <= pg else "no"]
        else:
            cells = ["-", "-", "-"]
        ra, rb = a.get("rows"), b.get("rows")
        answer = f"×{rb / ra:.1f}" if ra and rb else "-"
        per_row = f"{a['kgsh_median_s'] * 1e6 / ra:.3g} → {b['kgsh_median_s'] * 1e6 / rb:.3g}" if ra and rb and ra >= 100 else "-"
        print(f"| {q} | {ms(a['kgsh_median_s'])} | {ms(b['kgsh_median_s'])} | ×{g:.1f} | {answer} | {per_row} | "
              + " | ".join(cells) + " |")
    if lk and bk:
        print(f"| load | {lk:.2f} s | {bk:.2f} s | ×{bk / lk:.1f} | | | | | |")


if __name__ == "__main__":
    main()
