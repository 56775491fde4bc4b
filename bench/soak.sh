#!/usr/bin/env bash
# The soak test (not part of the build): the service in keys mode, two tenants' keys, CLIENTS
# clients (default 16) for SECONDS (default 60) mixing create, train, predict, backprop, evaluate,
# export and delete on shared networks, probing each other's (bench/Soak.java). Checks: no answer
# but 2xx and the documented 409/429 (and 404 for the other tenant's resources), exact step counters,
# no tenant sees the other's networks or data sets, RSS (sampled every second) flat after 10 s.
# The heap is fixed and touched at start (HEAP, default 512m), so that the RSS shows what grows
# outside it: native buffers, thread stacks, code cache.
# Uses target/backprop-service.jar (built if missing); writes target/bench/soak.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-16}
SECONDS_TO_RUN=${SECONDS_TO_RUN:-60}
PORT=${PORT:-18161}
HEAP=${HEAP:-512m}
JAR=${JAR:-target/backprop-service.jar}
OUT=target/bench
mkdir -p "$OUT/soak"
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
javac -d "$OUT/soak" bench/Soak.java
admin="soak-admin-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
rm -f "$OUT/soak/soak.db"
OMP_NUM_THREADS=1 java -Xms"$HEAP" -Xmx"$HEAP" -XX:+AlwaysPreTouch -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --backprop.security.mode=keys --backprop.security.bootstrap-key="$admin" \
  --spring.datasource.url="jdbc:sqlite:$OUT/soak/soak.db" >"$OUT/soak/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
java -cp "$OUT/soak" Soak "http://127.0.0.1:$PORT" "$admin" "$service" "$CLIENTS" "$SECONDS_TO_RUN" | tee "$OUT/soak.txt"
