#!/usr/bin/env bash
# Runs the API in Release on http://127.0.0.1:5080 (override with ASPNETCORE_URLS).
# Uses ConnectionStrings__Postgres when set; otherwise provisions a local PostgreSQL under .data/postgres
# (kept between runs). Ctrl-C or SIGTERM stops the API, then the database it started.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p .data

api_pid=""
stop_all() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  pg_stop
}
trap stop_all EXIT
trap 'exit 0' INT TERM

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  pg_provision "$root/.data/postgres"
  export ConnectionStrings__Postgres="$PG_CONNECTION_STRING"
fi

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Database__MigrateOnStartup="${Database__MigrateOnStartup:-true}"

dotnet build src/WebApi/WebApi.csproj -c Release -nologo -clp:ErrorsOnly
out="$root/src/WebApi/bin/Release/net10.0"
base_url="${ASPNETCORE_URLS%%;*}"
echo "EventAgents API: $base_url   Swagger UI: $base_url/swagger   Ready: $base_url/health/ready"
(cd "$out" && exec dotnet EventAgents.WebApi.dll) &
api_pid=$!
wait "$api_pid"
