#!/usr/bin/env bash
# End-to-end benchmark, one command: builds McpDataEnv in Release, seeds private copies of the demo environment,
# installs the peers from npm, drives every server with the official MCP TypeScript client (A/B alternated), and
# writes one Markdown report (date, machine, SDK, this command, every table, time per part) to --out.
#   1. stdio round trips and cold start (JIT and ReadyToRun), SQLite at scale 1
#   2. PostgreSQL: a throwaway cluster seeded by the CLI, McpDataEnv vs @modelcontextprotocol/server-postgres 0.6.2
#   3. Streamable HTTP, 1/10/50 clients, stateful and stateless; then a 60 s, 50-client stateful load run with the
#      server's memory sampled and fitted for a trend
#   4. memory_search over 100,000 passages vs @modelcontextprotocol/server-memory
#   5. run_readonly_sql on orders at 60k / 600k / 6M rows (seed --scale 1 / 10 / 100; seeded first, run second)
# The run keeps to BENCH_BUDGET_SECONDS (default 570) in total: every measuring loop is capped, a part starts only if
# its estimate (scaled by how much slower than expected the earlier parts ran) fits the time left, and the 6M-row
# database is seeded only if the time left allows it (the report says what was skipped). Seeded scale databases are
# cached in bench/.cache/ (git-ignored) under a key of the generator and seeder sources; BENCH_SCALE_CACHE=0 seeds
# them into the work folder and deletes them afterwards.
# Usage: bench/run.sh [--out FILE] [--iterations N] [--heavy-iterations N] [--starts N]
#   BENCH_PG_BASELINE_DLL=<McpDataEnv.dll of another build> adds that build to the PostgreSQL rotation (before/after).
#   BENCH_STDIO=0, BENCH_SKIP_POSTGRES=1, BENCH_HTTP=0, BENCH_LOAD=0, BENCH_MEMORY=0, BENCH_SCALE=0 skip parts;
#   BENCH_HTTP_SECONDS (5), BENCH_LOAD_SECONDS (60), BENCH_MEMORY_ITERATIONS (100), BENCH_SCALE_SECONDS (40) size them.
set -euo pipefail
cd "$(dirname "$0")/.."
command_line="bench/run.sh${*:+ $*}"
out="bench/results/latest.md"
pass=()
while (($#)); do
  case $1 in
    --out) out=$2; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
budget=${BENCH_BUDGET_SECONDS:-570}
work="$(mktemp -d)"
pg_started=""
pid=""
cleanup() {
  # A part that fails (set -e) must not leave its HTTP server running.
  [[ -n $pid ]] && { kill "$pid" 2>/dev/null || true; }
  [[ -n $pg_started ]] && { scripts/pg-test-cluster.sh stop >/dev/null 2>&1 || true; }
  rm -rf "$work"
}
trap cleanup EXIT
report="$work/report.md"
timings=()
part_name=""; part_start=0; part_expected=0
# Parts are sized for a quiet 2-core machine; spent/expected so far (slowness, in %) scales the estimates of later parts.
spent=0; expected=0
begin() { part_name=$1; part_expected=$2; part_start=$SECONDS; echo "bench: $part_name (${SECONDS} s of ${budget} s used)" >&2; }
end() {
  timings+=("| $part_name | $((SECONDS - part_start)) |")
  spent=$((spent + SECONDS - part_start)); expected=$((expected + part_expected))
}
slowness() { (( expected > 0 && spent * 100 / expected > 100 )) && echo $((spent * 100 / expected)) || echo 100; }
say() { printf '%s\n' "$@" | tee -a "$report"; }
left() { echo $((budget - SECONDS)); }
# True when a part expected to take $2 s still fits the budget; otherwise the report says it was skipped.
fits() {
  local need=$(($2 * $(slowness) / 100))
  (( need <= $(left) )) && return 0
  say "" "_$1: skipped, it needs ~$need s here and $(left) s of the ${budget} s budget are left._"
  timings+=("| $1 | skipped |")
  return 1
}

begin "setup: npm ci, Release build, ReadyToRun publish, seed scale 1" 90
npm ci --prefix bench/e2e --no-audit --no-fund --loglevel=error >&2
dotnet build src/McpDataEnv -c Release -nologo -clp:ErrorsOnly >&2
dll="$PWD/src/McpDataEnv/bin/Release/net10.0/McpDataEnv.dll"
dotnet publish src/McpDataEnv -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" -nologo -clp:ErrorsOnly >&2
cp -r environments/retail "$work/retail"; rm -rf "$work/retail/data"
dotnet "$dll" seed --env "$work/retail" >&2
end

# Scale databases are seeded up front, while most of the budget is left; they are queried last (part 5).
scale_lines=()
envs=""
if [[ "${BENCH_SCALE:-1}" != "0" ]]; then
  begin "0b. scale: seed 600k and 6M orders (or reuse the cache)" 0
  key="$(cat src/McpDataEnv.Core/Demo/*.cs src/McpDataEnv.Core/Backends/Sqlite/Sqlite{Seeder,BulkInserter,RetailSchema}.cs | sha256sum | cut -c1-12)"
  cache="$PWD/bench/.cache/scale-$key"
  [[ "${BENCH_SCALE_CACHE:-1}" == "0" ]] && cache="$work/scale-cache"
  mkdir -p "$cache"
  envs="60k=$work/retail"
  seed10=15
  for scale in 10 100; do
    label=$([[ $scale == 10 ]] && echo 600k || echo 6M)
    dir="$work/x$scale"
    cp -r environments/retail "$dir"; rm -rf "$dir/data"; mkdir -p "$dir/data"
    # A whole-table scan of 6M rows can outlast the demo's 5 s statement limit on a busy machine.
    sed -i 's/statement_timeout_ms: [0-9]*/statement_timeout_ms: 120000/' "$dir/environment.yaml"
    if [[ -f "$cache/retail-x$scale.db" ]]; then
      scale_lines+=("- \`seed --scale $scale\`: reused the cached database (bench/.cache, key $key).")
    else
      # Seeding is linear in the data: the 6M-row seed goes ahead only if ~11x the 600k seed leaves ~300 s for the rest.
      if [[ $scale == 100 ]] && (( seed10 * 11 + 300 > $(left) )); then
        scale_lines+=("- Not measured at 6,000,000 orders: seeding it (~$((seed10 * 11)) s, estimated from the 600,000-order seed) would not leave time for the other parts ($(left) s of ${budget} s left). A later run reuses a cached seed.")
        continue
      fi
      started=$SECONDS
      if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f '%M' -o "$work/rss-$scale" dotnet "$dll" seed --env "$dir" --scale "$scale" >&2
        peak="$(( $(tail -n 1 "$work/rss-$scale") / 1024 )) MB peak RSS"
      else
        dotnet "$dll" seed --env "$dir" --scale "$scale" >&2; peak="peak RSS not measured"
      fi
      [[ $scale == 10 ]] && seed10=$((SECONDS - started))
      scale_lines+=("- \`seed --scale $scale\`: $((SECONDS - started)) s, $peak, $(($(stat -c %s "$dir/data/retail.db") / 1048576)) MB database.")
      mv "$dir/data/retail.db" "$cache/retail-x$scale.db"
    fi
    ln -s "$cache/retail-x$scale.db" "$dir/data/retail.db"
    envs+=",$label=$dir"
  done
  end
fi

cpu="$(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -n 1)"
say "# McpDataEnv end-to-end benchmark" "" \
  "- Date: $(date -u +%Y-%m-%d) (UTC)" \
  "- Machine: $(nproc) cores (${cpu:-unknown CPU}), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" \
  "- .NET SDK $(dotnet --version), Node $(node --version)" \
  "- Command: \`$command_line\`" "" \
  "Latencies are tool-call round trips measured by the client, in ms. Servers compared in one table run side by side and" \
  "are called in alternation, so drift on a shared machine hits them alike; compare ratios rather than absolute figures." ""

if [[ "${BENCH_STDIO:-1}" != "0" ]] && fits "1. stdio" 90; then
  begin "1. stdio round trips and cold start (SQLite)" 90
  say "## 1. stdio: tool calls and cold start (SQLite, 60,000 orders)" ""
  node bench/e2e/bench.mjs --server "dotnet $dll serve --env $work/retail" --server-r2r "dotnet $work/r2r/McpDataEnv.dll serve --env $work/retail" \
    --iterations 300 --heavy-iterations 20 --seconds 40 "${pass[@]}" | tee -a "$report"
  end
fi

if [[ -n $envs ]] && fits "1b. scale queries" $((${BENCH_SCALE_SECONDS:-40} + 20)); then
  begin "1b. scale: queries at 60k/600k/6M" $((${BENCH_SCALE_SECONDS:-40} + 20))
  say "" "## 1b. Scale: run_readonly_sql on orders at 60,000 / 600,000 / 6,000,000 rows (SQLite, \`seed --scale 1 / 10 / 100\`)" ""
  say "${scale_lines[@]}" ""
  node bench/e2e/bench-scale.mjs --server "dotnet $dll serve --env" --envs "$envs" --seconds "${BENCH_SCALE_SECONDS:-40}" | tee -a "$report"
  end
fi

if [[ "${BENCH_SKIP_POSTGRES:-}" != "1" ]] && fits "2. PostgreSQL side by side" 65; then
  begin "2. PostgreSQL side by side (cluster, seed, run)" 55
  # Not under $work: as root the cluster runs as `postgres`, which must be able to traverse into its folder.
  export MCPDATAENV_PGTEST_DIR="/tmp/mcpdataenv-bench-pg-$$"
  pg_started=1
  scripts/pg-test-cluster.sh start >&2
  # shellcheck disable=SC1091
  . "$MCPDATAENV_PGTEST_DIR/env"
  export MCPDATAENV_PG="$MCPDATAENV_TEST_PG"
  say "" "## 2. PostgreSQL: McpDataEnv vs server-postgres on the same database" ""
  say "$(dotnet "$dll" seed --env environments/retail-postgres 2>&1 | tail -n 1)" ""
  password="$(cat "$MCPDATAENV_PGTEST_DIR/password")"
  node bench/e2e/bench-postgres.mjs --server "dotnet $dll serve --env $PWD/environments/retail-postgres" \
    --peer-url "postgresql://mcpadmin:$password@127.0.0.1:$MCPDATAENV_TEST_PG_PORT/mcpdataenv" --seconds 20 \
    ${BENCH_PG_BASELINE_DLL:+--baseline "dotnet $BENCH_PG_BASELINE_DLL serve --env $PWD/environments/retail-postgres"} "${pass[@]}" | tee -a "$report"
  scripts/pg-test-cluster.sh stop >&2; pg_started=""
  end
fi

# Starts an HTTP server on the scale-1 copy and sets $pid and $url.
serve_http() {
  local port=$((5300 + RANDOM % 500)) extra=()
  [[ $1 == stateless ]] && extra=(--stateless)
  MCPDATAENV_LOG_LEVEL=Warning dotnet "$dll" serve --env "$work/retail" --transport http --urls "http://127.0.0.1:$port" \
    --allow-anonymous analyst "${extra[@]}" 2>"$work/http-$1.log" &
  pid=$!; url="http://127.0.0.1:$port/mcp"
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
}
# Every bench client is the same (anonymous) principal: lift its per-minute budget for the run.
printf '\nhttp: { requests_per_minute: 100000000 }\n' >> "$work/retail/environment.yaml"

if [[ "${BENCH_HTTP:-1}" != "0" ]] && fits "3. Streamable HTTP levels" $((${BENCH_HTTP_SECONDS:-5} * 6 + 30)); then
  begin "3. Streamable HTTP: cold start, 1-row round trip, 1/10/50 clients, both modes" $((${BENCH_HTTP_SECONDS:-5} * 6 + 30))
  seconds=${BENCH_HTTP_SECONDS:-5}
  say "" "## 3. Streamable HTTP" ""
  node bench/e2e/bench-http-rtt.mjs --server "dotnet $dll serve --env $work/retail" --starts 5 --iterations 300 --seconds 10 | tee -a "$report"
  say "" "1, 10 and 50 concurrent clients (mixed tool calls, $seconds s per level):" ""
  header=()
  for mode in stateful stateless; do
    serve_http "$mode"
    node bench/e2e/bench-http.mjs --url "$url" --pid "$pid" --label "$mode" --seconds "$seconds" "${header[@]}" | tee -a "$report"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
    header=(--no-header 1)
  done
  end
fi

if [[ "${BENCH_LOAD:-1}" != "0" ]] && fits "3b. load" $((${BENCH_LOAD_SECONDS:-60} + 10)); then
  begin "3b. load: 50 clients, stateful" $((${BENCH_LOAD_SECONDS:-60} + 10))
  seconds=${BENCH_LOAD_SECONDS:-60}
  say "" "## 3b. Load: 50 concurrent clients for $seconds s (Streamable HTTP, stateful, one server)" ""
  serve_http stateful
  node bench/e2e/bench-http.mjs --url "$url" --pid "$pid" --label stateful --load 1 --clients 50 --seconds "$seconds" \
    --rss-every 2 --warm-up $((seconds / 3)) | tee -a "$report"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  end
fi

if [[ "${BENCH_MEMORY:-1}" != "0" ]] && fits "4. memory side by side" 100; then
  begin "4. memory side by side (seed 100,000 passages, search, writes)" 100
  say "" "## 4. Memory: 100,000 archived passages, McpDataEnv vs server-memory (same content)" ""
  dotnet build bench/McpDataEnv.Benchmarks -c Release -nologo -clp:ErrorsOnly >&2
  cp -r environments/retail "$work/memory-env"; rm -rf "$work/memory-env/data"; mkdir -p "$work/memory-env/data"
  cp "$work/retail/data/retail.db" "$work/memory-env/data/"
  # One principal writes thousands of times in the throughput run: lift its per-minute budget for the run.
  sed -i 's/writes_per_minute: [0-9]*/writes_per_minute: 100000000/' "$work/memory-env/environment.yaml"
  dotnet bench/McpDataEnv.Benchmarks/bin/Release/net10.0/McpDataEnv.Benchmarks.dll --memory-seed "$work/memory-env/data/memory.db" 100000 "$work/graph.jsonl" >&2
  node bench/e2e/bench-memory.mjs --a "dotnet $dll serve --env $work/memory-env" \
    --b "node $PWD/bench/e2e/node_modules/@modelcontextprotocol/server-memory/dist/index.js" --graph "$work/graph.jsonl" \
    --iterations "${BENCH_MEMORY_ITERATIONS:-100}" --seconds 40 | tee -a "$report"
  end
fi

say "" "## Time per part" "" "| part | s |" "|---|---:|"
for row in "${timings[@]}"; do say "$row"; done
say "| **total** | **$SECONDS** (budget $budget) |"
mkdir -p "$(dirname "$out")"
cp "$report" "$out"
echo "bench: report written to $out ($SECONDS s)" >&2
