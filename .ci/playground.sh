#!/usr/bin/env bash
# Browser tests of the playground page: Debian's headless Chromium driven by playwright-core, against the
# service already running on the port given (the packaged jar). Screenshots land in target/playground/.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:?usage: .ci/playground.sh PORT}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# A CJK font, so that the Chinese page renders in the screenshots.
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

if [ ! -f target/playwright/node_modules/playwright-core/package.json ]; then
  mkdir -p target/playwright
  npm install --silent --no-audit --no-fund --prefix target/playwright playwright-core@1.65.1 >/dev/null
fi

node src/test/playwright/playground.spec.mjs "http://localhost:$port"
