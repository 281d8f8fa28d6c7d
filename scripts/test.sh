#!/usr/bin/env bash
# Runs every test of the project: installs what the tests need (Prism for the OpenAPI check,
# PostgreSQL for the store contract, Chromium for the status page), then runs the .NET test projects.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ -f tools/prism/package.json ]; then
  echo "== installing Prism (OpenAPI request validation) from npm"
  npm ci --prefix tools/prism --no-audit --no-fund --loglevel=error >/dev/null
fi

if [ -x scripts/postgres.sh ]; then
  echo "== starting a throwaway PostgreSQL server"
  # Assigned first: under set -e a failed start stops here, where `eval "$(…)"` would not.
  pg_env="$(scripts/postgres.sh start)"
  eval "$pg_env"
  trap 'scripts/postgres.sh stop >/dev/null 2>&1 || true' EXIT
fi

if [ -x scripts/browser.sh ]; then
  echo "== installing Chromium (the status page's browser test)"
  scripts/browser.sh
fi

echo "== building"
dotnet build d365-xero.slnx -c Release -warnaserror -nologo -v quiet

echo "== testing"
log="$(mktemp)"
status=0
dotnet test d365-xero.slnx -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line over all test projects, in the plain form CI reads.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"

# The executable users install, published and started from a temporary folder (a few minutes;
# SKIP_PUBLISH_CHECK=1 skips it on a quick local run). Its failure fails the run.
if [ "${SKIP_PUBLISH_CHECK:-0}" != 1 ]; then
  echo "== publish check"
  scripts/publish-check.sh || status=1
  # The Windows profile must publish too (it cannot run here). Without ReadyToRun: precompiling for Windows adds about
  # two minutes to every run, and the linux-x64 check above already publishes and runs the ReadyToRun build.
  RID=win-x64 PUBLISH_ARGS=-p:PublishReadyToRun=false scripts/publish-check.sh >/dev/null || { echo "publish-check: win-x64 failed"; status=1; }
fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
