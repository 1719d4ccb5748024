// Scale benchmark (scenario 6): run_readonly_sql latency on `orders` at 60k, 600k and 6M rows (seed --scale 1, 10,
// 100), one McpDataEnv server per database over stdio, all started at once and called in turn within every iteration
// so machine drift hits each scale alike. Each query stops at --iterations or when its time budget is spent
// (--seconds for the whole run, split evenly over the queries), whichever comes first. Prints Markdown.
//
// node bench-scale.mjs --server "dotnet <dll> serve --env" --envs "60k=<dir>,600k=<dir>,6M=<dir>" [--iterations 200] [--seconds 90]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { summarize, ms } from "./stats.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, cur, i, all) => {
  if (cur.startsWith("--")) acc.push([cur.slice(2), all[i + 1]]);
  return acc;
}, []));
const iterations = Number(args.iterations ?? 200);
const seconds = Number(args.seconds ?? 90);
const [command, ...serverArgs] = args.server.split(" ");
const scales = args.envs.split(",").map((pair) => { const [label, dir] = pair.split("="); return { label, dir }; });

// Representative shapes on the table that grows; the comment says what the engine has to do.
const queries = [
  { name: "primary-key lookup", sql: "SELECT order_id, customer_id, ordered_at, status FROM orders WHERE order_id = 4242" },
  { name: "count on an indexed column (customer_id)", sql: "SELECT COUNT(*) FROM orders WHERE customer_id = 4242" },
  { name: "count on an unindexed column (channel, full scan)", sql: "SELECT COUNT(*) FROM orders WHERE channel = 'phone'" },
  { name: "group-by over the whole table", sql: "SELECT status, COUNT(*) AS orders FROM orders GROUP BY status" },
];

async function connect(dir) {
  const client = new Client({ name: "mcpdataenv-bench-scale", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command, args: [...serverArgs, dir], env: { ...process.env, MCPDATAENV_LOG_LEVEL: "Warning" }, stderr: "ignore" }));
  return client;
}

async function call(client, q) {
  const t0 = performance.now();
  const r = await client.callTool({ name: "run_readonly_sql", arguments: { sql: q.sql } });
  const elapsed = performance.now() - t0;
  if (r.isError) throw new Error(`${q.name} failed: ${JSON.stringify(r.content).slice(0, 300)}`);
  return elapsed;
}

const clients = [];
for (const s of scales) clients.push(await connect(s.dir));
const samples = queries.map(() => scales.map(() => []));
const perQueryMs = (seconds * 1000) / queries.length;
for (const [k, q] of queries.entries()) {
  for (const c of clients) await call(c, q); // warm-up: plan cache, page cache
  const started = performance.now();
  for (let i = 0; i < iterations && (i < 3 || performance.now() - started < perQueryMs); i++) {
    // The order of the scales rotates every iteration.
    for (let j = 0; j < scales.length; j++) {
      const s = (i + j) % scales.length;
      samples[k][s].push(await call(clients[s], q));
    }
  }
}
for (const c of clients) await c.close();

console.log(`| query on orders (stdio, SQLite) | ${scales.map((s) => `${s.label} p50 / p99 ms`).join(" | ")} | ${scales.slice(1).map((s) => `${s.label} / ${scales[0].label}`).join(" | ")} | n per scale |`);
console.log(`|---|${scales.map(() => "---:").join("|")}|${scales.slice(1).map(() => "---:").join("|")}|---:|`);
for (const [k, q] of queries.entries()) {
  const stats = samples[k].map(summarize);
  const cells = stats.map((x) => `${ms(x.p50)} / ${ms(x.p99)}`);
  const ratios = stats.slice(1).map((x) => `${(x.p50 / stats[0].p50).toFixed(1)}x`);
  console.log(`| ${q.name} | ${cells.join(" | ")} | ${ratios.join(" | ")} | ${stats[0].n} |`);
}
