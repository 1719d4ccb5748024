// End-to-end benchmark: cold start and tool-call round trips of McpDataEnv over stdio, measured
// with the official MCP TypeScript SDK client. Servers under test are started by this script;
// scenarios alternate A/B per iteration so machine drift cancels out. Prints a Markdown table.
//
// Round trips stop at --iterations (--heavy-iterations for the 100k-row group-bys) or after --seconds (default 120).
//
// node bench.mjs --server "dotnet <dll> serve --env <dir>" [--iterations 500] [--heavy-iterations 30] [--starts 10] [--seconds 120]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { summarize, ms } from "./stats.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, cur, i, all) => {
  if (cur.startsWith("--")) acc.push([cur.slice(2), all[i + 1]]);
  return acc;
}, []));
const iterations = Number(args.iterations ?? 500);
const heavyIterations = Number(args["heavy-iterations"] ?? 30);
const starts = Number(args.starts ?? 10);
const seconds = Number(args.seconds ?? 120);
const [command, ...serverArgs] = args.server.split(" ");
// Optional second server command (e.g. the ReadyToRun publish) whose cold start is measured too.
const r2r = args["server-r2r"] ? args["server-r2r"].split(" ") : null;

async function connect(cmd = command, cmdArgs = serverArgs) {
  const client = new Client({ name: "mcpdataenv-bench", version: "1.0.0" });
  const transport = new StdioClientTransport({ command: cmd, args: cmdArgs, stderr: "ignore" });
  const t0 = performance.now();
  await client.connect(transport);
  return { client, coldMs: performance.now() - t0 };
}

async function coldStarts() {
  // JIT and ReadyToRun starts alternate so machine drift hits both alike.
  const jit = [], ready = [];
  for (let i = 0; i < starts; i++) {
    for (const [target, samples] of [[[command, serverArgs], jit], ...(r2r ? [[[r2r[0], r2r.slice(1)], ready]] : [])]) {
      const { client, coldMs } = await connect(target[0], target[1]);
      samples.push(coldMs);
      await client.close();
      // Let the previous server and its script workers finish exiting, so each start is measured cold and alone.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
  }
  return { jit: summarize(jit), r2r: r2r ? summarize(ready) : null };
}

// Light and heavy scenarios run as two groups, each alternating within itself and stopping after half of --seconds,
// so the slow group-bys cannot starve the light calls of samples.
async function roundTrips(client, queries, capSeconds) {
  const samples = Object.fromEntries(queries.map((q) => [q.name, []]));
  for (let i = 0; i < 20; i++) for (const q of queries) if (i < (q.warmUp ?? 20)) await client.callTool(q.call); // warm-up
  const started = performance.now();
  for (let i = 0; i < iterations && (i < 3 || performance.now() - started < capSeconds * 1000); i++) {
    for (const q of queries) { // alternate scenarios within each iteration
      if (i >= (q.iterations ?? iterations)) continue;
      const t0 = performance.now();
      const r = await client.callTool(q.call);
      samples[q.name].push(performance.now() - t0);
      if (r.isError) throw new Error(`${q.name} failed: ${JSON.stringify(r.content)}`);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
}

const HUNDRED_K_ROWS = "SELECT product_id, quantity, unit_price, discount FROM order_items ORDER BY order_id, line_no LIMIT 100000";
const GROUP_BY_SCRIPT = `var g = groupBy(sql('${HUNDRED_K_ROWS}'), 'product_id'), out = {};
for (var k in g) { out[k] = sum(g[k], function (r) { return r.quantity * r.unit_price * (1 - r.discount); }); }
Object.keys(out).length`;

const queries = [
  { name: "run_readonly_sql, 1 row (primary-key lookup)", call: { name: "run_readonly_sql", arguments: { sql: "SELECT order_id, customer_id, ordered_at, status FROM orders WHERE order_id = 4242" } } },
  { name: "run_readonly_sql, aggregate over 60k orders", call: { name: "run_readonly_sql", arguments: { sql: "SELECT COUNT(*) FROM orders WHERE status = 'completed'" } } },
  { name: "run_readonly_sql, 1,000 rows", call: { name: "run_readonly_sql", arguments: { sql: "SELECT order_id, customer_id, ordered_at, status FROM orders ORDER BY order_id LIMIT 1000", max_rows: 1000 } } },
  { name: "describe_schema", call: { name: "describe_schema", arguments: {} } },
  { name: "run_script, trivial (6 * 7), warm worker", call: { name: "run_script", arguments: { code: "6 * 7" } } },
  // The same 100,000-row group-by, in SQL and in a script that fetches the raw rows with sql().
  { name: "run_readonly_sql, 100k-row group-by in SQL", iterations: heavyIterations, warmUp: 3, call: { name: "run_readonly_sql", arguments: { sql: `SELECT product_id, SUM(quantity * unit_price * (1 - discount)) AS revenue FROM (${HUNDRED_K_ROWS}) GROUP BY product_id`, max_rows: 1000 } } },
  { name: "run_script, 100k-row group-by via sql()", iterations: heavyIterations, warmUp: 3, call: { name: "run_script", arguments: { code: GROUP_BY_SCRIPT } } },
];

const cold = await coldStarts();
const { client } = await connect();
const trips = {
  ...await roundTrips(client, queries.filter((q) => q.iterations === undefined), seconds / 2),
  ...await roundTrips(client, queries.filter((q) => q.iterations !== undefined), seconds / 2),
};
await client.close();

console.log(`| scenario | n | p50 ms | p99 ms | calls/s |`);
console.log(`|---|---|---|---|---|`);
console.log(`| cold start to initialize answered (stdio, JIT) | ${cold.jit.n} | ${ms(cold.jit.p50)} | ${ms(cold.jit.p99)} | |`);
if (cold.r2r) console.log(`| cold start to initialize answered (stdio, ReadyToRun publish) | ${cold.r2r.n} | ${ms(cold.r2r.p50)} | ${ms(cold.r2r.p99)} | |`);
for (const [name, s] of Object.entries(trips)) {
  console.log(`| ${name} (stdio) | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${s.throughput.toFixed(0)} |`);
}
