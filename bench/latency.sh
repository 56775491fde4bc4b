#!/usr/bin/env bash
# Latency of the requests that compute without training, on the 2-2-2 worked example: dry-run
# backprop, evaluate, gradient-check and predict of 3 rows, next to the no-op GET
# /actuator/health/ping, at 1 and 16 closed-loop clients (bench/Latency.java). Each round measures
# every target once, in turn, so that neighbours in time are compared; REPS rounds give medians and
# ranges. With BASE_JAR=<an older build> both jars run side by side and every measurement of the
# current jar is paired with one of the base jar taken next to it.
# Prints "target clients jar p50 p99 rps" lines and a table of medians [min-max];
# writes target/bench/latency.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-4}
WARMUP=${WARMUP:-1}
CLIENTS=${CLIENTS:-"1 16"}
TARGETS=${TARGETS:-"ping backprop-dry evaluate gradient-check predict-3"}
JAR=${JAR:-target/backprop-service.jar}
OUT=target/bench
mkdir -p "$OUT/latency"
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
javac -d "$OUT/latency" bench/Latency.java

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start() {   # name jar port
  OMP_NUM_THREADS=1 java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar "$2" --server.port="$3" \
    --spring.datasource.url="jdbc:sqlite:$OUT/latency/$1.db" --backprop.engine.warmup.enabled=false >"$OUT/latency/$1.log" 2>&1 &
  pids+=($!)
}
rm -f "$OUT"/latency/*.db
jars="current"
start current "$JAR" 18151
if [ -n "${BASE_JAR:-}" ]; then start base "$BASE_JAR" 18152; jars="base current"; fi
port() { [ "$1" = base ] && echo 18152 || echo 18151; }
for jar in $jars; do
  for _ in $(seq 1 120); do curl -fs "http://localhost:$(port $jar)/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
done

cat >"$OUT/latency/network.json" <<'JSON'
{ "name": "mazur-2-2-2", "inputs": 2, "dtype": "float64", "loss": "mse",
  "layers": [ { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
              { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ],
  "optimizer": { "type": "sgd", "learningRate": 0.5 } }
JSON
echo '{ "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]], "learningRate": 0.5, "apply": false }' >"$OUT/latency/backprop-dry.json"
echo '{ "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]] }' >"$OUT/latency/evaluate.json"
echo '{ "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]] }' >"$OUT/latency/gradient-check.json"
echo '{ "inputs": [[0.05, 0.10], [0.2, 0.3], [0.4, 0.5]] }' >"$OUT/latency/predict-3.json"
declare -A network
for jar in $jars; do
  network[$jar]=$(curl -fsS -X POST "http://localhost:$(port $jar)/networks" -H 'Content-Type: application/json' \
    -d @"$OUT/latency/network.json" | sed -E 's/.*"id":"([^"]+)".*/\1/')
done
url() {   # jar target
  local base="http://localhost:$(port $1)"
  case $2 in
    ping) echo "$base/actuator/health/ping" ;;
    backprop-dry) echo "$base/networks/${network[$1]}/backprop" ;;
    predict-3) echo "$base/networks/${network[$1]}/predict" ;;
    *) echo "$base/networks/${network[$1]}/$2" ;;
  esac
}
body() { [ "$1" = ping ] && echo - || echo "$OUT/latency/$1.json"; }

: >"$OUT/latency.txt"
for rep in $(seq 1 "$REPS"); do
  for clients in $CLIENTS; do
    for target in $TARGETS; do
      for jar in $jars; do
        line=$(java -cp "$OUT/latency" Latency "$target" "$(url $jar $target)" "$(body $target)" "$clients" "$WARMUP" "$SECONDS_PER_RUN")
        read -r _ _ _ rps p50 p99 _ _ <<<"$line"
        echo "$target $clients $jar $p50 $p99 $rps" | tee -a "$OUT/latency.txt"
      done
    done
  done
done

python3 - "$OUT/latency.txt" "$jars" <<'PY'
import statistics, sys
from collections import defaultdict
rows = [line.split() for line in open(sys.argv[1])]
jars = sys.argv[2].split()
values = defaultdict(list)
for target, clients, jar, p50, p99, rps in rows:
    values[(target, int(clients), jar)].append((float(p50), float(p99), float(rps)))
def show(samples, i):
    xs = [s[i] for s in samples]
    return f"{statistics.median(xs):7.2f} [{min(xs):.2f}-{max(xs):.2f}]"
print()
print(f"{'target':15} {'clients':>7} {'jar':8} {'p50 ms median [range]':>24} {'p99 ms median [range]':>24} {'rps':>7}")
for (target, clients, jar), samples in sorted(values.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2])):
    print(f"{target:15} {clients:7} {jar:8} {show(samples, 0):>24} {show(samples, 1):>24} {statistics.median(s[2] for s in samples):7.0f}")
if len(jars) == 2:
    print("\np99 of current / p99 of base, pair by pair (median [range]):")
    for (target, clients, jar), samples in sorted(values.items()):
        if jar != "current":
            continue
        base = values[(target, clients, "base")]
        ratios = [c[1] / b[1] for c, b in zip(samples, base)]
        print(f"  {target:15} {clients:3} clients: {statistics.median(ratios):.2f} [{min(ratios):.2f}-{max(ratios):.2f}]")
PY
