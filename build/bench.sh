#!/usr/bin/env bash
# EventAgents benchmark: a throw-away PostgreSQL (fsync and synchronous_commit on), the API in Release with its production
# configuration (request logging on, to a file) on 127.0.0.1, preloaded data, then each workload with wrk (2 threads,
# 32 then 128 connections) and the database's own limit with pgbench. Prints a table, writes artifacts/bench/results-<ts>.md,
# checks that nothing acknowledged was lost, and stops everything it started.
#
#   build/bench.sh [--duration SECONDS] [--connections "32 128"] [--workloads append,doc-get,...] [--profile] [--replica]
# The runs workloads ignore --connections: 32 connections, each pausing between run starts, then every run awaited.
# append-schema and doc-put-schema are append and doc-put into an event type and a collection with an enforced schema.
# --replica adds a streaming replica of the database (issue #23) that the API reads from, and the workloads doc-rw (half
# document PUTs, half GETs of the written documents) and doc-ryw (the same, each GET carrying the X-Consistency-Token of
# its thread's latest write): their difference is what read-your-writes costs. Default workloads with it: the reads.
#
# --profile samples the API's CPU with perf (cpu-clock, call graphs, JIT symbols from the runtime's perf map) during each
# measured run and writes the hottest functions per workload to artifacts/bench/profile-<ts>/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=lib/postgres.sh
source build/lib/postgres.sh

duration=20
runs_connections=32
connections="32 128"
replica=0
all_workloads="ceiling append append-schema append-batch read-stream read-all doc-put doc-put-schema doc-get doc-query mixed runs runs-slow pg-insert pg-select"
workloads=$all_workloads
profile=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --workloads) workloads=$(echo "$2" | tr ',' ' '); shift 2 ;;
    --profile) profile=1; shift ;;
    --replica) replica=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$replica" -eq 1 ] && [ "$workloads" = "$all_workloads" ]; then
  workloads="read-stream read-all doc-get doc-query doc-rw doc-ryw"
fi

log() { printf '[bench] %s\n' "$*" >&2; }

require_tool() { # command debian-package
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" -eq 0 ]; then
    log "installing $2 with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    log "$1 is missing: sudo apt-get install -y $2"; exit 1
  fi
}
require_tool wrk wrk
# wrk opens one socket per connection, and 512 connections with the API's and PostgreSQL's own descriptors pass 1,024.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$profile" -eq 0 ] || require_tool perf linux-perf

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d "${TMPDIR:-/tmp}/eventagents-bench.XXXXXX")
api_pid=""
model_pid=""
cleanup() {
  [ -z "$model_pid" ] || kill "$model_pid" 2>/dev/null || true
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then kill -TERM "$api_pid"; wait "$api_pid" 2>/dev/null || true; fi
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# pgbench's 128 clients come on top of the API's connection pool.
PG_MAX_CONNECTIONS=400 pg_provision "$work/pg"
replica_env=""
if [ "$replica" -eq 1 ]; then
  PG_MAX_CONNECTIONS=400 pg_provision_replica "$work/pg"
  replica_env="$PG_REPLICA_CONNECTION_STRING"
fi
PGPASSWORD=$(cat "$PG_PASSWORD_FILE"); export PGPASSWORD
psql_q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U eventagents -d eventagents -v ON_ERROR_STOP=1 -qtA "$@"; }

log "publishing the API (Release)"
dotnet publish src/WebApi/WebApi.csproj -c Release -o "$work/app" -nologo -clp:ErrorsOnly >/dev/null

