#!/usr/bin/env bash
# Checks the Prometheus exposition with Prometheus's own parser: promtool (from Debian's prometheus
# package, unpacked into target/ without installing the daemon) lints a scrape of the service on
# port $1, taken after some training and inference.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:?usage: .ci/inference.sh <port of the running service>}
url="http://localhost:$port"

promtool=$(command -v promtool || true)
if [ -z "$promtool" ]; then
  promtool=target/prometheus/usr/bin/promtool
  if [ ! -x "$promtool" ]; then
    mkdir -p target/prometheus
    (cd target/prometheus && { apt-get download prometheus >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get download prometheus >/dev/null; }; } \
      && dpkg -x prometheus_*.deb . && rm -f prometheus_*.deb)
  fi
fi

post() { curl -fsS -X POST "$url$1" -H 'Content-Type: application/json' -d "$2"; }
id=$(post /networks '{ "name": "promtool-check", "inputs": 2, "loss": "cross_entropy", "init": { "seed": 1 },
  "layers": [ { "units": 4, "activation": "tanh" }, { "units": 2, "activation": "softmax" } ] }' | sed -E 's/.*"id":"([^"]+)".*/\1/')
post "/networks/$id/train" '{ "inputs": [[0, 1], [1, 0]], "targets": [[1, 0], [0, 1]], "epochs": 5 }' >/dev/null
post "/networks/$id/predict" '{ "inputs": [[0, 1]] }' >/dev/null
post "/v2/models/$id/infer" '{ "inputs": [ { "name": "input", "shape": [2, 2], "datatype": "FP32", "data": [0, 1, 1, 0] } ] }' >/dev/null

curl -fsS "$url/actuator/prometheus" >target/prometheus-scrape.txt
grep -q '^backprop_inference_rows_total ' target/prometheus-scrape.txt \
  || { echo "The Prometheus scrape lacks backprop_inference_rows_total:" >&2; grep "^backprop_" target/prometheus-scrape.txt >&2; exit 1; }
"$promtool" check metrics <target/prometheus-scrape.txt
echo "promtool check metrics passed on a scrape after training and inference."
