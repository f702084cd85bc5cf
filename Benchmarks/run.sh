#!/usr/bin/env bash
# The benchmark of issue #6: kgsh on the generated graphs, optionally beside the peers.
#
#   Benchmarks/run.sh SIZE [--peers] [--no-seed]
#     SIZE       100k | 1m | 5m   (gen_kg.py --seed 42 at 100,000 / 1,000,000 / 5,000,000 triples)
#     --peers    also run the peer harness (Oxigraph, DuckDB, Kuzu; rdflib at 100k) in this
#                invocation, so that the ratios come from one run on one machine
#     --no-seed  skip timing `kgsh -c 'show 인천시'` on the seed graph
#   env: RUNS (7) timed runs per query, WARMUP (2) warm-ups, LOADRUNS (3) extra whole-process
#        load-only runs of kgsh, SEEDRUNS (10) runs of the seed command, PEER_LOADRUNS (5; 3 at 5m)
#        the peers' whole-process load-only runs,
#        PEER_BENCH (../peer-bench beside the repository) the harness's work copy, made from
#        PEER_SRC (../shared/bench) when missing, KG_DATA (../data) pre-generated graphs
#        (kg_1m.nt or kg_1000000.nt; linked into the work copy instead of generating them),
#        SCRATCH (.build-bench) the build directory, OUT (Benchmarks/results) where results go,
#        KGSH_COMMIT the commit to name when the tree is not a git checkout.
#
# Writes OUT/kgsh_SIZE.json (figures, result rows, fingerprints), OUT/kgsh_SIZE.log,
# OUT/loadonly_kgsh_SIZE.txt, OUT/seed.txt and OUT/table_SIZE.md (the table it prints).
# Without --peers the table uses the peers' results of an earlier run when PEER_BENCH has them.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
usage() { sed -n '2,/^set -euo/p' "$0" | grep -v '^set' | sed 's/^# \{0,1\}//' >&2; exit 2; }

SIZE=${1:-}
[ -n "$SIZE" ] || usage
shift
WITH_PEERS=0
SEED=1
for arg in "$@"; do
  case "$arg" in
    --peers) WITH_PEERS=1 ;;
    --no-seed) SEED=0 ;;
    *) usage ;;
  esac
done
case "$SIZE" in
  100k) N=100000 ;;
  1m) N=1000000 ;;
  5m) N=5000000 ;;
  *) usage ;;
esac

RUNS=${RUNS:-7}
WARMUP=${WARMUP:-2}
LOADRUNS=${LOADRUNS:-3}
SEEDRUNS=${SEEDRUNS:-10}
if [ "$SIZE" = 5m ]; then PEER_LOADRUNS=${PEER_LOADRUNS:-3}; else PEER_LOADRUNS=${PEER_LOADRUNS:-5}; fi
PEER_SRC=${PEER_SRC:-$REPO/../shared/bench}
PEER_BENCH=${PEER_BENCH:-$REPO/../peer-bench}
KG_DATA=${KG_DATA:-$REPO/../data}
SCRATCH=${SCRATCH:-$REPO/.build-bench}
OUT=${OUT:-$HERE/results}
mkdir -p "$OUT"

# The harness's work copy (its files are read-only in ../shared; it writes data/, results/, .venv/).
if [ ! -f "$PEER_BENCH/peers.py" ]; then
  echo "== copy the peer harness $PEER_SRC to $PEER_BENCH"
  cp -r "$PEER_SRC" "$PEER_BENCH"
  chmod -R u+w "$PEER_BENCH"
fi
PEER_BENCH=$(cd "$PEER_BENCH" && pwd)
export PEER_BENCH

# The graph: the harness's data/kg_SIZE.nt, linked from KG_DATA or generated (same bytes either way).
NT=$PEER_BENCH/data/kg_$SIZE.nt
mkdir -p "$PEER_BENCH/data"
if [ ! -f "$NT" ]; then
  for f in "$KG_DATA/kg_$SIZE.nt" "$KG_DATA/kg_$N.nt"; do
    if [ -f "$f" ]; then
      echo "== use $f"
      ln "$f" "$NT" 2>/dev/null || cp "$f" "$NT"
      break
    fi
  done
fi
if [ ! -f "$NT" ]; then
  echo "== generate $NT ($N triples, seed 42)"
  python3 "$PEER_BENCH/gen_kg.py" --triples "$N" --seed 42 --out "$NT"
