#!/usr/bin/env bash
# Fashion-MNIST end to end through the service: upload the four IDX.gz files, train a
# 784-256-128-10 ReLU/softmax network with cross-entropy in a training job (10 epochs, a 10 %
# validation split), and print the test accuracy. Uses the service at $BACKPROP_URL, or builds
# and starts one on port 8080 when none answers.
set -euo pipefail
cd "$(dirname "$0")/.."

URL=${BACKPROP_URL:-http://localhost:8080}
DATA=/usr/share/datasets/fashion-mnist
EPOCHS=${EPOCHS:-10}

need_apt() {
  if [ "$(id -u)" -ne 0 ]; then echo "install $* (as root: apt-get install $*)" >&2; exit 1; fi
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}
[ -f "$DATA/train-images-idx3-ubyte.gz" ] || need_apt dataset-fashion-mnist
command -v jq >/dev/null || need_apt jq
command -v curl >/dev/null || need_apt curl

started=""
if ! curl -fs "$URL/actuator/health" >/dev/null 2>&1; then
  ./mvnw -q -B package -DskipTests
  OMP_NUM_THREADS=1 java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar target/backprop-service.jar >/tmp/backprop-fashion-mnist.log 2>&1 &
  started=$!
  trap '[ -n "$started" ] && kill "$started"' EXIT
  for _ in $(seq 1 120); do curl -fs "$URL/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
fi

upload() {
  curl -fsS -F "images=@$DATA/$1-images-idx3-ubyte.gz" -F "labels=@$DATA/$1-labels-idx1-ubyte.gz" \
       -F scale=255 -F classes=10 -F "name=fashion-mnist-$1" "$URL/datasets" | jq -r .id
}
start=$(date +%s.%N)
train=$(upload train)
test=$(upload t10k)

network=$(curl -fsS -X POST "$URL/networks" -H 'Content-Type: application/json' -d '{
  "name": "fashion-mnist-mlp", "inputs": 784, "loss": "cross_entropy",
  "layers": [ { "units": 256, "activation": "relu" }, { "units": 128, "activation": "relu" },
              { "units": 10, "activation": "softmax" } ],
  "init": { "scheme": "he_uniform", "seed": 1 } }' | jq -r .id)

job=$(curl -fsS -X POST "$URL/networks/$network/training-jobs" -H 'Content-Type: application/json' -d "{
  \"datasetId\": \"$train\", \"validation\": { \"fraction\": 0.1, \"seed\": 7 },
  \"epochs\": $EPOCHS, \"batchSize\": 128, \"shuffle\": true, \"seed\": 7,
  \"optimizer\": { \"type\": \"adam\", \"learningRate\": 0.001 },
  \"schedule\": { \"type\": \"cosine\", \"tMax\": $EPOCHS } }" | jq -r .id)

seen=0
while :; do
  state=$(curl -fsS "$URL/jobs/$job")
  status=$(jq -r .status <<<"$state")
  jq -r --argjson seen "$seen" '.history[$seen:][] |
    "epoch \(.epoch): loss \(.loss | . * 10000 | round / 10000), val loss \(.valLoss | . * 10000 | round / 10000), val accuracy \(.valAccuracy | . * 10000 | round / 100) %, \(.durationMs) ms"' <<<"$state"
  seen=$(jq '.history | length' <<<"$state")
  case "$status" in succeeded|failed|cancelled) break ;; esac
  sleep 1
done
[ "$status" = succeeded ] || { echo "job $status: $(jq -c .error <<<"$state")" >&2; exit 1; }

accuracy=$(curl -fsS -X POST "$URL/networks/$network/evaluate" -H 'Content-Type: application/json' \
  -d "{ \"datasetId\": \"$test\" }" | jq .accuracy)
end=$(date +%s.%N)
jq -rn --argjson accuracy "$accuracy" --argjson state "$state" --arg wall "$(awk "BEGIN { print $end - $start }")" '
  "test accuracy \($accuracy * 10000 | round / 100) % after \($state.epoch) epochs; " +
  "job \($state.samplesPerSecond | round) samples/s; wall time \($wall | tonumber | . * 10 | round / 10) s (uploads included)"'
