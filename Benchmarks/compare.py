#!/usr/bin/env python3
"""One table: kgsh against each peer, per metric, with the ratio to the fastest peer, the issue #6
target, and whether the answers agree.

  python3 Benchmarks/compare.py --size 1m --kgsh Benchmarks/results/kgsh_1m.json \
      [--loadonly Benchmarks/results/loadonly_kgsh_1m.txt] [--seed Benchmarks/results/seed.txt] \
      [--peers-raw ../peer-bench/results/raw] [--json OUT]

Peer figures come from the harness's results/raw/<peer>_<size>.json (+ its /usr/bin/time logs),
read with the harness's own summarize.py helpers; without them only kgsh's figures are shown.
Answers: a peer agrees when its row count and fingerprint equal kgsh's (Q2 with Kuzu by count,
as the peers compare among themselves). For the ordered queries Q6/Q7 a differing fingerprint is
examined further against the rows the peer stored: "same rows, ties ordered differently" means
the same rows with the same sort values, only rows of equal value in another order.
"""
import argparse
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fingerprint as fpmod  # noqa: E402

PEERS = ["oxigraph", "duckdb", "kuzu", "rdflib"]
QS = [f"Q{i}" for i in range(1, 11)]
MB = 1048576.0


def med(xs):
    return statistics.median(xs) if xs else None


def fmt_num(x, unit=""):
    if x is None:
        return "-"
    if abs(x) >= 100:
        return f"{x:,.0f}{unit}"
    if abs(x) >= 1:
        return f"{x:.2f}{unit}"
    return f"{x:.3f}{unit}"


def fmt_int(x):
    return "-" if x is None else f"{x:,.0f}"


def fmt_ms(s):
    return "-" if s is None else fmt_num(s * 1000)


def read_kgsh_loadonly(path):
    """In-process load seconds, whole-process wall seconds and peaks (MB) of kgsh-bench --load-only runs."""
    inproc, walls, peaks = [], [], []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                m = re.match(r"kgsh load ([\d.]+)s ", line)
                if m:
                    inproc.append(float(m.group(1)))
                m = re.match(r"wall_s ([\d.]+) user_s ([\d.]+) sys_s ([\d.]+) peak_kb (\d+)", line)
                if m:
                    walls.append(float(m.group(1)))
                    peaks.append(int(m.group(4)) / 1024)
    return inproc, walls, peaks


def read_seed(path):
    """Whole-process seconds of `kgsh -c 'show 인천시'` runs, one `wall_s X` per line."""
    xs = []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                m = re.match(r"wall_s ([\d.e+-]+)", line)
                if m:
                    xs.append(float(m.group(1)))
    return xs


def peer_figures(raw, size, summ):
    out = {}
    for p in PEERS:
        f = os.path.join(raw, f"{p}_{size}.json")
        if not os.path.exists(f):
            continue
        with open(f, encoding="utf-8") as fh:
            r = json.load(fh)
        walls, peaks, inproc = summ.read_loadonly(os.path.join(raw, f"loadonly_{p}_{size}.txt"))
        full_peak, _ = summ.read_time_v(os.path.join(raw, f"{p}_{size}.log"))
        out[p] = dict(
            report=r,
            mtime=os.path.getmtime(f),
            load_s=med(inproc) if inproc else r["load_s"],
            load_runs=len(inproc) or 1,
            load_wall_s=med(walls),
            peak_load_mb=med(peaks) if peaks else r.get("maxrss_after_load_mb"),
            rss_before_mb=r["rss_after_import_mb"],
            rss_after_mb=r["rss_after_load_mb"],
            peak_full_mb=full_peak if full_peak else r.get("maxrss_end_mb"),
        )
    return out


