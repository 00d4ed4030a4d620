#!/usr/bin/env bash
# EventAgents reliability suites: the API in Release as real processes on 127.0.0.1, against a throw-away PostgreSQL
# cluster, driven and checked from the outside by tests/Reliability. Each suite prints one verdict line; the exit code is
# non-zero when any promise fails. Logs of every API instance are kept in artifacts/reliability/last/.
#
#   build/reliability.sh [suite ...] [--no-build] [--fuzz-cases N] [--soak-minutes M] [--overload-seconds S] [--seed N]
#
# Suites (default: all, in this order; about 20 minutes with the 10-minute soak):
#   crash          kill -9 under append, document and run load, 4 times; every acknowledged write exactly once, runs final
#   db-restart     PostgreSQL stopped for 6 s under load: 503s fast, /health/ready 503 → 200, recovery without restart
#   shutdown       SIGTERM under load with runs in progress: no failed request, exit 0, runs finished by the next instance
#   two-instances  two APIs on one database: version checks, idempotency, exactly-once runs, webhook order
#   overload       10× the sustainable clients for 30 s: fast 503 + Retry-After, accepted p99 < 500 ms, memory < 512 MB
#   soak           10 minutes of mixed load: memory growth < 10 %, threads and database connections flat
#   fuzz           OpenAPI-driven hostile requests (2,000 per operation): no 5xx, hang, leak or cross-tenant data
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh

build=1
runner_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --fuzz-cases|--soak-minutes|--overload-seconds|--seed) runner_args+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) runner_args+=("$1"); shift ;;
  esac
done

log() { printf '[reliability] %s\n' "$*" >&2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
ulimit -n 65536 2>/dev/null || true

api="$root/src/WebApi/bin/Release/net10.0/EventAgents.WebApi.dll"
runner="$root/tests/Reliability/bin/Release/net10.0/EventAgents.Reliability.dll"
if [ "$build" -eq 1 ]; then
  log "building the API and the runner (Release)"
  dotnet build src/WebApi/WebApi.csproj -c Release -nologo -clp:ErrorsOnly >/dev/null
  dotnet build tests/Reliability/Reliability.csproj -c Release -nologo -clp:ErrorsOnly >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/eventagents-reliability.XXXXXX")
logs="$root/artifacts/reliability/last"
cleanup() {
  # The runner stops what it starts; this catches instances left behind by an interrupted run.
  pkill -f "$api" 2>/dev/null || true
  pg_stop
  rm -rf "$logs" && mkdir -p "$(dirname "$logs")" && cp -r "$work/runs" "$logs" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Two instances with their pools, plus the runner's own connections.
PG_MAX_CONNECTIONS=300 pg_provision "$work/pg"
export ConnectionStrings__Postgres="$PG_CONNECTION_STRING"
owner=""
[ "$(id -u)" -eq 0 ] && owner="runuser -u postgres --"
export RELIABILITY_PG_STOP="$owner $PG_BIN/pg_ctl -D $PG_DATA_DIR -m fast -w stop >/dev/null"
export RELIABILITY_PG_START="$owner $PG_BIN/pg_ctl -D $PG_DATA_DIR -l $PG_LOG_FILE -w -t 60 start -o '-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCKET_DIR -c fsync=on -c synchronous_commit=on -c max_connections=300' >/dev/null"

status=0
dotnet "$runner" --api "$api" --openapi "$root/docs/openapi/v1.json" --work "$work/runs" "${runner_args[@]}" || status=$?
exit "$status"
