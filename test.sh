#!/usr/bin/env bash
# Runs the whole test suite, exactly as CI does (CI calls this from .ci/run).
#  1. installs the official TypeScript MCP client used by the end-to-end tests and the conformance suite (npm ci),
#  2. starts a throwaway PostgreSQL cluster on a free loopback port (scripts/pg-test-cluster.sh),
#  3. builds in Release and runs every test project; PostgreSQL tests are never skipped.
# Needs: the .NET 10 SDK, Node.js + npm, PostgreSQL server binaries (Debian: apt-get install postgresql).
set -euo pipefail
cd "$(dirname "$0")"

npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
# The official MCP conformance suite and the Node 22 it needs (tests/McpDataEnv.Tests/Http/ConformanceSuiteTests).
npm ci --prefix tests/conformance --no-audit --no-fund --loglevel=error

scripts/pg-test-cluster.sh start >&2
trap 'scripts/pg-test-cluster.sh stop >/dev/null 2>&1 || true' EXIT
# shellcheck disable=SC1090
set -a; . "$(scripts/pg-test-cluster.sh path)"; set +a

dotnet build McpDataEnv.sln -c Release -nologo -clp:ErrorsOnly
log="$(mktemp)"
status=0
dotnet test McpDataEnv.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log" || status=$?

# One plain closing line for tools that read it: "N passed, N failed, N skipped".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
rm -f "$log"
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [[ "${skipped:-0}" != "0" ]]; then
  echo "test.sh: skipped tests are not passing tests; every test must run" >&2
  status=1
fi
exit "$status"
