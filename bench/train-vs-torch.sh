#!/usr/bin/env bash
# Whole-epoch training through the public train call against the lean PyTorch loop, pair by pair:
# builds and starts the service, uploads Fashion-MNIST's training set, then runs
# bench/train_vs_torch.py (first epochs of a fresh service, then PAIRS pairs per batch size).
# Both sides run the same OpenBLAS kernels (OPENBLAS_CORETYPE: BENCH_OPENBLAS_CORETYPE, else what
# bench/openblas-core.sh finds best here) with one element-wise thread each. Writes target/bench/train-vs-torch.json.
# Needs python3-torch, dataset-fashion-mnist and curl/jq (bench/run.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=target/bench
PORT=${TRAIN_PORT:-$((20000 + RANDOM % 30000))}
URL=http://localhost:$PORT
DATA=/usr/share/datasets/fashion-mnist
mkdir -p "$OUT"
OPENBLAS_CORETYPE=${BENCH_OPENBLAS_CORETYPE:-$(sh bench/openblas-core.sh)}
export OPENBLAS_CORETYPE
[ -f target/backprop-service.jar ] || ./mvnw -q -B package -DskipTests

STORE=$OUT/train-vs-torch-$$.db   # a store of its own: what earlier runs left counts against the limits
OMP_NUM_THREADS=1 java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 ${TRAIN_JAVA_OPTS:-} -jar target/backprop-service.jar \
  --server.port="$PORT" --spring.datasource.url="jdbc:sqlite:$STORE" ${TRAIN_SERVICE_ARGS:-} >"$OUT/train-vs-torch-service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; rm -f "$STORE" "$STORE-wal" "$STORE-shm"' EXIT
for _ in $(seq 1 180); do curl -fs "$URL/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
dataset=$(curl -fsS -F "images=@$DATA/train-images-idx3-ubyte.gz" -F "labels=@$DATA/train-labels-idx1-ubyte.gz" \
  -F scale=255 -F classes=10 -F name=fashion-mnist-train "$URL/datasets" | jq -r .id)
echo "OpenBLAS kernels: ${OPENBLAS_CORETYPE:-chosen by OpenBLAS}"
(cd bench && /usr/bin/python3 train_vs_torch.py "$URL" "$dataset" "../$OUT/train-vs-torch.json" \
  --pairs "${PAIRS:-5}" ${TRAIN_VS_TORCH_ARGS:-})