# A fake OpenAI-compatible model that answers every chat completion after 2 s (the runs-slow workload).
model_port=$(pg_free_port)
python3 - "$model_port" >"$work/fake-model.log" 2>&1 <<'PY' &
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Model(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(2)
        body = json.dumps({"id": "fake", "object": "chat.completion", "created": 0, "model": "fake",
                           "choices": [{"index": 0, "message": {"role": "assistant", "content": "done"}, "finish_reason": "stop"}],
                           "usage": {"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 11}}).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *args): pass
ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 1024
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Model).serve_forever()
PY
model_pid=$!

api_port=$(pg_free_port)
base="http://127.0.0.1:$api_port"
admin_secret=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
(
  cd "$work/app"
  export ConnectionStrings__Postgres="$PG_CONNECTION_STRING" \
    ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production \
    Database__MigrateOnStartup=true \
    Auth__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" \
    Auth__BootstrapClientId=bench-admin Auth__BootstrapClientSecret="$admin_secret" Auth__TokenLifetimeMinutes=600 \
    RateLimit__PermitsPerSecond=1000000 RateLimit__Burst=1000000 Quotas__MaxRunsPerTenantPerMinute=1000000 \
    Agents__OpenAI__BaseUrl="http://127.0.0.1:$model_port/v1" Agents__OpenAI__Model=fake \
    Serilog__FilePath="$work/api-requests.log"
  [ -z "$replica_env" ] || export ConnectionStrings__PostgresReplicas="$replica_env"
  # Without W^X the JIT-compiled code lives in anonymous memory, where perf finds the runtime's perf map symbols.
  [ "$profile" -eq 0 ] || export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
  exec dotnet EventAgents.WebApi.dll
) >"$work/api-console.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$base/health/ready" >/dev/null || { log "the API did not become ready"; tail -30 "$work/api-console.log" >&2; exit 1; }

json_field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p"; }
admin_token=$(curl -fs -u "bench-admin:$admin_secret" -d grant_type=client_credentials "$base/api/v1/auth/token" | json_field access_token)
tenant_id=$(curl -fs -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$base/api/v1/tenants" | json_field id)
client=$(curl -fs -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["events:read","events:write","documents:read","documents:write","agents:read","agents:write","agents:run","schemas:write"]}' "$base/api/v1/tenants/$tenant_id/clients")
client_id=$(echo "$client" | json_field clientId)
client_secret=$(echo "$client" | json_field clientSecret)
token=$(curl -fs -d grant_type=client_credentials -d client_id="$client_id" -d client_secret="$client_secret" "$base/api/v1/auth/token" | json_field access_token)
[ -n "$token" ] || { log "could not get a token"; exit 1; }
create_agent() { # name provider
  curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$base/api/v1/agents" \
    -d '{"name":"'"$1"'","instructions":"Benchmark.","model":{"provider":"'"$2"'"},"maxConcurrentRuns":100,"timeoutSeconds":300}' | json_field id
}
# The *-schema workloads write an event type and a collection whose enforced schemas describe the data exactly (issue #21).
register_schema() { # subject schema
  curl -fs -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$base/api/v1/schemas/$1/versions" -d '{"schema":'"$2"'}' \
    || { log "could not register the schema of $1"; exit 1; }
}
register_schema events/bench.checked '{"type":"object","additionalProperties":false,"required":["orderId","customer","amount","currency","items"],
  "properties":{"orderId":{"type":"string"},"customer":{"type":"string","maxLength":100},"amount":{"type":"number","minimum":0},
  "currency":{"enum":["EUR","USD"]},"note":{"type":"string","maxLength":500},"items":{"type":"array","maxItems":50,
  "items":{"type":"object","required":["sku","qty"],"properties":{"sku":{"type":"string"},"qty":{"type":"integer","minimum":1}}}}}}'
register_schema collections/checked '{"type":"object","additionalProperties":false,"required":["group","name","status"],
  "properties":{"group":{"type":"integer","minimum":0},"name":{"type":"string","maxLength":200},"status":{"enum":["active","archived"]},"notes":{"type":"string"}}}'
echo_agents=""; slow_agents=""
for i in 1 2 3; do echo_agents="$echo_agents \"$(create_agent "bench-echo-$i" echo)\","; slow_agents="$slow_agents \"$(create_agent "bench-slow-$i" openai)\","; done

log "preloading 1,000 streams of 10 events and 2 collections of 10,000 documents of ~1 KB (through es_append_group, as the API writes them)"
psql_q -v tenant="$tenant_id" >/dev/null <<'SQL'
SELECT set_config('bench.tenant', :'tenant', false);
DO $$
DECLARE k int; t uuid := current_setting('bench.tenant')::uuid;
BEGIN
  FOR k IN 1..1000 LOOP
    PERFORM es_append_group(t, ARRAY['r-' || k], ARRAY[0::bigint], ARRAY[10], array_fill(1, ARRAY[10]),
      (SELECT array_agg(gen_random_uuid()) FROM generate_series(1, 10)),
      array_fill('bench.preloaded'::text, ARRAY[10]),
      (SELECT array_agg(jsonb_build_object('seq', g, 'payload', repeat('x', 150))) FROM generate_series(1, 10) g),
      array_fill('{}'::jsonb, ARRAY[10]));
  END LOOP;
END $$;
SQL
psql_q -v tenant="$tenant_id" >/dev/null <<'SQL'
SELECT set_config('bench.tenant', :'tenant', false);
DO $$
DECLARE k int; t uuid := current_setting('bench.tenant')::uuid; d jsonb;
BEGIN
  FOR k IN 1..10000 LOOP
    d := jsonb_build_object('group', k % 100, 'name', 'document ' || k, 'status', 'active', 'notes', repeat('n', 900));
    PERFORM es_append_group(t, ARRAY['doc:bench:' || k, 'doc:checked:' || k], ARRAY[0::bigint, 0], ARRAY[1, 1], ARRAY[1, 2],
      ARRAY[gen_random_uuid(), gen_random_uuid()], ARRAY['document.created', 'document.created'],
      ARRAY[jsonb_build_object('data', d), jsonb_build_object('data', d)], ARRAY['{}'::jsonb, '{}'::jsonb],
      ARRAY['bench', 'checked'], ARRAY[k::text, k::text], ARRAY[d, d]);
  END LOOP;
END $$;
ANALYZE;
SQL

# ---------------------------------------------------------------- wrk scripts
lua="$work/lua"
mkdir -p "$lua"
event_data='{\"orderId\":\"%d\",\"customer\":\"customer-%d\",\"amount\":123.45,\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"qty\":2},{\"sku\":\"SKU-2\",\"qty\":1}],\"note\":\"benchmark event payload padding to about two hundred bytes\"}'
doc_data='{\"data\":{\"group\":%d,\"name\":\"document %d\",\"status\":\"active\",\"notes\":\"'$(head -c 900 /dev/zero | tr '\0' 'n')'\"}}'
cat > "$lua/common.lua" <<LUA
local counter = 0
function setup(thread) counter = counter + 1; thread:set("seed", counter) end
function init(args) math.randomseed(os.time() * 1000 + seed) end
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
function event_json(k, type) return string.format("{\"type\":\"" .. (type or "bench.happened") .. "\",\"data\":$event_data}", k, k) end
function append_request(n, type)
  local k = math.random(1, 1000)
  local events = {}
  for i = 1, n do events[i] = event_json(k, type) end
  return wrk.format("POST", "/api/v1/streams/s-" .. k .. "/events", nil, "{\"events\":[" .. table.concat(events, ",") .. "]}")
end
function doc_put_request(collection)
  local k = math.random(1, 10000)
  return wrk.format("PUT", "/api/v1/collections/" .. (collection or "bench") .. "/documents/" .. k, nil, string.format("$doc_data", k % 100, k))
end
function doc_get_request() return wrk.format("GET", "/api/v1/collections/bench/documents/" .. math.random(1, 10000)) end
function read_stream_request() return wrk.format("GET", "/api/v1/streams/r-" .. math.random(1, 1000) .. "/events") end
function done(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
LUA
head_position=$(psql_q -c "SELECT last_position FROM es_tenant_logs WHERE tenant_id = '$tenant_id'")
write_script() { { echo 'dofile("'"$lua"'/common.lua")'; cat; } > "$lua/$1.lua"; }
write_script ceiling <<'LUA'
request = function() return wrk.format("GET", "/health/live") end
LUA
write_script append <<'LUA'
request = function() return append_request(1) end
LUA
write_script append-schema <<'LUA'
request = function() return append_request(1, "bench.checked") end
LUA
write_script append-batch <<'LUA'
request = function() return append_request(10) end
LUA
write_script read-stream <<'LUA'
request = read_stream_request
LUA
write_script read-all <<LUA
request = function() return wrk.format("GET", "/api/v1/events?limit=100&after=" .. math.random(0, $head_position - 100)) end
LUA
write_script doc-put <<'LUA'
request = doc_put_request
LUA
write_script doc-put-schema <<'LUA'
request = function() return doc_put_request("checked") end
LUA
write_script doc-get <<'LUA'
request = doc_get_request
LUA
write_script doc-query <<'LUA'
request = function() return wrk.format("GET", "/api/v1/collections/bench/documents?limit=50&where[group]=" .. math.random(0, 99)) end
LUA
# doc-rw / doc-ryw (--replica): writes and reads of the same documents; doc-ryw's reads carry the latest write's token.
write_script doc-rw <<'LUA'
local n = 0
request = function()
  n = n + 1
  if n % 2 == 1 then return doc_put_request() end
  return doc_get_request()
end
LUA
write_script doc-ryw <<'LUA'
local n = 0
local token = nil
request = function()
  n = n + 1
  if n % 2 == 1 or token == nil then return doc_put_request() end
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["X-Consistency-Token"] = token
  return wrk.format("GET", "/api/v1/collections/bench/documents/" .. math.random(1, 10000), headers)
end
response = function(status, headers, body)
  if headers["X-Consistency-Token"] then token = headers["X-Consistency-Token"] end
end
LUA
# runs / runs-slow: 32 connections, each pausing between run starts (60 ms and 250 ms), so that about 300 and 100 starts/s
# are offered while a start answers in 40 ms (a start waits for its commit; with 10 connections the offered rate was capped
# by that latency at about 130/s, not by what the service can run); every run is then awaited (run_runs).
write_script runs <<LUA
local agents = { ${echo_agents%,} }
request = function() return wrk.format("POST", "/api/v1/agents/" .. agents[math.random(1, #agents)] .. "/runs", nil, "{\\"input\\":{\\"text\\":\\"hello\\"}}") end
function delay() return 60 end
LUA
write_script runs-slow <<LUA
local agents = { ${slow_agents%,} }
request = function() return wrk.format("POST", "/api/v1/agents/" .. agents[math.random(1, #agents)] .. "/runs", nil, "{\\"input\\":{\\"text\\":\\"hello\\"}}") end
function delay() return 250 end
LUA
write_script mixed <<'LUA'
request = function()
  local r = math.random(1, 100)
  if r <= 60 then return doc_get_request()
  elseif r <= 80 then return read_stream_request()
  elseif r <= 90 then return append_request(1)
  else return doc_put_request() end
end
LUA
# pgbench scripts (extended protocol: variables become parameters). No ':' inside literals, pgbench would read a variable.
# pg-insert: the append path's single-row insert into a copy of es_events (same columns, keys and indexes), one per
# transaction, without the API's locking: the database's own limit for durable single-row writes on this machine.
psql_q >/dev/null <<'SQL'
CREATE TABLE bench_pg_insert (LIKE es_events INCLUDING ALL);
CREATE SEQUENCE bench_pg_insert_position;
SQL
cat > "$work/pg-insert.sql" <<'SQL'
\set k random(1, 1000)
INSERT INTO bench_pg_insert (tenant_id, position, stream_id, version, event_id, event_type, data, metadata, created_at)
VALUES (:tenant::uuid, nextval('bench_pg_insert_position'), 'p-' || :k::text, nextval('bench_pg_insert_position'), gen_random_uuid(),
  'bench.happened', jsonb_build_object('orderId', :k::int, 'customer', 'customer-' || :k::text, 'amount', 123.45, 'currency', 'EUR',
    'items', jsonb_build_array(jsonb_build_object('sku', 'SKU-1', 'qty', 2), jsonb_build_object('sku', 'SKU-2', 'qty', 1)),
    'note', 'benchmark event payload padding to about two hundred bytes'), '{}'::jsonb, now());
SQL
cat > "$work/pg-select.sql" <<'SQL'
\set k random(1, 10000)
SELECT id, version, data::text, created_at, updated_at FROM documents WHERE tenant_id = :tenant::uuid AND collection = 'bench' AND id = :k::text;
SQL

# ---------------------------------------------------------------- measuring
clk_tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$api_pid/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$api_pid/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$api_pid/status"; }
events_count() { psql_q -c "SELECT count(*) FROM es_events WHERE tenant_id = '$tenant_id' AND event_type = 'bench.happened'"; }

results="$work/results.tsv"
: > "$results"
: > "$work/acks"
run_wrk() { # workload connections duration
  local sampler peak_file="$work/peak" start_ticks end_ticks output
  echo 0 > "$peak_file"
  ( peak=0; while kill -0 "$api_pid" 2>/dev/null; do r=$(rss_kb); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$peak_file"; sleep 0.25; done ) &
  sampler=$!
  local perf_pid=""
  if [ "$profile" -eq 1 ]; then
    perf record -e cpu-clock -F 499 -g -p "$api_pid" -o "$work/perf-$1-$2.data" -- sleep "$3" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  start_ticks=$(cpu_ticks)
  output=$(wrk -t2 -c"$2" -d"$3s" --timeout 10s -s "$lua/$1.lua" "$base" 2>&1 || true)
  end_ticks=$(cpu_ticks)
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  [ -z "$perf_pid" ] || wait "$perf_pid" 2>/dev/null || true
  local line
  line=$(echo "$output" | grep '^RESULT' | tail -1)
  [ -n "$line" ] || { log "wrk produced no result for $1: $output"; return 1; }
  case "$1" in
    append) echo "$line" | awk '{ print "append", $2 - $7 }' >> "$work/acks" ;;
    append-batch) echo "$line" | awk '{ print "append-batch", 10 * ($2 - $7) }' >> "$work/acks" ;;
  esac
  # RESULT requests duration_us connect read write status timeout p50 p90 p99 max
  echo "$line" | awk -v w="$1" -v c="$2" -v peak="$(cat "$peak_file")" -v ticks="$((end_ticks - start_ticks))" -v tck="$clk_tck" '{
    secs = $3 / 1e6; rps = $2 / secs; per = (w == "append-batch") ? 10 : 1
    printf "%s\t%s\t%.0f\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%.0f\t%.0f\n", w, c, rps, rps * per, $9/1000, $10/1000, $11/1000, $12/1000, $7, $4+$5+$6+$8, peak/1024, 100 * ticks / tck / secs }' >> "$results"
}
run_pgbench() { # workload connections duration
  local out
  out=$("$PG_BIN/pgbench" -n -M extended -c "$2" -j 2 -T "$3" -D tenant="$tenant_id" -f "$work/$1.sql" -h 127.0.0.1 -p "$PG_PORT" -U eventagents eventagents 2>&1) \
    || { log "pgbench failed: $out"; return 1; }
  echo "$out" | awk -v w="$1" -v c="$2" '
    /latency average/ { lat = $4 }
    /^tps/ { tps = $3 }
    /number of failed transactions/ { failed = $5 }
    END { printf "%s\t%s\t%.0f\t%.0f\t%.2f\t-\t-\t-\t%d\t0\t-\t-\n", w, c, tps, tps, lat, failed + 0 }' >> "$results"
}

# runs / runs-slow: start runs at a steady rate for the duration, then await them. Reported: runs accepted/s (req/s),
# runs completed/s over the whole span from the first start to the last finish (events/s), queue-to-final latency
# percentiles (p50..max, from the runs' own timestamps), and as non-2xx: refused starts + runs not succeeded + runs still
# not final 60 s after the load stopped.
runs_since() { # agent-name-prefix since-timestamp extra-condition
  psql_q -c "SELECT count(*) FROM agent_runs r JOIN agents a ON a.id = r.agent_id WHERE r.tenant_id = '$tenant_id' AND a.name LIKE '$1%' AND r.created_at >= '$2' $3"
}
run_runs() { # workload duration
  local prefix since output line start_ticks end_ticks left stats waited=0
  prefix=$([ "$1" = runs ] && echo bench-echo- || echo bench-slow-)
  # The warm-up's runs drain first, so they do not compete with the measured ones.
  while [ "$waited" -lt 120 ] && [ "$(runs_since "$prefix" "-infinity" "AND r.status IN ('queued', 'running', 'cancelling')")" -gt 0 ]; do sleep 1; waited=$((waited + 1)); done
  waited=0
  since=$(psql_q -c "SELECT now()")
  local perf_pid=""
  if [ "$profile" -eq 1 ]; then
    perf record -e cpu-clock -F 499 -g -p "$api_pid" -o "$work/perf-$1-$runs_connections.data" -- sleep "$2" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  start_ticks=$(cpu_ticks)
  output=$(wrk -t2 -c"$runs_connections" -d"$2s" --timeout 10s -s "$lua/$1.lua" "$base" 2>&1 || true)
  end_ticks=$(cpu_ticks)
  [ -z "$perf_pid" ] || wait "$perf_pid" 2>/dev/null || true
  while [ "$waited" -lt 60 ] && [ "$(runs_since "$prefix" "$since" "AND r.status IN ('queued', 'running', 'cancelling')")" -gt 0 ]; do sleep 1; waited=$((waited + 1)); done
  left=$(runs_since "$prefix" "$since" "AND r.status IN ('queued', 'running', 'cancelling')")
  line=$(echo "$output" | grep '^RESULT' | tail -1)
  [ -n "$line" ] || { log "wrk produced no result for $1: $output"; return 1; }
  stats=$(psql_q -F ' ' -c "SELECT count(*), count(*) FILTER (WHERE r.status <> 'succeeded'),
      coalesce(extract(epoch FROM max(r.finished_at) - min(r.created_at)), 0),
      coalesce(percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM r.finished_at - r.created_at) * 1000), ARRAY[0, 0, 0]),
      coalesce(max(extract(epoch FROM r.finished_at - r.created_at) * 1000), 0)
    FROM agent_runs r JOIN agents a ON a.id = r.agent_id WHERE r.tenant_id = '$tenant_id' AND a.name LIKE '$prefix%' AND r.created_at >= '$since' AND r.finished_at IS NOT NULL" | tr -d '{}' | tr ',' ' ')
  log "$1: $stats (finished, not succeeded, span s, p50 p90 p99 max ms); not final 60 s after the load: $left"
  echo "$line $stats $left" | awk -v w="$1" -v conns="$runs_connections" -v ticks="$((end_ticks - start_ticks))" -v tck="$clk_tck" -v rss="$(rss_kb)" '{
    secs = $3 / 1e6; done_per_s = ($15 > 0) ? $13 / $15 : 0
    printf "%s\t%d\t%.0f\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%.0f\t%.0f\n", w, conns, $2 / secs, done_per_s, $16, $17, $18, $19, $7 + $14 + $20, $4+$5+$6+$8, rss/1024, 100 * ticks / tck / secs }' >> "$results"
}

idle_rss=$(rss_kb)
# Warm-up: every API workload once, so tiered JIT compilation (which competes with wrk and PostgreSQL for the two cores) has
# produced optimised code for every path before anything is measured.
for w in $workloads; do
  case "$w" in pg-* | runs-slow) ;; runs) log "warming up (runs, 8 s)"; wrk -t2 -c"$runs_connections" -d8s -s "$lua/runs.lua" "$base" >/dev/null 2>&1 || true ;; *) log "warming up ($w, 8 s)"; wrk -t2 -c32 -d8s -s "$lua/$w.lua" "$base" >/dev/null 2>&1 || true ;; esac
done

before_events=$(events_count)
for w in $workloads; do
  for c in $connections; do
    log "$w, $c connections, ${duration}s"
    case "$w" in
      runs | runs-slow) [ "$c" = "$(echo $connections | awk '{print $1}')" ] && { run_runs "$w" "$duration" || log "$w failed; see above"; } ;;
      pg-*) run_pgbench "$w" "$c" "$duration" || log "$w at $c connections failed; see above" ;;
      *)
        wrk -t2 -c"$c" -d2s -s "$lua/$w.lua" "$base" >/dev/null 2>&1 || true
        run_wrk "$w" "$c" "$duration" || log "$w at $c connections failed; see above" ;;
    esac
  done
