#!/usr/bin/env bash
# Builds the solution and runs every test project against a real PostgreSQL; checks and lints the committed OpenAPI
# document (build/openapi.sh --check --lint), installs Debian's chromium for the browser test when missing, generates the
# SDKs from it and runs tests/Sdk.Tests with the C# one; then the
# fast reliability suites (graceful shutdown, and the fuzz with a small budget) against real API processes and the README's
# walk-through (build/readme-check.sh), each counted as one test.
# Uses ConnectionStrings__Postgres when set; otherwise provisions a throw-away cluster and removes it afterwards.
# Last line: "N passed, N failed" (", N skipped" when any were skipped), over all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh
# shellcheck source=lib/chromium.sh
source build/lib/chromium.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d "${TMPDIR:-/tmp}/eventagents-test.XXXXXX")
cleanup() {
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  pg_provision "$work/pg"
  export ConnectionStrings__Postgres="$PG_CONNECTION_STRING"
  # The read-replica tests (issue #23) run against a streaming replica of this cluster; without one they are skipped.
  pg_provision_replica "$work/pg"
  export EVENTAGENTS_TEST_REPLICA="$PG_REPLICA_CONNECTION_STRING"
fi

chromium_ensure
dotnet tool restore >/dev/null
dotnet build EventAgents.sln -c Release -nologo -clp:ErrorsOnly
build/openapi.sh --check --lint
build/generate-clients.sh
dotnet build tests/Sdk.Tests/Sdk.Tests.csproj -c Release -nologo -clp:ErrorsOnly

status=0
for target in EventAgents.sln tests/Sdk.Tests/Sdk.Tests.csproj; do
  dotnet test "$target" -c Release --no-build --nologo \
    --results-directory "$work/results" --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
    || status=$?
done

# The long suites (crash, db-restart, two-instances, overload, soak, the full fuzz) run on demand: build/reliability.sh.
reliability_log="$work/reliability.txt"
build/reliability.sh --no-build shutdown fuzz --fuzz-cases 100 --seed 20261126 | tee "$reliability_log" || status=$?

# The README's walk-through, run as a script against a fresh instance (one test).
readme_log="$work/readme.txt"
build/readme-check.sh | tee "$readme_log" || status=$?

passed=0 failed=0 total=0 executed=0
passed=$((passed + $(grep -c '^reliability .*: PASS' "$reliability_log" || true)))
failed=$((failed + $(grep -c '^reliability .*: FAIL' "$reliability_log" || true)))
grep -q '^reliability ' "$reliability_log" || failed=$((failed + 1))  # the runner did not get to a verdict
passed=$((passed + $(grep -c '^readme examples: PASS' "$readme_log" || true)))
grep -q '^readme examples: PASS' "$readme_log" || failed=$((failed + 1))
total=$((passed + failed))
executed=$total
for trx in "$work"/results/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  total=$((total + $(value total)))
  executed=$((executed + $(value executed)))
done
skipped=$((total - executed))
if [ "$total" -eq 0 ]; then
  echo "no test results were produced" >&2
  status=1
fi
if [ "$failed" -gt 0 ] && [ "$status" -eq 0 ]; then status=1; fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
cleanup
trap - EXIT
echo "$summary"
exit "$status"
