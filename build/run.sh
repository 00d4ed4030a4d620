#!/usr/bin/env bash
# Runs the API in Release on http://127.0.0.1:5080 (override with ASPNETCORE_URLS).
# Uses ConnectionStrings__Postgres when set; otherwise provisions a local PostgreSQL under .data/postgres
# (kept between runs). Ctrl-C or SIGTERM stops the API, then the database it started.
#   build/run.sh [--replica]   --replica: also a streaming replica of the local PostgreSQL (pg_basebackup, another port),
#                              used for reads (ConnectionStrings__PostgresReplicas); docs/scaling.md
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p .data

replica=0
for arg in "$@"; do
  case "$arg" in
    --replica) replica=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

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
  if [ "$replica" -eq 1 ]; then
    pg_provision_replica "$root/.data/postgres"
    export ConnectionStrings__PostgresReplicas="$PG_REPLICA_CONNECTION_STRING"
  fi
elif [ "$replica" -eq 1 ]; then
  echo "--replica starts a replica of the local PostgreSQL only; with ConnectionStrings__Postgres set, set ConnectionStrings__PostgresReplicas yourself" >&2
  exit 2
fi

# Development secrets: generated once, kept in .data/dev.env (gitignored, mode 600), never printed.
dev_env="$root/.data/dev.env"
if [ ! -s "$dev_env" ]; then
  umask 077
  {
    echo "Auth__BootstrapClientId=platform-admin"
    echo "Auth__BootstrapClientSecret=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    echo "Auth__SigningKey=$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
  } > "$dev_env"
  chmod 600 "$dev_env"
  umask 022
fi
# The environment wins over the file, as everywhere else in the configuration: a variable the caller exported is kept.
while IFS='=' read -r name value; do
  case "$name" in ''|\#*) continue ;; esac
  if [ -z "${!name+set}" ]; then
    export "$name=$value"
  fi
done < "$dev_env"

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Database__MigrateOnStartup="${Database__MigrateOnStartup:-true}"

dotnet build src/WebApi/WebApi.csproj -c Release -nologo -clp:ErrorsOnly
out="$root/src/WebApi/bin/Release/net10.0"
base_url="${ASPNETCORE_URLS%%;*}"
echo "EventAgents API: $base_url   Swagger UI: $base_url/swagger   Ready: $base_url/health/ready"
echo "Admin client id: $Auth__BootstrapClientId   (its secret and the signing key are in $dev_env)"
echo "Get a token:     curl -s -u \"$Auth__BootstrapClientId:\$(sed -n 's/^Auth__BootstrapClientSecret=//p' .data/dev.env)\" -d grant_type=client_credentials $base_url/api/v1/auth/token   (or your exported Auth__BootstrapClientSecret)"
(cd "$out" && exec dotnet EventAgents.WebApi.dll) &
api_pid=$!
wait "$api_pid"