done
peak_hwm=$(hwm_kb)

# ---------------------------------------------------------------- correctness
log "checking correctness"
stored_events=$(( $(events_count) - before_events ))
gaps=$(psql_q -c "SELECT count(*) FROM (SELECT version - lag(version) OVER (PARTITION BY stream_id ORDER BY version) AS step FROM es_events WHERE tenant_id = '$tenant_id') s WHERE step <> 1")
version_mismatch=$(psql_q -c "SELECT count(*) FROM es_streams s WHERE tenant_id = '$tenant_id' AND version <> (SELECT count(*) FROM es_events e WHERE e.tenant_id = s.tenant_id AND e.stream_id = s.stream_id)")
log_holes=$(psql_q -c "SELECT (SELECT last_position FROM es_tenant_logs WHERE tenant_id = '$tenant_id') - count(*) FROM es_events WHERE tenant_id = '$tenant_id'")
duplicates=$(psql_q -c "SELECT count(*) - count(DISTINCT event_id) FROM es_events WHERE tenant_id = '$tenant_id'")
non2xx_at_32=$(awk -F'\t' '$2 == 32 && $1 !~ /^pg-/ { s += $9 + $10 } END { print s + 0 }' "$results")

# Acknowledged appends: every 2xx response of the append workloads stands for stored events (the log may hold more: mixed
# appends too, and a request that timed out on the client can still have committed).
acked_events=$(awk '{ a += $2 } END { print a + 0 }' "$work/acks")

