#!/usr/bin/env bash
# Generates SDKs from the committed OpenAPI document (docs/openapi/v1.json) into artifacts/sdk (gitignored):
#   - C# with Kiota (dotnet tool pinned in .config/dotnet-tools.json), compiled by tests/Sdk.Tests against the
#     individual Microsoft.Kiota.* 2.1.6 packages;
#   - TypeScript with @hey-api/openapi-ts 0.95 (typescript 5.9, Node 20), installed by this script into .tools/ts-sdk and
#     type-checked with tsc.
#   build/generate-clients.sh [--csharp-only | --typescript-only]     --typescript-only needs Node and npm, not .NET
set -euo pipefail
cd "$(dirname "$0")/.."
spec=docs/openapi/v1.json
csharp_only=0
typescript_only=0
[ "${1:-}" = "--csharp-only" ] && csharp_only=1
[ "${1:-}" = "--typescript-only" ] && typescript_only=1

if [ "$typescript_only" -eq 0 ]; then
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 KIOTA_TUTORIAL_ENABLED=false KIOTA_OFFLINE_ENABLED=true
  dotnet tool restore >/dev/null
  dotnet tool run kiota generate -l CSharp -d "$spec" -c EventAgentsClient -n EventAgents.Client \
    -o artifacts/sdk/csharp --clean-output --exclude-backward-compatible --log-level Warning >/dev/null
  echo "[sdk] C# client in artifacts/sdk/csharp ($(find artifacts/sdk/csharp -name '*.cs' | wc -l) files)"
fi

if [ "$csharp_only" -eq 0 ]; then
  tools=.tools/ts-sdk
  if [ ! -x "$tools/node_modules/.bin/openapi-ts" ]; then
    echo "[sdk] installing @hey-api/openapi-ts and typescript into $tools"
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error @hey-api/openapi-ts@0.95.0 typescript@5.9.3 >/dev/null
  fi
  rm -rf artifacts/sdk/ts
  "$tools/node_modules/.bin/openapi-ts" -i "$spec" -o artifacts/sdk/ts >/dev/null
  cat > artifacts/sdk/ts/tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "lib": ["ES2022", "DOM", "DOM.Iterable"],
    "strict": true, "noEmit": true, "skipLibCheck": true }, "include": ["./**/*.ts"] }
JSON
  "$tools/node_modules/.bin/tsc" -p artifacts/sdk/ts
  echo "[sdk] TypeScript client in artifacts/sdk/ts (type-checks)"
fi
