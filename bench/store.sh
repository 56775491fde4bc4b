#!/usr/bin/env bash
# The store benchmark, on the embedded SQLite store with its defaults (synchronous=FULL): a Fashion-MNIST training job,
# which stores a checkpoint at every epoch, next to a train call over the same data set with the same configuration,
# which stores once at its end (the two taking turns, so that each ratio compares neighbours in time); backprop with
# apply on the 2-2-2 network at one client (p50, p99); the 10,000-step train call; and the start-up with 1,000 stored
# networks and the Fashion-MNIST data set stored. Writes target/bench/store.json and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-3}
EPOCHS=${EPOCHS:-2}
OUT=target/bench
PORT=${PORT:-18110}
URL=http://localhost:$PORT
DATA=/usr/share/datasets/fashion-mnist
PY=/usr/bin/python3
STORE=$OUT/store-bench-$$.db
mkdir -p "$OUT"
for tool in wrk jq curl; do command -v $tool >/dev/null || { echo "install first: apt-get install $tool" >&2; exit 1; }; done
[ -f "$DATA/train-images-idx3-ubyte.gz" ] || { echo "install first: apt-get install dataset-fashion-mnist" >&2; exit 1; }
[ -f target/backprop-service.jar ] || ./mvnw -q -B package -DskipTests

service=
trap '[ -n "$service" ] && kill -9 "$service" 2>/dev/null; rm -f "$STORE" "$STORE-wal" "$STORE-shm"' EXIT
start() {   # starts the jar on the store and prints the seconds until it is healthy
  local began
  began=$(date +%s.%N)
  OMP_NUM_THREADS=1 java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar target/backprop-service.jar --server.port="$PORT" \
    --spring.datasource.url="jdbc:sqlite:$STORE" --backprop.limits.max-networks=2000 >>"$OUT/store-service.log" 2>&1 &
  service=$!
  for _ in $(seq 1 1200); do
    if curl -fs "$URL/actuator/health" >/dev/null 2>&1; then $PY -c "import time; print(round(time.time() - $began, 2))"; return; fi
    sleep 0.05
  done
  echo "the service did not start" >&2; tail -40 "$OUT/store-service.log" >&2; exit 1
}
post() { curl -fsS -X POST "$URL$1" -H 'Content-Type: application/json' -d "$2"; }
: >"$OUT/store-service.log"
start >/dev/null

echo "store 1/3: a Fashion-MNIST job with a checkpoint per epoch, next to a train call storing once…"
dataset=$(curl -fsS -F "images=@$DATA/train-images-idx3-ubyte.gz" -F "labels=@$DATA/train-labels-idx1-ubyte.gz" \
  -F scale=255 -F classes=10 -F name=fashion-mnist-train "$URL/datasets" | jq -r .id)
network='{ "inputs": 784, "loss": "cross_entropy", "init": { "scheme": "he_uniform", "seed": 1 },
  "layers": [ { "units": 256, "activation": "relu" }, { "units": 128, "activation": "relu" }, { "units": 10, "activation": "softmax" } ] }'
config="\"epochs\": $EPOCHS, \"batchSize\": 128, \"shuffle\": true, \"seed\": 7, \"optimizer\": { \"type\": \"adam\", \"learningRate\": 0.001 }"
job_rate() {
  local id job state
  id=$(post /networks "$network" | jq -r .id)
  job=$(post "/networks/$id/training-jobs" "{ \"datasetId\": \"$dataset\", $config }" | jq -r .id)
  curl -fsSN "$URL/jobs/$job/events" >/dev/null   # follows the job to its end: no polling beside the job on the cores it uses
  state=$(curl -fsS "$URL/jobs/$job")
  [ "$(jq -r .status <<<"$state")" = succeeded ] || { echo "job failed: $state" >&2; exit 1; }
  jq -r .samplesPerSecond <<<"$state"
  curl -fsS -X DELETE "$URL/networks/$id" >/dev/null
}
call_rate() {
  local id rate
  id=$(post /networks "$network" | jq -r .id)
  rate=$(post "/networks/$id/train" "{ \"datasetId\": \"$dataset\", $config }" | jq -r .samplesPerSecond)
  curl -fsS -X DELETE "$URL/networks/$id" >/dev/null
  echo "$rate"
}
job_rate >/dev/null
call_rate >/dev/null
: >"$OUT/store-jobs.txt"
for _ in $(seq 1 "$REPS"); do
  echo "job $(job_rate)" >>"$OUT/store-jobs.txt"
  echo "call $(call_rate)" >>"$OUT/store-jobs.txt"