fi

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== build (release, $SCRATCH)"
cd "$REPO"
# Built as tools/kgsh builds kgsh (tools/release-build).
"$REPO/tools/release-build" --scratch-path "$SCRATCH" --product kgsh-bench 2>&1 | tail -1
[ "$SEED" = 1 ] && "$REPO/tools/release-build" --scratch-path "$SCRATCH" --product kgsh 2>&1 | tail -1
BIN=$("$REPO/tools/release-build" --scratch-path "$SCRATCH" --show-bin-path)
COMMIT=${KGSH_COMMIT:-$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)}
DIRTY=$(git -C "$REPO" status --porcelain --untracked-files=no -- Sources Package.swift 2>/dev/null | head -1 || true)
echo "== commit $COMMIT${DIRTY:+ (with uncommitted changes to Sources/ or Package.swift)}"

echo "== kgsh: load + Q1..Q10 (warm-up $WARMUP, runs $RUNS)"
/usr/bin/time -v "$BIN/kgsh-bench" --nt "$NT" --runs "$RUNS" --warmup "$WARMUP" --query-dir "$HERE/queries" \
  --json "$OUT/kgsh_$SIZE.json" 2> "$OUT/kgsh_$SIZE.log" || { cat "$OUT/kgsh_$SIZE.log"; exit 1; }
grep -E "^kgsh load|^ *Q|Maximum resident|Elapsed" "$OUT/kgsh_$SIZE.log"

echo "== kgsh: whole-process load-only runs ($LOADRUNS)"
: > "$OUT/loadonly_kgsh_$SIZE.txt"
for _ in $(seq "$LOADRUNS"); do
  /usr/bin/time -f "wall_s %e user_s %U sys_s %S peak_kb %M" "$BIN/kgsh-bench" --nt "$NT" --load-only \
    > /dev/null 2>> "$OUT/loadonly_kgsh_$SIZE.txt"
done
grep -E "^kgsh load|^wall_s" "$OUT/loadonly_kgsh_$SIZE.txt" || true

SEEDARG=()
if [ "$SEED" = 1 ]; then
  echo "== kgsh: seed graph, kgsh -c 'show 인천시' as a whole process (2 warm-ups, $SEEDRUNS runs)"
  "$BIN/kgsh" -c 'show 인천시' > /dev/null
  "$BIN/kgsh" -c 'show 인천시' > /dev/null
  : > "$OUT/seed.txt"
  for _ in $(seq "$SEEDRUNS"); do
    t0=$(date +%s%N)
    "$BIN/kgsh" -c 'show 인천시' > /dev/null
    t1=$(date +%s%N)
    echo "wall_s $(( (t1 - t0) / 1000 ))e-6" >> "$OUT/seed.txt"
  done
  SEEDARG=(--seed "$OUT/seed.txt")
fi

echo "== kgsh: fingerprints"
python3 "$HERE/fingerprint.py" "$OUT/kgsh_$SIZE.json" --harness "$PEER_BENCH"

if [ "$WITH_PEERS" = 1 ]; then
  echo "== peers: LOADRUNS=$PEER_LOADRUNS $PEER_BENCH/run_peers.sh $SIZE $RUNS $WARMUP"
  LOADRUNS=$PEER_LOADRUNS "$PEER_BENCH/run_peers.sh" "$SIZE" "$RUNS" "$WARMUP" 2>&1 | tee "$OUT/peers_$SIZE.log" | grep -E "^==|load|^ *Q" || true
fi

echo "== table"
{
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) at commit $COMMIT${DIRTY:+ (+ uncommitted changes)} on $(nproc) vCPU," \
       "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average at start $LOAD_START," \
       "at the end $(cut -d' ' -f1-3 /proc/loadavg); RUNS=$RUNS WARMUP=$WARMUP."
  python3 "$HERE/compare.py" --size "$SIZE" --kgsh "$OUT/kgsh_$SIZE.json" --loadonly "$OUT/loadonly_kgsh_$SIZE.txt" \
    "${SEEDARG[@]}" --harness "$PEER_BENCH" --peers-raw "$PEER_BENCH/results/raw" --json "$OUT/table_$SIZE.json"
} | tee "$OUT/table_$SIZE.md"

if [ "$SIZE" = 5m ] && [ -f "$OUT/table_1m.json" ]; then
  echo "== growth 1m → 5m (kgsh against the fastest peer at 5m)"
  python3 "$HERE/growth.py" "$OUT/table_1m.json" "$OUT/table_5m.json" | tee "$OUT/growth.md"
fi
