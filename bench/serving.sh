#!/usr/bin/env bash
# The serving benchmark: single-sample inference on 784-128-10 at 16 clients (wrk) by the Open
# Inference Protocol with binary tensors, with JSON, and by /networks/{id}/predict, each next to the
# no-op /actuator/health/ping, the four taking turns so that every ratio compares neighbours in
# time; then the forward pass of 784-256-128-10 (float32) at batch 1 and 512 in the engine and in
# ONNX Runtime (JMH, in one process, same threads). Writes target/bench/serving.json and prints a
# table. Uses the service at $URL when it answers (bench/run.sh starts one), else starts the jar.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-5}
OUT=target/bench
PORT=${PORT:-18090}
URL=${URL:-http://localhost:$PORT}
PY=/usr/bin/python3
mkdir -p "$OUT"
# The engine on the OpenBLAS kernels this CPU runs best, as ONNX Runtime picks its own (bench/openblas-core.sh).
export OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-${BENCH_OPENBLAS_CORETYPE:-$(sh bench/openblas-core.sh)}}
for tool in wrk jq curl; do command -v $tool >/dev/null || { echo "install first: apt-get install $tool" >&2; exit 1; }; done

if ! curl -fs "$URL/actuator/health" >/dev/null 2>&1; then
  [ -f target/backprop-service.jar ] || ./mvnw -q -B package -DskipTests
  STORE=$OUT/serving-$$.db   # a store of its own: what earlier runs left counts against the limits
  OMP_NUM_THREADS=1 java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar target/backprop-service.jar --server.port="$PORT" \
    --spring.datasource.url="jdbc:sqlite:$STORE" >"$OUT/serving-service.log" 2>&1 &
  service=$!
  trap 'kill $service 2>/dev/null || true; rm -f "$STORE" "$STORE-wal" "$STORE-shm"' EXIT
  for _ in $(seq 1 120); do curl -fs "$URL/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
  # The engine warm-up trains in the background for up to a minute: measuring before it ends measures it too.
  for _ in $(seq 1 90); do grep -q "Engine warm-up" "$OUT/serving-service.log" && break; sleep 1; done
fi

echo "serving 1/2: single-sample inference over HTTP…"
model=$(curl -fsS -X POST "$URL/networks" -H 'Content-Type: application/json' -d '{ "inputs": 784, "init": { "seed": 1 },
  "layers": [ { "units": 128, "activation": "relu" }, { "units": 10, "activation": "softmax" } ], "loss": "cross_entropy" }' | jq -r .id)
# The same 784 values for every path: JSON text for predict and JSON infer, little-endian float32 bytes for binary infer.
$PY - "$OUT" <<'LUA'
import json, random, struct, sys
random.seed(1)
row = [round(random.random(), 4) for _ in range(784)]
out = sys.argv[1]
header = json.dumps({"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32",
                                 "parameters": {"binary_data_size": 784 * 4}}],
                     "parameters": {"binary_data_output": True}}, separators=(",", ":")).encode()
body = "".join("\\%d" % b for b in header + struct.pack("<784f", *row))
open(f"{out}/infer-binary.lua", "w").write(
    'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/octet-stream"\n'
    f'wrk.headers["Inference-Header-Content-Length"] = "{len(header)}"\nwrk.body = "{body}"\n')
infer = json.dumps({"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32", "data": row}]}, separators=(",", ":"))
open(f"{out}/infer-json.lua", "w").write(f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = \'{infer}\'\n')
predict = json.dumps({"inputs": [row]}, separators=(",", ":"))
open(f"{out}/predict-serving.lua", "w").write(f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = \'{predict}\'\n')
LUA
run() {   # target, wrk arguments…
  local target=$1; shift
  wrk -t2 -c16 "$@" >"$OUT/wrk-serving-run.txt"
  if grep -q "Non-2xx" "$OUT/wrk-serving-run.txt"; then echo "$target answered errors under load:" >&2; cat "$OUT/wrk-serving-run.txt" >&2; exit 1; fi
}
measure() {   # target, wrk arguments…: one 5-second run, appended as "target rps p50 p99"
  local target=$1; shift
  run "$target" -d5s --latency "$@"
  echo "$target $(awk '/Requests\/sec/{print $2}' "$OUT/wrk-serving-run.txt") $(awk '$1=="50%"{print $2}' "$OUT/wrk-serving-run.txt") $(awk '$1=="99%"{print $2}' "$OUT/wrk-serving-run.txt")" >>"$OUT/wrk-serving.txt"
}
infer="$URL/v2/models/$model/infer"
curl -fsS "$URL/actuator/health/ping" >/dev/null
run warm-up -d10s -s "$OUT/infer-binary.lua" "$infer"
run warm-up -d10s -s "$OUT/infer-json.lua" "$infer"
run warm-up -d10s -s "$OUT/predict-serving.lua" "$URL/networks/$model/predict"
run warm-up -d5s "$URL/actuator/health/ping"
: >"$OUT/wrk-serving.txt"
for _ in $(seq 1 "$REPS"); do
  measure binary -s "$OUT/infer-binary.lua" "$infer"
  measure noop "$URL/actuator/health/ping"
  measure json -s "$OUT/infer-json.lua" "$infer"
  measure predict -s "$OUT/predict-serving.lua" "$URL/networks/$model/predict"
  measure noop "$URL/actuator/health/ping"
done

echo "serving 2/2: forward pass, engine and ONNX Runtime (JMH)…"
./mvnw -q -B -Pbench test-compile
rm -f "$OUT"/jmh-onnx-*.json
for rep in $(seq 1 "$REPS"); do
  ./mvnw -q -B -Pbench exec:exec -Dbench.args="OnnxForwardBenchmark -f 1 -wi 3 -i 1 -w 1s -r 3s -rf json -rff $OUT/jmh-onnx-$rep.json" \
    >"$OUT/jmh-onnx.log"
done
$PY bench/serving_report.py "$OUT"