done

echo "store 2/3: backprop with apply on 2-2-2 at one client, and the 10,000-step train call…"
mazur='{ "inputs": 2, "dtype": "float64", "layers": [
  { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
  { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ] }'
id=$(post /networks "$mazur" | jq -r .id)
cat >"$OUT/backprop-apply.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{ "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]], "learningRate": 0.5, "apply": true }'
LUA
wrk -t1 -c1 -d5s -s "$OUT/backprop-apply.lua" "$URL/networks/$id/backprop" >/dev/null
wrk -t1 -c1 -d10s --latency -s "$OUT/backprop-apply.lua" "$URL/networks/$id/backprop" >"$OUT/wrk-backprop-apply.txt"
grep -q "Non-2xx" "$OUT/wrk-backprop-apply.txt" && { echo "backprop answered errors:" >&2; cat "$OUT/wrk-backprop-apply.txt" >&2; exit 1; }
: >"$OUT/store-train10k.txt"
for _ in $(seq 1 "$REPS"); do
  post "/networks/$id/train" '{ "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]], "epochs": 10000 }' >/dev/null
  /usr/bin/time -f %e -o "$OUT/train10k-time.txt" curl -fsS -X POST "$URL/networks/$id/train" -H 'Content-Type: application/json' \
    -d '{ "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]], "epochs": 10000 }' >/dev/null
  cat "$OUT/train10k-time.txt" >>"$OUT/store-train10k.txt"
done

echo "store 3/3: start-up with 1,000 stored networks and the Fashion-MNIST data set…"
for _ in $(seq 1 1000); do post /networks "$mazur" >/dev/null; done
: >"$OUT/store-startup.txt"
for _ in $(seq 1 "$REPS"); do
  kill "$service"; wait "$service" 2>/dev/null || true
  start >>"$OUT/store-startup.txt"
done
[ "$(curl -fsS "$URL/networks" | jq length)" -ge 1000 ] || { echo "the networks did not come back" >&2; exit 1; }

$PY - "$OUT" <<'PY'
import json, statistics, sys
from pathlib import Path
out = Path(sys.argv[1])
def millis(text):
    number = float(text.rstrip("umsµ"))
    return number / 1000 if text.endswith("us") else number * 1000 if text.endswith("s") and not text.endswith("ms") else number
runs = [line.split() for line in (out / "store-jobs.txt").read_text().splitlines()]
jobs = [float(r[1]) for r in runs if r[0] == "job"]
calls = [float(r[1]) for r in runs if r[0] == "call"]
pairs = [j / c for j, c in zip(jobs, calls)]
latency = {line.split()[0]: millis(line.split()[1]) for line in (out / "wrk-backprop-apply.txt").read_text().splitlines()
           if line.strip().startswith(("50%", "99%"))}
train = [float(v) for v in (out / "store-train10k.txt").read_text().split()]
startup = [float(v) for v in (out / "store-startup.txt").read_text().split()]
result = {"jobSamplesPerSecond": jobs, "callSamplesPerSecond": calls, "pairRatios": pairs, "ratio": statistics.median(pairs),
          "backpropApplyP50Millis": latency["50%"], "backpropApplyP99Millis": latency["99%"], "train10kSeconds": train,
          "startupSeconds": startup}
(out / "store.json").write_text(json.dumps(result, indent=2))
spread = lambda v, d=0: f"{min(v):,.{d}f} / {statistics.median(v):,.{d}f} / {max(v):,.{d}f}"
print("| figure (min / median / max) | value |\n|---|---|")
print(f"| Fashion-MNIST job, checkpoint per epoch: samples/s | {spread(jobs)} |")
print(f"| same as one train call, stored once: samples/s | {spread(calls)} |")
print(f"| job / train call (median of pairs) | {statistics.median(pairs):.3f} × (pairs {min(pairs):.3f}–{max(pairs):.3f}) |")
print(f"| backprop with apply, 2-2-2, one client: p50 / p99 | {latency['50%']:.3f} ms / {latency['99%']:.3f} ms |")
print(f"| 10,000-step train call, wall time | {spread(train, 2)} s |")
print(f"| start-up with 1,000 networks and Fashion-MNIST stored, to healthy | {spread(startup, 2)} s |")
PY
