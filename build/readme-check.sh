#!/usr/bin/env bash
# Runs the README's walk-through (the ```bash blocks marked <!-- walk-through -->) as a script against a fresh instance
# (build/run.sh on a free port, a new database) and checks the HTTP status of every curl against what the README states
# (build/lib/readme_examples.py). An edit that breaks an example fails it. Last line: "readme examples: PASS" or "… FAIL".
#   build/readme-check.sh          uses ConnectionStrings__Postgres's server for a new database, or a throw-away cluster
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh
readme=${README_FILE:-README.md}   # another file only to prove the check fails on a broken example
work=$(mktemp -d "${TMPDIR:-/tmp}/eventagents-readme.XXXXXX")
api_pid=""
created=0
cleanup() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill -TERM "$api_pid" 2>/dev/null
    wait "$api_pid" 2>/dev/null
  fi
  [ "$created" = 1 ] && admin_sql "DROP DATABASE IF EXISTS $database WITH (FORCE)"
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
verdict() { echo "readme examples: $1"; exit "$2"; }

command -v jq >/dev/null || { [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >&2; } || verdict "FAIL (jq is missing)" 1

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  pg_provision "$work/pg" || verdict "FAIL (no PostgreSQL)" 1
  export ConnectionStrings__Postgres="$PG_CONNECTION_STRING"
fi
# A database of its own: the walk-through creates fixed ids (order-17, o-17) that must not exist yet. Dropped at the end.
database="readme_$(date +%s)_$$"
server=$ConnectionStrings__Postgres
field() { printf '%s' "$server" | tr ';' '\n' | sed -n "s/^$1=//Ip" | head -1; }
admin_sql() {
  local psql_bin
  psql_bin=$(command -v psql || echo "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql")
  PGPASSWORD=$(field Password) "$psql_bin" -q -h "$(field Host)" -p "$(field Port)" -U "$(field Username)" -d "$(field Database)" -c "$1" >/dev/null
}
admin_sql "CREATE DATABASE $database" || verdict "FAIL (could not create a database)" 1
created=1
export ConnectionStrings__Postgres="$(printf '%s' "$ConnectionStrings__Postgres" | sed "s/Database=[^;]*/Database=$database/I")"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# As the README's webhook section says: loopback receivers need this, in development only.
ASPNETCORE_URLS="$base" Webhooks__AllowPrivateNetworks=true build/run.sh > "$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do
  curl -sf "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { tail -20 "$work/api.log"; verdict "FAIL (the API did not start)" 1; }
  sleep 1
done

python3 build/lib/readme_examples.py script "$readme" "$base" "$work/walk.sh"
(cd "$root" && README_STATUS_LOG="$work/walk.status" bash "$work/walk.sh" > "$work/walk.out" 2>&1)
if python3 build/lib/readme_examples.py check "$readme" "$work/walk.status"; then
  verdict PASS 0
fi
echo "--- output of the walk-through (last 30 lines)"
tail -30 "$work/walk.out"
verdict FAIL 1
