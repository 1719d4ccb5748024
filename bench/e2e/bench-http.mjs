// HTTP load benchmark: C concurrent official TypeScript clients (Streamable HTTP) make mixed tool calls
// against one running server for a bounded time. Reports round-trip p50/p99, throughput and errors per level.
// With --load, one long level instead: the server's resident memory is sampled every --rss-every seconds and,
// after --warm-up seconds, fitted with a least-squares line (MB/min) to judge whether memory keeps growing.
// Prints Markdown.
//
// node bench-http.mjs --url http://127.0.0.1:5100/mcp --pid <server pid> --label stateful [--clients 1,10,50] [--seconds 10]
// node bench-http.mjs --url ... --pid ... --label stateful --load 1 --clients 50 --seconds 60 [--rss-every 2] [--warm-up 20]
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { summarize, ms, trend } from "./stats.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, cur, i, all) => {
  if (cur.startsWith("--")) acc.push([cur.slice(2), all[i + 1]]);
  return acc;
}, []));
const seconds = Number(args.seconds ?? 10);
const levels = (args.clients ?? "1,10,50").split(",").map(Number);
const rssMb = () => {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${args.pid}/status`, "utf8"))[1]) / 1024; } catch { return NaN; }
};

// What an analyst's session mixes: queries, schema, a script, a memory lookup.
const calls = [
  { name: "run_readonly_sql", arguments: { sql: "SELECT COUNT(*) FROM orders WHERE status = 'completed'" } },
  { name: "run_readonly_sql", arguments: { sql: "SELECT order_id, status FROM orders ORDER BY order_id LIMIT 100", max_rows: 100 } },
  { name: "describe_schema", arguments: { table: "orders" } },
  { name: "run_script", arguments: { code: "6 * 7" } },
  { name: "memory_search", arguments: { query: "refund rate", limit: 5 } },
];

// Connects and makes one untimed call, then waits until every client of the level is ready; `start` resolves to the
// deadline, so connection set-up and first-call warm-up are never timed.
async function worker(start, ready, samples, errors, id) {
  const client = new Client({ name: `bench-${id}`, version: "1.0.0" });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(args.url)));
    await client.callTool(calls[id % calls.length]);
  } catch (e) {
    errors.push(`connect: ${String(e?.message ?? e)}`);
    ready();
    return;
  }
  ready();
  const deadline = await start;
  for (let i = id; performance.now() < deadline; i++) {
    const call = calls[i % calls.length];
    const t0 = performance.now();
    try {
      const r = await client.callTool(call);
      if (r.isError) errors.push(`${call.name}: ${JSON.stringify(r.content).slice(0, 200)}`);
    } catch (e) { errors.push(`${call.name}: ${String(e?.message ?? e)}`); }
    samples.push(performance.now() - t0);
  }
  await client.close();
}

async function level(clients, onStart = () => {}) {
  const samples = []; const errors = [];
  let go, allReady, readyCount = 0;
  const start = new Promise((resolve) => { go = resolve; });
  const everyoneReady = new Promise((resolve) => { allReady = resolve; });
  const workers = Array.from({ length: clients }, (_, id) =>
    worker(start, () => { if (++readyCount === clients) allReady(); }, samples, errors, id));
  await everyoneReady;
  const started = performance.now();
  onStart();
  go(started + seconds * 1000);
  await Promise.all(workers);
  const elapsed = (performance.now() - started) / 1000;
  if (errors.length) console.error(errors.slice(0, 5));
  return { s: summarize(samples), errors: errors.length, rate: samples.length / elapsed };
}

if (args.load) {
  const clients = levels[0];
  const every = Number(args["rss-every"] ?? 2);
  const warmUp = Number(args["warm-up"] ?? 20);
  let t0 = 0, timer;
  const rss = [];
  const r = await level(clients, () => {
    t0 = performance.now();
    rss.push([0, rssMb()]);
    timer = setInterval(() => rss.push([(performance.now() - t0) / 1000, rssMb()]), every * 1000);
  });
  clearInterval(timer);
  rss.push([(performance.now() - t0) / 1000, rssMb()]);
  const late = rss.filter(([t, v]) => t >= warmUp && Number.isFinite(v));
  const lastHalf = late.filter(([t]) => t >= (warmUp + late.at(-1)[0]) / 2);
  const values = late.map(([, v]) => v);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  // Fitted drift over a window, in MB.
  const drift = (points) => trend(points).slope * (points.at(-1)[0] - points[0][0]);
  const slope = trend(late).slope * 60, lateSlope = trend(lastHalf).slope * 60;
  // Stable: the fitted drift after warm-up stays under 5% of the mean footprint. Plateaued: it grew early in the
  // window but the last half is flat (under 2%), i.e. the heap was still sizing itself, not leaking.
  const verdict = Math.abs(drift(late)) < 0.05 * mean ? "stable"
    : Math.abs(drift(lastHalf)) < 0.02 * mean ? `plateaued (grew early, flat over the last ${(late.at(-1)[0] - lastHalf[0][0]).toFixed(0)} s)`
    : "growing";
  console.log(`| ${args.label ?? "http"}, ${clients} clients, ${seconds} s | calls | errors | p50 ms | p99 ms | calls/s |`);
  console.log(`|---|---:|---:|---:|---:|---:|`);
  console.log(`| mixed tool calls (${calls.map((c) => c.name).filter((n, i, all) => all.indexOf(n) === i).join(", ")}) | ${r.s.n} | ${r.errors} | ${ms(r.s.p50)} | ${ms(r.s.p99)} | ${r.rate.toFixed(0)} |`);
  console.log("");
  console.log(`Server RSS, sampled every ${every} s: start ${rss[0][1].toFixed(0)} MB; after the ${warmUp} s warm-up ${values.length} samples, ` +
    `min ${Math.min(...values).toFixed(0)} / max ${Math.max(...values).toFixed(0)} MB (max − min ${(Math.max(...values) - Math.min(...values)).toFixed(0)} MB), ` +
    `least-squares slope ${slope.toFixed(1)} MB/min (last half ${lateSlope.toFixed(1)} MB/min): **${verdict}**.`);
  console.log("");
  console.log(`RSS series (s:MB): ${rss.map(([t, v]) => `${t.toFixed(0)}:${v.toFixed(0)}`).join(" ")}`);
} else {
  if (!args["no-header"]) {
    console.log(`| mode | clients | calls | errors | p50 ms | p99 ms | calls/s | server RSS MB before → after |`);
    console.log(`|---|---:|---:|---:|---:|---:|---:|---|`);
  }
  for (const clients of levels) {
    const before = rssMb();
    const r = await level(clients);
    console.log(`| ${args.label ?? "http"} | ${clients} | ${r.s.n} | ${r.errors} | ${ms(r.s.p50)} | ${ms(r.s.p99)} | ${r.rate.toFixed(0)} | ${before.toFixed(0)} → ${rssMb().toFixed(0)} |`);
  }
}
