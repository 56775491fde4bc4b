#!/usr/bin/env bash
# Lints the running service's OpenAPI description with Redocly's recommended rules (security schemes included).
# Usage: .ci/security.sh <port>   (the service must be listening on localhost:<port>)
set -euo pipefail
cd "$(dirname "$0")/.."
port="$1"
if ! command -v npm >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
fi
mkdir -p target/redocly
curl -fsS "http://localhost:$port/v3/api-docs" >target/redocly/openapi.json
echo 'extends: [recommended]' >target/redocly/redocly.yaml
npm install --silent --no-audit --no-fund --prefix target/redocly @redocly/cli@2 >/dev/null
target/redocly/node_modules/.bin/redocly lint target/redocly/openapi.json --config target/redocly/redocly.yaml
