#!/usr/bin/env bash
# Benchmarks/endpoint.sh SIZE [RUNS]: the benchmark queries Q1–Q10 on the embedded store and
# through Oxigraph's server (kgsh --endpoint), on the generated graph of SIZE (100k, 1m or 5m
# triples); docs/scaling.md has the figures. Each query runs 2 times to warm up, then RUNS times
# (default 7); the figure is the median of kgsh's own `.timer` (query text in, rows printed out).
# Also: Oxigraph's load time, the time kgsh takes to connect (reading the catalog), and the
# server alone answering the SPARQL kgsh sends (curl, same runs).
#
#   KGSH=path/to/release/kgsh   the binary (default: built with swift build -c release --scratch-path .build-bench)
#   KG_DATA=dir                 where kg_1000000.nt and the others are (default ../data)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-1m}
runs=${2:-7}
case "$size" in 100k) n=100000 ;; 1m) n=1000000 ;; 5m) n=5000000 ;; *) echo "SIZE is 100k, 1m or 5m" >&2; exit 2 ;; esac
data=${KG_DATA:-$root/../data}
nt="$data/kg_$n.nt"
[ -f "$nt" ] || python3 "$root/../shared/bench/gen_kg.py" --triples "$n" --seed 42 --out "$nt"
command -v oxigraph >/dev/null || python3 -m pip install -q oxigraph==0.5.13
kgsh=${KGSH:-$root/.build-bench/release/kgsh}
if [ -z "${KGSH:-}" ]; then (cd "$root" && swift build -c release --scratch-path .build-bench --product kgsh >&2); fi
work="$root/Benchmarks/results/endpoint_$size"
mkdir -p "$work"

# Oxigraph's store, loaded once from the same file.
if [ ! -d "$work/oxigraph" ]; then
  start=$(date +%s.%N)
  oxigraph load --location "$work/oxigraph" --file "$nt" >"$work/load.log" 2>&1
  echo "oxigraph load: $(echo "$(date +%s.%N) - $start" | bc) s" | tee "$work/load.txt"
fi
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
oxigraph serve --location "$work/oxigraph" --bind "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
url="http://127.0.0.1:$port/query"
for _ in $(seq 100); do curl -sf "$url?query=ASK%7B%7D" >/dev/null && break; sleep 0.1; done

# One script: every query, warm-ups and runs, with the timer on.
script="$work/queries.kq"
echo ".timer on" >"$script"
echo ".mode csv" >>"$script"
for q in "$root"/Benchmarks/queries/q*.kq; do
  text=$(grep -v '^#' "$q" | tr '\n' ' ')
  for _ in $(seq $((runs + 2))); do echo "$text" >>"$script"; done
done
medians() {  # times of one run of the script → one median per query
  grep '^time: ' | python3 -c "
import statistics, sys
t = [float(l.split()[1]) for l in sys.stdin]
per = $runs + 2
for q, i in enumerate(range(0, len(t), per), 1):
    print('Q%d %.3f' % (q, statistics.median(t[i + 2:i + per])))
"
}
"$kgsh" --kb "$nt" -f "$script" 2>/dev/null | medians >"$work/embedded.txt"
start=$(date +%s.%N); "$kgsh" --endpoint "$url" -c '' ; connect=$(echo "$(date +%s.%N) - $start" | bc)
"$kgsh" --endpoint "$url" -f "$script" 2>/dev/null | medians >"$work/endpoint.txt"

# The server alone: the SPARQL kgsh sends for each query, and the peers' hand-written SPARQL
# of the same question (../shared/bench/queries/sparql), timed with curl.
time_query() {  # file → median ms
  local times=()
  for r in $(seq $((runs + 2))); do
    t=$(curl -s -o /dev/null -w '%{time_total}' --data-urlencode "query@$1" -H 'Accept: text/tab-separated-values' "$url")
    [ "$r" -gt 2 ] && times+=("$t")
  done
  printf '%s\n' "${times[@]}" | python3 -c "
import statistics, sys
print('%.3f' % (1000 * statistics.median(float(l) for l in sys.stdin)))"
}
: >"$work/server.txt"
: >"$work/hand.txt"
i=0
for q in "$root"/Benchmarks/queries/q*.kq; do
  i=$((i + 1))
  text=$(grep -v '^#' "$q" | tr '\n' ' ')
  if [[ "$text" == path* ]]; then echo "Q$i -" >>"$work/server.txt"; echo "Q$i -" >>"$work/hand.txt"; continue; fi
  "$kgsh" --endpoint "$url" -c "explain $text" | sed -n '/^  sparql /,$p' | sed '1d;$d' | sed 's/^    //' >"$work/q$i.rq"
  echo "Q$i $(time_query "$work/q$i.rq")" >>"$work/server.txt"
  hand=$(ls "$root/../shared/bench/queries/sparql/" 2>/dev/null | grep -i "^q$(printf %02d $i)\.rq$" | head -1)
  if [ -n "$hand" ]; then echo "Q$i $(time_query "$root/../shared/bench/queries/sparql/$hand")" >>"$work/hand.txt"; else echo "Q$i -" >>"$work/hand.txt"; fi
done

echo "# $size, $(date -u +%F), commit $(git -C "$root" rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "connect (catalog): $connect s"
cat "$work/load.txt" 2>/dev/null || true
echo "| query | embedded ms | endpoint ms | server alone, kgsh's SPARQL ms | server alone, hand-written SPARQL ms |"
echo "|---|---|---|---|---|"
join <(sort "$work/embedded.txt") <(sort "$work/endpoint.txt") | join - <(sort "$work/server.txt") | join - <(sort "$work/hand.txt") | sort -V | awk '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }'
