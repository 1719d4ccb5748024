#!/usr/bin/env bash
# End-to-end benchmark: builds McpDataEnv in Release, seeds a private copy of the demo
# environment, and drives it with the official MCP TypeScript client. Prints a Markdown table.
# Usage: bench/run.sh [--iterations N] [--starts N]
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix bench/e2e --no-audit --no-fund --loglevel=error >&2
dotnet build src/McpDataEnv -c Release -nologo -clp:ErrorsOnly >&2
dll="$PWD/src/McpDataEnv/bin/Release/net10.0/McpDataEnv.dll"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
dotnet publish src/McpDataEnv -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" -nologo -clp:ErrorsOnly >&2
cp -r environments/retail "$work/retail"; rm -rf "$work/retail/data"
dotnet "$dll" seed --env "$work/retail" >&2
echo "McpDataEnv end-to-end benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(dotnet --version) SDK"
echo
node bench/e2e/bench.mjs --server "dotnet $dll serve --env $work/retail" --server-r2r "dotnet $work/r2r/McpDataEnv.dll serve --env $work/retail" "$@"
