#!/usr/bin/env bash
# The replicas benchmark: single-sample /predict on 784-128-10 at 16 clients (wrk) on one service on its own
# (SQLite) and on a replica of two sharing one PostgreSQL whose cache is warm (the network was made on the other
# replica), the two taking turns so that each ratio compares neighbours in time; then failover: a job running on a
# replica killed with kill -9, and the time until the other runs it again. Needs PostgreSQL's binaries
# (.ci/postgres.sh starts a throwaway cluster), wrk, jq and curl. Writes target/bench/replicas.json and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-5}
OUT=target/bench
PY=/usr/bin/python3
mkdir -p "$OUT"
for tool in wrk jq curl; do command -v $tool >/dev/null || { echo "install first: apt-get install $tool" >&2; exit 1; }; done
[ -f target/backprop-service.jar ] || ./mvnw -q -B package -DskipTests
[ -n "${BACKPROP_TEST_POSTGRES_URL:-}" ] || source .ci/postgres.sh
database="$BACKPROP_TEST_POSTGRES_URL"

pids=()
trap 'for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done' EXIT
start() {   # name, port, store URL: starts the jar and waits until it is healthy
  OMP_NUM_THREADS=1 java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar target/backprop-service.jar --server.port="$2" \
    --spring.datasource.url="$3" >"$OUT/replicas-$1.log" 2>&1 &
  pids+=($!)
  eval "pid_$1=$!"
  for _ in $(seq 1 180); do curl -fs "http://localhost:$2/actuator/health" >/dev/null 2>&1 && return; sleep 1; done
  echo "$1 did not start:" >&2; tail -40 "$OUT/replicas-$1.log" >&2; exit 1
}
post() { curl -fsS -X POST "$1" -H 'Content-Type: application/json' -d "$2"; }

single=18101; a=18102; b=18103
start single $single "jdbc:sqlite:$OUT/replicas-single-$$.db"
start a $a "$database"
start b $b "$database"

echo "replicas 1/2: predict on one service and on a replica with a warm cache…"
network='{ "inputs": 784, "init": { "seed": 1 }, "layers": [ { "units": 128, "activation": "relu" },
  { "units": 10, "activation": "softmax" } ], "loss": "cross_entropy" }'
alone=$(post "http://localhost:$single/networks" "$network" | jq -r .id)
shared=$(post "http://localhost:$a/networks" "$network" | jq -r .id)
$PY - "$OUT" <<'PY'
import json, random, sys
random.seed(1)
row = [round(random.random(), 4) for _ in range(784)]
body = json.dumps({"inputs": [row]}, separators=(",", ":"))
open(f"{sys.argv[1]}/predict-replicas.lua", "w").write(
    f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = \'{body}\'\n')
PY
measure() {   # name, URL: one 5-second run, appended as "name rps p50 p99"
  wrk -t2 -c16 -d5s --latency -s "$OUT/predict-replicas.lua" "$2" >"$OUT/wrk-replicas-run.txt"
  if grep -q "Non-2xx" "$OUT/wrk-replicas-run.txt"; then echo "$1 answered errors:" >&2; cat "$OUT/wrk-replicas-run.txt" >&2; exit 1; fi
  echo "$1 $(awk '/Requests\/sec/{print $2}' "$OUT/wrk-replicas-run.txt") $(awk '$1=="50%"{print $2}' "$OUT/wrk-replicas-run.txt") $(awk '$1=="99%"{print $2}' "$OUT/wrk-replicas-run.txt")" >>"$OUT/wrk-replicas.txt"
}
for warm in single replica; do
  url=$([ $warm = single ] && echo "http://localhost:$single/networks/$alone/predict" || echo "http://localhost:$b/networks/$shared/predict")
  wrk -t2 -c16 -d10s -s "$OUT/predict-replicas.lua" "$url" >/dev/null
