// HTTP load benchmark: C concurrent official TypeScript clients (Streamable HTTP) make mixed tool calls
// against one running server for a bounded time. Reports round-trip p50/p99, throughput, errors and the
// server's resident memory before/after (memory stability). Prints Markdown rows.
//
// node bench-http.mjs --url http://127.0.0.1:5100/mcp --pid <server pid> --label stateful [--clients 1,10,50] [--seconds 10]
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { summarize, ms } from "./stats.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, cur, i, all) => {
  if (cur.startsWith("--")) acc.push([cur.slice(2), all[i + 1]]);
  return acc;
}, []));
const seconds = Number(args.seconds ?? 10);
const levels = (args.clients ?? "1,10,50").split(",").map(Number);
const rssMb = () => {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${args.pid}/status`, "utf8"))[1]) / 1024; } catch { return NaN; }
};

const calls = [
  { name: "run_readonly_sql", arguments: { sql: "SELECT COUNT(*) FROM orders WHERE status = 'completed'" } },
  { name: "run_readonly_sql", arguments: { sql: "SELECT order_id, status FROM orders ORDER BY order_id LIMIT 100", max_rows: 100 } },
  { name: "describe_schema", arguments: { table: "orders" } },
];

async function worker(deadline, samples, errors, id) {
  const client = new Client({ name: `bench-${id}`, version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(args.url)));
  for (let i = id; performance.now() < deadline; i++) {
    const t0 = performance.now();
    try {
      const r = await client.callTool(calls[i % calls.length]);
      if (r.isError) errors.push(JSON.stringify(r.content).slice(0, 200));
    } catch (e) { errors.push(String(e?.message ?? e)); }
    samples.push(performance.now() - t0);
  }
  await client.close();
}

console.log(`| mode | clients | calls | errors | p50 ms | p99 ms | calls/s | server RSS MB before → after |`);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const clients of levels) {
  const samples = []; const errors = [];
  const before = rssMb();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, (_, id) => worker(deadline, samples, errors, id)));
  const elapsed = (performance.now() - started) / 1000;
  const s = summarize(samples);
  console.log(`| ${args.label ?? "http"} | ${clients} | ${s.n} | ${errors.length} | ${ms(s.p50)} | ${ms(s.p99)} | ${(s.n / elapsed).toFixed(0)} | ${before.toFixed(0)} → ${rssMb().toFixed(0)} |`);
  if (errors.length) console.error(errors.slice(0, 5));
}
