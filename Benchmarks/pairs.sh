#!/usr/bin/env bash
# Growth from 1M to 5M measured in pairs (issue #6: each query should grow no faster than the
# fastest peer): both graphs in one process, each query run on the 1M and the 5M graph in turns,
# growth = the median of the pairs' ratios — on a machine whose speed changes by 2× within
# minutes, separate runs measure the machine's moments as much as the engines.
#
#   Benchmarks/pairs.sh [--peers]
#     --peers   also measure Oxigraph, DuckDB and Kuzu the same way (Benchmarks/peer_growth.py,
#               the harness's own loaders and query runners; ~10 min, up to ~4 GB)
#   env: RUNS (21) pairs per query for kgsh, WARMUP (3); PEER_RUNS (7), PEER_WARMUP (1);
#        PEER_BENCH (../peer-bench), SCRATCH (.build-bench), OUT (Benchmarks/results).
#   Needs PEER_BENCH/data/kg_1m.nt and kg_5m.nt (and their .kuzu_csv for Kuzu) and, with
#   --peers, the harness's venv: `Benchmarks/run.sh 1m --peers` and `5m --peers` make them.
#
# Writes OUT/kgsh_growth.json, OUT/peer_growth_PEER.json and OUT/growth_pairs.md (the table it prints).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
WITH_PEERS=0
for arg in "$@"; do
  case "$arg" in
    --peers) WITH_PEERS=1 ;;
    *) sed -n '2,/^set -euo/p' "$0" | grep -v '^set' | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
RUNS=${RUNS:-21}
WARMUP=${WARMUP:-3}
PEER_RUNS=${PEER_RUNS:-7}
PEER_WARMUP=${PEER_WARMUP:-1}
PEER_BENCH=${PEER_BENCH:-$REPO/../peer-bench}
SCRATCH=${SCRATCH:-$REPO/.build-bench}
OUT=${OUT:-$HERE/results}
mkdir -p "$OUT"
for size in 1m 5m; do
  if [ ! -f "$PEER_BENCH/data/kg_$size.nt" ]; then
    echo "pairs.sh: $PEER_BENCH/data/kg_$size.nt is missing: run Benchmarks/run.sh $size first" >&2
    exit 2
  fi
done
PEER_BENCH=$(cd "$PEER_BENCH" && pwd)
export PEER_BENCH
echo "== build (release, $SCRATCH)"
cd "$REPO"
"$REPO/tools/release-build" --scratch-path "$SCRATCH" --product kgsh-bench 2>&1 | tail -1
BIN=$("$REPO/tools/release-build" --scratch-path "$SCRATCH" --show-bin-path)
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
START=$(date -u +%Y-%m-%dT%H:%MZ)
echo "== kgsh: 1m and 5m in turns ($RUNS pairs after $WARMUP)"
"$BIN/kgsh-bench" --nt "$PEER_BENCH/data/kg_1m.nt" --vs "$PEER_BENCH/data/kg_5m.nt" --runs "$RUNS" --warmup "$WARMUP" \
  --query-dir "$HERE/queries" --json "$OUT/kgsh_growth.json"
if [ "$WITH_PEERS" = 1 ]; then
  PY=$PEER_BENCH/.venv/bin/python
  [ -x "$PY" ] || { echo "pairs.sh: no $PY: run Benchmarks/run.sh 1m --peers first" >&2; exit 2; }
  for peer in duckdb kuzu oxigraph; do
    # Oxigraph's Q4 takes 37 s a run at 5M, and it is not the fastest there; it has no Q10.
    queries=Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10
    [ "$peer" = oxigraph ] && queries=Q1,Q2,Q3,Q5,Q6,Q7,Q8,Q9
    echo "== $peer: 1m and 5m in turns ($PEER_RUNS pairs after $PEER_WARMUP)"
    "$PY" "$HERE/peer_growth.py" --peer "$peer" --runs "$PEER_RUNS" --warmup "$PEER_WARMUP" --queries "$queries" \
      --json "$OUT/peer_growth_$peer.json"
  done
fi
echo "== table"
python3 "$HERE/pairs_table.py" "$OUT" --commit "$COMMIT" --date "$START" | tee "$OUT/growth_pairs.md"