done
: >"$OUT/wrk-replicas.txt"
for _ in $(seq 1 "$REPS"); do
  measure single "http://localhost:$single/networks/$alone/predict"
  measure replica "http://localhost:$b/networks/$shared/predict"
done
kill -9 "$pid_single"

echo "replicas 2/2: failover of a running job…"
# The job starts while replica a runs alone, so a claims it; b starts again once it runs, then a is killed.
kill -9 "$pid_b"
csv=$($PY -c '
import random
random.seed(2)
print("x0,x1,x2,x3,y")
for _ in range(4000):
    x = [random.uniform(-1, 1) for _ in range(4)]
    print(",".join(f"{v:.5f}" for v in x) + f",{x[0] * x[1] - x[2] + 0.5 * x[3]:.5f}")')
dataset=$(curl -fsS -X POST "http://localhost:$a/datasets" -F "file=@-;filename=data.csv;type=text/csv" -F targetColumns=y \
  -F dtype=float64 <<<"$csv" | jq -r .id)
model=$(post "http://localhost:$a/networks" '{ "inputs": 4, "dtype": "float64", "init": { "seed": 3 },
  "layers": [ { "units": 256, "activation": "tanh" }, { "units": 1, "activation": "identity" } ] }' | jq -r .id)
job=$(post "http://localhost:$a/networks/$model/training-jobs" "{ \"datasetId\": \"$dataset\", \"epochs\": 400, \"batchSize\": 16,
  \"shuffle\": true, \"seed\": 4 }" | jq -r .id)
for _ in $(seq 1 120); do
  [ "$(curl -fsS "http://localhost:$a/jobs/$job" | jq -r '"\(.status) \(.epoch)"')" != "running 0" ] \
    && [ "$(curl -fsS "http://localhost:$a/jobs/$job" | jq -r .status)" = running ] && break
  sleep 0.5
done
start b $b "$database"
other=$b
killed=$(date +%s.%N)
kill -9 "$pid_a"
resumed=
for _ in $(seq 1 600); do
  answer=$(curl -fsS "http://localhost:$other/jobs/$job" | jq -r '"\(.status) \(.restarts // 0)"')
  if [ "${answer#running }" != "$answer" ] && [ "${answer#running 0}" = "$answer" ]; then resumed=$(date +%s.%N); break; fi
  sleep 0.1
done
[ -n "$resumed" ] || { echo "the job did not run again after its replica was killed: $answer" >&2; exit 1; }
failover=$($PY -c "print(round($resumed - $killed, 2))")
curl -fsS -X DELETE "http://localhost:$other/jobs/$job" >/dev/null || true

$PY - "$OUT" "$failover" <<'PY'
import json, statistics, sys
from pathlib import Path
out, failover = Path(sys.argv[1]), float(sys.argv[2])
runs = [line.split() for line in (out / "wrk-replicas.txt").read_text().splitlines()]
single = [float(r[1]) for r in runs if r[0] == "single"]
replica = [float(r[1]) for r in runs if r[0] == "replica"]
pairs = [r / s for s, r in zip(single, replica)]
result = {"singleRps": single, "replicaRps": replica, "pairRatios": pairs, "ratio": statistics.median(pairs),
          "failoverSeconds": failover}
(out / "replicas.json").write_text(json.dumps(result, indent=2))
print("| figure | value |\n|---|---|")
print(f"| predict 784-128-10, 16 clients, one service: req/s | {min(single):,.0f} / {statistics.median(single):,.0f} / {max(single):,.0f} |")
print(f"| same on a replica of two (warm cache): req/s | {min(replica):,.0f} / {statistics.median(replica):,.0f} / {max(replica):,.0f} |")
print(f"| replica / one service (median of pairs) | {statistics.median(pairs):.3f} × (pairs {min(pairs):.3f}–{max(pairs):.3f}) |")
print(f"| failover: kill -9 to the job running again | {failover:.2f} s |")
PY
