#!/usr/bin/env bash
# Regenerates docs/openapi/v1.json from the built API, without a server or a database (Swashbuckle's CLI builds the host and
# stops before it runs). With --lint it also lints the document with Spectral (spectral:oas) and Redocly (recommended),
# installed by this script from npm into .tools/api-lint. Exits non-zero when a linter reports an error.
#
#   build/openapi.sh [--lint] [--check]     --check: fail if the committed copy differs from a fresh one (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

lint=0
check=0
for arg in "$@"; do
  case "$arg" in
    --lint) lint=1 ;;
    --check) check=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build src/WebApi/WebApi.csproj -c Release -nologo -clp:ErrorsOnly >/dev/null

out=docs/openapi/v1.json
target=$out
[ "$check" -eq 0 ] || target=$(mktemp)
mkdir -p "$(dirname "$out")"
# The host needs a connection string and a signing key to be built; neither is used to describe the API.
ConnectionStrings__Postgres="Host=127.0.0.1;Port=1;Database=openapi;Username=openapi" \
Auth__SigningKey="openapi-export-only-not-a-real-signing-key-0123456789" \
  dotnet tool run swagger tofile --output "$target" src/WebApi/bin/Release/net10.0/EventAgents.WebApi.dll v1 >/dev/null
echo "[openapi] wrote $target"

if [ "$check" -eq 1 ]; then
  if ! diff -q "$out" "$target" >/dev/null; then
    echo "[openapi] $out is out of date: run build/openapi.sh and commit it" >&2
    diff "$out" "$target" | head -40 >&2
    exit 1
  fi
  rm -f "$target"
fi

if [ "$lint" -eq 1 ]; then
  tools=.tools/api-lint
  if [ ! -x "$tools/node_modules/.bin/spectral" ] || [ ! -x "$tools/node_modules/.bin/redocly" ]; then
    echo "[openapi] installing @stoplight/spectral-cli and @redocly/cli into $tools"
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error @stoplight/spectral-cli@6.16.3 @redocly/cli@2.77.0 >/dev/null
  fi
  "$tools/node_modules/.bin/spectral" lint "$out" --ruleset build/lint/spectral.yaml --fail-severity error
  "$tools/node_modules/.bin/redocly" lint "$out" --config build/lint/redocly.yaml
fi
