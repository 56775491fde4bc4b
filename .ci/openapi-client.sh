#!/usr/bin/env bash
# Reads the OpenAPI description the way a TypeScript client does: generates types from the running
# service's /v3/api-docs with openapi-typescript, type-checks the README's 2-2-2 walk-through
# against them with tsc, then runs it against the service. Usage: .ci/openapi-client.sh PORT
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:?usage: .ci/openapi-client.sh PORT}

if ! command -v npm >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
fi

dir=target/openapi-client
mkdir -p "$dir"
npm install --silent --no-audit --no-fund --prefix "$dir" openapi-typescript@7.13.0 typescript@5.9.3 @types/node@20.19.43 >/dev/null
curl -fsS "http://localhost:$port/v3/api-docs" >"$dir/openapi.json"
"$dir/node_modules/.bin/openapi-typescript" "$dir/openapi.json" --output "$dir/api.d.ts" >/dev/null
cp .ci/openapi-client.ts "$dir/walkthrough.ts"
cd "$dir"
node_modules/.bin/tsc --noEmit --strict --target es2022 --module nodenext --types node walkthrough.ts
node_modules/.bin/tsc --strict --target es2022 --module nodenext --types node --outDir js walkthrough.ts
node js/walkthrough.js "http://localhost:$port"
