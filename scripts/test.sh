#!/usr/bin/env bash
# The test command of the README (and of CI): installs what the tests need when it is missing,
# checks the contract with buf (lint, and breaking changes against the released contract), then
# runs every test.
# The tests start their own servers (redis-server, PaymentCore) on 127.0.0.1 and stop them.
set -euo pipefail
cd "$(dirname "$0")/.."

BUF_VERSION=1.75.0
BUF=.tools/node_modules/.bin/buf

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v redis-server >/dev/null 2>&1; then
  echo "== installing redis-server (Debian package)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

if [ ! -x "$BUF" ] || [ "$("$BUF" --version)" != "$BUF_VERSION" ]; then
  echo "== installing buf $BUF_VERSION into .tools (npm)"
  npm install --prefix .tools --no-audit --no-fund --silent "@bufbuild/buf@$BUF_VERSION"
fi

echo "== buf lint"
"$BUF" lint

# Against the released contract, committed as a buf image (so this can fail on a clean checkout of
# main too); scripts/update-contract-baseline.sh records a release, deliberately. A deliberate
# breaking change is allowed by listing it under breaking.ignore in buf.yaml.
echo "== buf breaking against the released contract (protos/baseline/released.image.yaml)"
"$BUF" breaking --against protos/baseline/released.image.yaml

echo "== dotnet test"
rm -rf TestResults
status=0
dotnet test PaymentCore.sln -c Release --logger trx --results-directory TestResults || status=$?

# One plain summary line for CI, added up over the test projects' results.
passed=0
failed=0
while IFS= read -r trx; do
  p=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
  f=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done < <(find TestResults -name '*.trx')
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
