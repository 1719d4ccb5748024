#!/usr/bin/env bash
# End-to-end benchmark: builds McpDataEnv in Release, seeds a private copy of the demo
# environment, and drives it with the official MCP TypeScript client. Prints a Markdown table.
# Then, side by side on PostgreSQL: a throwaway cluster (scripts/pg-test-cluster.sh, its own folder) seeded with
# retail-postgres by the CLI, McpDataEnv vs @modelcontextprotocol/server-postgres 0.6.2 on the same database.
# Usage: bench/run.sh [--iterations N] [--starts N]    (BENCH_SKIP_POSTGRES=1 skips the PostgreSQL part;
# BENCH_ONLY=postgres runs only the PostgreSQL part; BENCH_PG_BASELINE_DLL=<McpDataEnv.dll of another build> adds it
# to the PostgreSQL rotation, for before/after ratios in one run)
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix bench/e2e --no-audit --no-fund --loglevel=error >&2
dotnet build src/McpDataEnv -c Release -nologo -clp:ErrorsOnly >&2
dll="$PWD/src/McpDataEnv/bin/Release/net10.0/McpDataEnv.dll"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
only_pg=0; [[ "${BENCH_ONLY:-}" == "postgres" ]] && { only_pg=1; export BENCH_HTTP=0 BENCH_MEMORY=0; }
if [[ $only_pg == 0 ]]; then
dotnet publish src/McpDataEnv -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" -nologo -clp:ErrorsOnly >&2
cp -r environments/retail "$work/retail"; rm -rf "$work/retail/data"
dotnet "$dll" seed --env "$work/retail" >&2
echo "McpDataEnv end-to-end benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(dotnet --version) SDK"
echo
node bench/e2e/bench.mjs --server "dotnet $dll serve --env $work/retail" --server-r2r "dotnet $work/r2r/McpDataEnv.dll serve --env $work/retail" "$@"
fi

if [[ "${BENCH_SKIP_POSTGRES:-}" != "1" ]]; then
  # Not under $work: as root the cluster runs as `postgres`, which must be able to traverse into its folder.
  export MCPDATAENV_PGTEST_DIR="/tmp/mcpdataenv-bench-pg-$$"
  trap 'scripts/pg-test-cluster.sh stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  scripts/pg-test-cluster.sh start >&2
  # shellcheck disable=SC1091
  . "$MCPDATAENV_PGTEST_DIR/env"
  export MCPDATAENV_PG="$MCPDATAENV_TEST_PG"
  echo
  echo "PostgreSQL: $(dotnet "$dll" seed --env environments/retail-postgres 2>&1 | tail -n 1)"
  echo
  password="$(cat "$MCPDATAENV_PGTEST_DIR/password")"
  node bench/e2e/bench-postgres.mjs --server "dotnet $dll serve --env $PWD/environments/retail-postgres" \
    --peer-url "postgresql://mcpadmin:$password@127.0.0.1:$MCPDATAENV_TEST_PG_PORT/mcpdataenv" \
    ${BENCH_PG_BASELINE_DLL:+--baseline "dotnet $BENCH_PG_BASELINE_DLL serve --env $PWD/environments/retail-postgres"} "$@"
fi

# HTTP load: 1, 10 and 50 concurrent clients, stateful and stateless (skip with BENCH_HTTP=0).
if [[ "${BENCH_HTTP:-1}" != "0" ]]; then
  echo
  echo "HTTP load (Streamable HTTP, mixed tool calls, ${BENCH_HTTP_SECONDS:-10} s per level)"
  echo
  # Every bench client is the same (anonymous) principal: lift the per-principal budget for the run.
  printf '\nhttp: { requests_per_minute: 100000000 }\n' >> "$work/retail/environment.yaml"
  for mode in stateful stateless; do
    port=$((5300 + RANDOM % 500)); extra=(); [[ $mode == stateless ]] && extra=(--stateless)
    MCPDATAENV_LOG_LEVEL=Warning dotnet "$dll" serve --env "$work/retail" --transport http --urls "http://127.0.0.1:$port" \
      --allow-anonymous analyst "${extra[@]}" 2>"$work/http-$mode.log" &
    pid=$!
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
    node bench/e2e/bench-http.mjs --url "http://127.0.0.1:$port/mcp" --pid "$pid" --label "$mode" --seconds "${BENCH_HTTP_SECONDS:-10}" | { [[ $mode == stateless ]] && tail -n +3 || cat; }
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
fi

# Memory side by side (scenario 2): McpDataEnv memory_search vs @modelcontextprotocol/server-memory search_nodes over
# the same 100,000 passages, alternating A/B; then memory_archive throughput end to end (skip with BENCH_MEMORY=0).
if [[ "${BENCH_MEMORY:-1}" != "0" ]]; then
  echo
  echo "Memory (100,000 passages; same content in both servers)"
  echo
  dotnet build bench/McpDataEnv.Benchmarks -c Release -nologo -clp:ErrorsOnly >&2
  cp -r environments/retail "$work/memory-env"; rm -rf "$work/memory-env/data"; cp -r "$work/retail/data" "$work/memory-env/data"
  # One principal writes thousands of times in the throughput run: lift its per-minute budget for the run.
  sed -i 's/writes_per_minute: [0-9]*/writes_per_minute: 100000000/' "$work/memory-env/environment.yaml"
  dotnet bench/McpDataEnv.Benchmarks/bin/Release/net10.0/McpDataEnv.Benchmarks.dll --memory-seed "$work/memory-env/data/memory.db" 100000 "$work/graph.jsonl" >&2
  node bench/e2e/bench-memory.mjs --a "dotnet $dll serve --env $work/memory-env" \
    --b "node $PWD/bench/e2e/node_modules/@modelcontextprotocol/server-memory/dist/index.js" --graph "$work/graph.jsonl" \
    --iterations "${BENCH_MEMORY_ITERATIONS:-200}"
fi