def agreement(q, k, peer_name, pe, kgsh_nrows, ordered):
    """How one peer's answer to q compares with kgsh's: (agrees, text)."""
    if not pe or pe.get("status") == "n/a":
        return None, "n/a"
    if pe.get("status") != "ok":
        return None, pe.get("status", "?")
    if k.get("status") != "ok":
        return False, "kgsh failed"
    if pe["rows"] != k["rows"]:
        return False, f"rows {k['rows']} vs {pe['rows']}"
    if q == "Q2" and peer_name == "kuzu":
        return True, "count"
    if pe["fingerprint"] == k.get("fingerprint"):
        return True, "yes"
    if q in ordered and "result" in pe:
        theirs = [tuple(r) for r in pe["result"]]
        ours = [tuple(r) for r in kgsh_nrows[: len(theirs)]]
        if sorted(ours, key=repr) == sorted(theirs, key=repr):
            # which columns hold the sort values: those that are not IRIs
            def values(rows):
                return [tuple(x for x in r if not (isinstance(x, str) and x.startswith("http"))) for r in rows]
            if values(ours) == values(theirs):
                return False, "same rows, ties ordered differently"
        return False, "different rows"
    return False, "different rows"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", required=True)
    ap.add_argument("--kgsh", required=True, help="kgsh-bench JSON (fingerprints added if missing)")
    ap.add_argument("--loadonly", help="kgsh --load-only log (kgsh-bench stderr + /usr/bin/time lines)")
    ap.add_argument("--seed", help="whole-process times of kgsh -c 'show 인천시' (wall_s lines)")
    ap.add_argument("--peers-raw", help="the peer harness's results/raw directory")
    ap.add_argument("--harness", help="the peer harness directory (peers.py, summarize.py)")
    ap.add_argument("--json", help="also write the table's figures here")
    a = ap.parse_args()

    hdir = fpmod.harness_dir(a.harness)
    peers_mod = fpmod.load_peers(hdir)
    import importlib.util
    spec = importlib.util.spec_from_file_location("summarize", os.path.join(hdir, "summarize.py"))
    summ = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(summ)

    with open(a.kgsh, encoding="utf-8") as fh:
        k = json.load(fh)
    fpmod.add_fingerprints(k, peers_mod)
    triples = k["triples_read"]
    raw = a.peers_raw or os.path.join(hdir, "results", "raw")
    peers = peer_figures(raw, a.size, summ) if os.path.isdir(raw) else {}
    names = [p for p in PEERS if p in peers]

    inproc, walls, peaks = read_kgsh_loadonly(a.loadonly)
    k_load = med(inproc + [k["load_s"]])
    k_load_n = len(inproc) + 1
    kg = dict(
        load_s=k_load,
        load_wall_s=med(walls),
        peak_load_mb=med(peaks) if peaks else k["hwm_after_load_kb"] / 1024,
        rss_after_mb=k["rss_after_load_kb"] / 1024,
        bpt=(k["rss_after_load_kb"] - k["rss_before_load_kb"]) * 1024 / triples,
        peak_full_mb=k["hwm_end_kb"] / 1024,
    )

    def bpt(p):
        f = peers[p]
        return (f["rss_after_mb"] - f["rss_before_mb"]) * MB / triples

    rows = []  # (metric, kgsh value str, {peer: str}, best str, ratio str, target str, met str, answers str)
    summary = {"size": a.size, "triples": triples, "kgsh": {}, "peers": {}, "queries": {}}

    def best_of(vals):
        vals = {p: v for p, v in vals.items() if v is not None}
        if not vals:
            return None, None
        p = min(vals, key=vals.get)
        return p, vals[p]

    def add(metric, kval, pvals, fmt, target=None, target_text="", lower_better=True, answers=""):
        bp, bv = best_of(pvals)
        ratio = f"{kval / bv:.2f}×" if kval is not None and bv else "-"
        met = "-"
        if target is not None and kval is not None:
            met = "yes" if kval <= target else "no"
        rows.append((metric, fmt(kval), {p: fmt(pvals.get(p)) for p in names},
                     f"{bp} {fmt(bv)}" if bp else "-", ratio, target_text, met, answers))

    ox = peers.get("oxigraph")
    add(f"load from N-Triples, s (in-process, median of {k_load_n})", kg["load_s"],
        {p: peers[p]["load_s"] for p in names}, lambda x: fmt_num(x),
        target=ox["load_s"] / 7 if ox else None,
        target_text=f"≤ {ox['load_s'] / 7:.2f} (Oxigraph ÷ 7)" if ox else "Oxigraph ÷ 7")
    if kg["load_wall_s"] is not None or any(peers[p]["load_wall_s"] for p in names):
        add(f"load, whole process, s (median of {len(walls)})", kg["load_wall_s"],
            {p: peers[p]["load_wall_s"] for p in names}, lambda x: fmt_num(x))
    add("peak RSS while loading, MB", kg["peak_load_mb"], {p: peers[p]["peak_load_mb"] for p in names},
        fmt_int)
    add("RSS holding the graph, MB", kg["rss_after_mb"], {p: peers[p]["rss_after_mb"] for p in names},
        fmt_int)
    add("bytes per triple (RSS after load − before)", kg["bpt"], {p: bpt(p) for p in names},
        fmt_int, target=120, target_text="≤ 120")
    if k.get("rss_after_trim_kb"):
        trimmed = (k["rss_after_trim_kb"] - k["rss_before_load_kb"]) * 1024 / triples
        rows.append(("… after malloc_trim(0): freed heap returned (kgsh only)", fmt_int(trimmed),
                     {p: "-" for p in names}, "-", "-", "≤ 120", "yes" if trimmed <= 120 else "no", ""))
        kg["bpt_trimmed"] = trimmed
    add("peak RSS, whole run incl. queries, MB", kg["peak_full_mb"], {p: peers[p]["peak_full_mb"] for p in names},
        fmt_int)

    all_agree = True
    for q in QS:
        ke = k["queries"].get(q)
        if not ke:
            continue
        kms = ke.get("median_s") if ke.get("status") == "ok" else None
        pvals = {}
        answers = []
        knrows = []
        if ke.get("status") == "ok":
            _, knrows = peers_mod.fingerprint(q, fpmod.adapt(q, ke["result"]))
        for p in names:
            pe = peers[p]["report"]["queries"].get(q)
            pvals[p] = pe.get("median_s") if pe and pe.get("status") == "ok" else None
            ok, text = agreement(q, ke, p, pe, knrows, peers_mod.ORDERED)
            if ok is False:
                all_agree = False
            if text != "n/a":
                answers.append(f"{p}: {text}")
        bp, bv = best_of(pvals)
        rng = f" ({fmt_ms(ke['min_s'])}–{fmt_ms(ke['max_s'])})" if kms is not None else ""
        if ke.get("status") != "ok":
            ans = f"kgsh {ke.get('status')}: {ke.get('error', '')[:80]}"
        elif not answers:
            ans = f"rows {ke['rows']}, fp {ke['fingerprint']}"
        elif all(t.endswith(("yes", "count")) for t in answers):
            ans = f"yes, {ke['rows']} row{'s' if ke['rows'] != 1 else ''} (" + ", ".join(a.split(":")[0] + (" by count" if a.endswith("count") else "") for a in answers) + ")"
        else:
            by_text = {}
            for a_ in answers:
                p_, t_ = a_.split(": ", 1)
                by_text.setdefault(t_, []).append(p_)
            ans = f"{ke['rows']} rows; " + "; ".join(f"{t_} ({', '.join(ps)})" for t_, ps in by_text.items())
        rows.append((f"{q} median ms (kgsh min–max)", (fmt_ms(kms) + rng) if kms is not None else ke.get("status"),
                     {p: fmt_ms(pvals.get(p)) for p in names}, f"{bp} {fmt_ms(bv)}" if bp else "-",
                     f"{kms / bv:.2f}×" if kms is not None and bv else "-",
                     f"≤ {fmt_ms(bv)}" if bv else "≤ fastest peer",
                     ("yes" if kms <= bv else "no") if kms is not None and bv else "-", ans))
        summary["queries"][q] = dict(kgsh_median_s=kms, kgsh_min_s=ke.get("min_s"), kgsh_max_s=ke.get("max_s"),
                                     rows=ke.get("rows"), fingerprint=ke.get("fingerprint"),
                                     peers=pvals, answers=answers)

    seed = read_seed(a.seed)
    if seed:
        s = med(seed)
        rows.append((f"seed graph: kgsh -c 'show 인천시', whole process, ms (median of {len(seed)})",
                     fmt_num(s * 1000), {p: "-" for p in names}, "-", "-", "≤ 20", "yes" if s * 1000 <= 20 else "no", ""))
        summary["kgsh"]["seed_show_s"] = s

    summary["kgsh"].update(kg)
    summary["peers"] = {p: {x: v for x, v in peers[p].items() if x != "report"} for p in names}

    header = ["metric", "kgsh"] + names + ["fastest peer", "kgsh ÷ fastest", "target", "met", "answers agree"]
    print(f"### {a.size}: {triples:,} triples ({k.get('nt_bytes', 0):,} bytes), kgsh "
          f"{k['facts']:,} facts")
    if peers:
        import time
        when = min(peers[p]["mtime"] for p in names)
        versions = ", ".join(p + " " + peers[p]["report"]["version"] for p in names)
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(when))
        print(f"peers: {versions} (results of {stamp}, {raw})")
    else:
        print("peers: no peer results found (run with --peers); kgsh figures only")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for metric, kv, pv, best, ratio, target, met, ans in rows:
        print("| " + " | ".join([metric, kv] + [pv[p] for p in names] + [best, ratio, target, met, ans]) + " |")
    print()
    if peers:
        print("All answers agree with every peer." if all_agree else
              "Some answers differ from a peer: see the last column.")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(summary, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