# A full GC (gcdump induces one) shows where memory settles after the load.
dotnet tool restore >/dev/null 2>&1 || true
dotnet tool run dotnet-gcdump collect -p "$api_pid" -o "$work/after.gcdump" >/dev/null 2>&1 || true
sleep 2
after_gc_rss=$(rss_kb)

# ---------------------------------------------------------------- report
timestamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p artifacts/bench
report="artifacts/bench/results-$timestamp.md"
{
  echo "# EventAgents benchmark, $timestamp"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') (fsync and synchronous_commit on), .NET $(dotnet --version). wrk -t2, ${duration}s per run, API and database on this machine."
  echo
  echo "| workload | conns | req/s | events/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors | peak RSS MB | API CPU % |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$results"
  echo
  echo "Ratios (API workload against its physical limit at the same connections: ceiling for HTTP-bound reads, pg-insert for appends and document writes, pg-select for document reads; the *-schema workloads against the same write without a schema, i.e. what enforcement costs):"
  echo
  echo "| workload | conns | ratio |"
  echo "| --- | --- | --- |"
  awk -F'\t' '{ rps[$1 "@" $2] = $3; if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 }; conns[$2] = 1 }
    END {
      base["read-stream"] = "ceiling"; base["read-all"] = "ceiling"; base["doc-query"] = "ceiling"; base["mixed"] = "ceiling"
      base["append"] = "pg-insert"; base["append-batch"] = "pg-insert"; base["doc-put"] = "pg-insert"; base["doc-get"] = "pg-select"
      base["append-schema"] = "append"; base["doc-put-schema"] = "doc-put"
      for (i = 1; i <= n; i++) { w = order[i]; if (!(w in base)) continue
        for (c in conns) { b = rps[base[w] "@" c]; v = rps[w "@" c]; if (b > 0 && v != "") printf "| %s vs %s | %s | %.0f %% |\n", w, base[w], c, 100 * v / b } } }' "$results"
  echo
  echo "Memory: idle before load $((idle_rss / 1024)) MB, peak (VmHWM) $((peak_hwm / 1024)) MB, after load and a full GC $((after_gc_rss / 1024)) MB."
  echo
  echo "Correctness: $stored_events new bench events stored for about $acked_events acknowledged; stream version gaps: $gaps; streams whose version differs from their event count: $version_mismatch; holes in the global log: $log_holes; duplicate event ids: $duplicates; non-2xx and socket errors at 32 connections: $non2xx_at_32."
} > "$report"
cat "$report"

