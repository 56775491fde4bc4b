#!/usr/bin/env bash
# The benchmark: engine training throughput (JMH) next to the same loop in PyTorch, the sgemm
# ceiling of the same run, the 2-2-2 worked example in-process and over HTTP, single-sample
# predict over HTTP (wrk) next to a no-op endpoint, serving (bench/serving.sh: the Open Inference
# Protocol's infer, binary and JSON, and the forward pass next to ONNX Runtime), and memory per network. Prints a table of
# min / median / max over repetitions and writes target/bench/results.json.
# Installs what it needs from Debian's packages where missing (as root). Takes about 15 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-5}
OUT=target/bench
PORT=${PORT:-18090}
URL=http://localhost:$PORT
PY=/usr/bin/python3
mkdir -p "$OUT"
export OPENBLAS_CORETYPE=${BENCH_OPENBLAS_CORETYPE:-$(sh bench/openblas-core.sh)}   # the same, best kernels for both sides

missing=()
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
$PY -c 'import torch' 2>/dev/null || missing+=(python3-torch)
# Debian's torch calls the system BLAS: OpenBLAS, not the slow reference BLAS, gives PyTorch its best footing.
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
for tool in wrk jq curl; do command -v $tool >/dev/null || missing+=($tool); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "install first: apt-get install ${missing[*]}" >&2; exit 1; }
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# The engine and PyTorch take turns, batch size by batch size, so that each pair of figures sees
# the same machine: on a shared host the speed of the cores drifts within seconds, and a ratio
# is only fair between neighbours. The table gives the median of the pairs' ratios.
# REUSE=1 keeps the engine and PyTorch figures of the last run and measures the rest again.
if [ -z "${REUSE:-}" ] || ! ls "$OUT"/jmh-mlp-*.json >/dev/null 2>&1; then
  rm -f "$OUT"/jmh-*.json "$OUT"/torch-*.json
  ./mvnw -q -B -Pbench test-compile
  jmh() { ./mvnw -q -B -Pbench exec:exec -Dbench.args="$1 -f 1 -wi 3 -i 1 -w 1s -r 3s -rf json -rff $2" >"$OUT/jmh.log"; }
  for rep in $(seq 1 "$REPS"); do
    for batch in 32 128 512; do
      echo "1/4 training step, batch $batch, repetition $rep of $REPS: engine (JMH), then PyTorch…"
      jmh "EngineBenchmark.mlpStep -p batch=$batch" "$OUT/jmh-mlp-$batch-$rep.json"
      $PY bench/torch_mlp.py mlp 1,2 1 "$batch" >"$OUT/torch-mlp-$batch-$rep.json"
    done
    echo "2/4 sgemm and the 2-2-2 step, repetition $rep of $REPS…"
    jmh "EngineBenchmark.(sgemmOfStep|sgemmPeak|mazurStep)" "$OUT/jmh-rest-$rep.json"
    $PY bench/torch_mlp.py mazur 1 >"$OUT/torch-mazur-$rep.json"
  done
fi

echo "3/4 HTTP…"
./mvnw -q -B package -DskipTests
STORE=$OUT/run-$$.db   # a store of its own: the 1,000 networks of the memory figure are not kept
OMP_NUM_THREADS=1 java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar target/backprop-service.jar --server.port="$PORT" --backprop.limits.max-networks=2000 \
  --spring.datasource.url="jdbc:sqlite:$STORE" >"$OUT/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; rm -f "$STORE" "$STORE-wal" "$STORE-shm"' EXIT
for _ in $(seq 1 120); do curl -fs "$URL/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
post() { curl -fsS -X POST "$URL$1" -H 'Content-Type: application/json' -d "$2"; }
mazur='{ "inputs": 2, "dtype": "float64", "optimizer": { "type": "sgd", "learningRate": 0.5 },
  "layers": [ { "units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35, 0.35] },
              { "units": 2, "activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60, 0.60] } ] }'
: >"$OUT/train10000.txt"
for _ in $(seq 0 "$REPS"); do
  id=$(post /networks "$mazur" | jq -r .id)
  curl -fsS -o /dev/null -w '%{time_total}\n' -X POST "$URL/networks/$id/train" -H 'Content-Type: application/json' \
    -d '{ "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]], "epochs": 10000 }' >>"$OUT/train10000.txt"
done
sed -i 1d "$OUT/train10000.txt"   # the first call warms the JIT up

predictor=$(post /networks '{ "inputs": 784, "init": { "seed": 1 },
  "layers": [ { "units": 128, "activation": "relu" }, { "units": 10, "activation": "softmax" } ], "loss": "cross_entropy" }' | jq -r .id)
$PY - "$OUT/predict.lua" <<'LUA'
import random, sys
random.seed(1)
row = ", ".join(f"{random.random():.4f}" for _ in range(784))
open(sys.argv[1], "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                             f'wrk.body = \'{{"inputs": [[{row}]]}}\'\n')
LUA
: >"$OUT/wrk.txt"
curl -fsS "$URL/actuator/health/ping" >/dev/null   # the no-op must answer 200, or its figure means nothing
# Warm-up: the JIT compiles both request paths before anything is measured.
wrk -t2 -c16 -d15s -s "$OUT/predict.lua" "$URL/networks/$predictor/predict" >/dev/null
wrk -t2 -c16 -d10s "$URL/actuator/health/ping" >/dev/null
for c in 1 16 64; do
  threads=$(( c < 2 ? 1 : 2 ))
  for _ in $(seq 1 "$REPS"); do
    for target in predict noop; do
      if [ $target = predict ]; then
        wrk -t$threads -c$c -d5s --latency -s "$OUT/predict.lua" "$URL/networks/$predictor/predict" >"$OUT/wrk-run.txt"
      else
        wrk -t$threads -c$c -d5s --latency "$URL/actuator/health/ping" >"$OUT/wrk-run.txt"
      fi
      if grep -q "Non-2xx" "$OUT/wrk-run.txt"; then echo "$target answered errors under load:" >&2; cat "$OUT/wrk-run.txt" >&2; exit 1; fi
      echo "$target $c $(grep Requests/sec "$OUT/wrk-run.txt" | awk '{print $2}') $(awk '$1=="50%"{print $2}' "$OUT/wrk-run.txt") $(awk '$1=="99%"{print $2}' "$OUT/wrk-run.txt")" >>"$OUT/wrk.txt"
    done
  done
done

URL="$URL" REPS="$REPS" bench/serving.sh

rss() { awk '/VmRSS/{print $2 * 1024}' "/proc/$service/status"; }
before=$(rss)
for _ in $(seq 1 1000); do   # each network trained once, so that its buffers and optimizer state exist
  id=$(post /networks "$mazur" | jq -r .id)
  post "/networks/$id/train" '{ "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]] }' >/dev/null
done
after=$(rss)
echo "{\"rssBefore\": $before, \"rssAfter\": $after, \"networks\": 1000}" >"$OUT/memory.json"

bench/train-vs-torch.sh   # whole-epoch train calls paired with PyTorch: target/bench/train-vs-torch.json
echo "4/4 report"
$PY bench/report.py "$OUT"