perf_top() { # data-file perf-report-options...
  local data="$1"; shift
  perf report -i "$data" --stdio -g none "$@" 2>/dev/null | grep -v '^#' | sed '/^$/d' || true
}
if [ "$profile" -eq 1 ]; then
  profile_dir="artifacts/bench/profile-$timestamp"
  mkdir -p "$profile_dir"
  for data in "$work"/perf-*.data; do
    [ -e "$data" ] || continue
    name=$(basename "$data" .data)
    {
      echo "# $name: share of the API's CPU samples by library, then by function (self time)"
      perf_top "$data" --no-children --sort dso --percent-limit 1
      echo
      perf_top "$data" --no-children --sort symbol --percent-limit 0.4
      echo
      echo "# inclusive time (children), top entries"
      perf_top "$data" --children --sort symbol --percent-limit 3 | head -80 || true
    } > "$profile_dir/${name#perf-}.txt"
  done
  log "profiles written to $profile_dir"
fi

failed=0
[ "$gaps" -eq 0 ] || { log "FAIL: stream versions have gaps"; failed=1; }
[ "$version_mismatch" -eq 0 ] || { log "FAIL: stream versions differ from their event counts"; failed=1; }
[ "$log_holes" -eq 0 ] || { log "FAIL: the global log has holes"; failed=1; }
[ "$duplicates" -eq 0 ] || { log "FAIL: duplicate events"; failed=1; }
if [ "$stored_events" -lt "$acked_events" ]; then log "FAIL: fewer events stored than acknowledged"; failed=1; fi
log "report written to $report"
exit "$failed"
