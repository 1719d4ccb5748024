// Memory side by side (benchmark scenario 2): McpDataEnv memory_search against @modelcontextprotocol/server-memory
// search_nodes over the same 100,000 passages, one client each, alternating A/B per query so machine drift hits both
// alike; then memory_archive throughput end to end (sequential and 16 in flight) next to server-memory add_observations.
//
// Every loop also stops when its share of --seconds (default 90) is spent: searches 60%, writes 40%.
//
// node bench-memory.mjs --a "dotnet <dll> serve --env <dir>" --b "node <server-memory>/dist/index.js" --graph <graph.jsonl> [--iterations 200] [--seconds 90]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { summarize, ms } from "./stats.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, cur, i, all) => {
  if (cur.startsWith("--")) acc.push([cur.slice(2), all[i + 1]]);
  return acc;
}, []));
const iterations = Number(args.iterations ?? 200);
const seconds = Number(args.seconds ?? 90);
const queries = ["refund rate", "churn", "Japan", "footwear", "loyalty programme", "gross margin", "mobile app", "ledger"];

async function connect(commandLine, env = {}) {
  const [command, ...rest] = commandLine.split(" ");
  const client = new Client({ name: "mcpdataenv-bench-memory", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command, args: rest, env: { ...process.env, ...env }, stderr: process.env.BENCH_STDERR ? "inherit" : "ignore" }));
  return client;
}

async function timed(fn) {
  const t0 = performance.now();
  const r = await fn();
  if (r.isError) throw new Error(JSON.stringify(r.content));
  return [performance.now() - t0, r];
}

const a = await connect(args.a, { MCPDATAENV_LOG_LEVEL: "Warning" });
const b = await connect(args.b, { MEMORY_FILE_PATH: args.graph });
const searchA = (q) => a.callTool({ name: "memory_search", arguments: { query: q, limit: 5 } });
const searchB = (q) => b.callTool({ name: "search_nodes", arguments: { query: q } });
for (const q of queries) { await searchA(q); await searchB(q); } // warm-up

const samplesA = [], samplesB = [];
let bytesA = 0, bytesB = 0;
const searchStarted = performance.now();
for (let i = 0; i < iterations && (i < 3 || performance.now() - searchStarted < seconds * 600); i++) {
  const q = queries[i % queries.length];
  const order = i % 2 === 0 ? [[searchA, samplesA, "a"], [searchB, samplesB, "b"]] : [[searchB, samplesB, "b"], [searchA, samplesA, "a"]];
  for (const [fn, samples, who] of order) {
    const [t, r] = await timed(() => fn(q));
    samples.push(t);
    const size = JSON.stringify(r).length;
    if (who === "a") bytesA += size; else bytesB += size;
  }
}

// Writes/s over `total` writes, or over those done when `capSeconds` ran out.
async function throughput(fn, total, inFlight, capSeconds) {
  const t0 = performance.now();
  let next = 0, done = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < total && (next < inFlight || performance.now() - t0 < capSeconds * 1000)) {
      const i = next++; const r = await fn(i); if (r.isError) throw new Error(JSON.stringify(r.content)); done++;
    }
  }));
  return { rate: done / ((performance.now() - t0) / 1000), done };
}

const archive = (i) => a.callTool({ name: "memory_archive", arguments: { content: `Bench note ${i}: margin in EMEA rose after the loyalty programme`, tags: ["bench"] } });
const observe = (i) => b.callTool({ name: "add_observations", arguments: { observations: [{ entityName: "finding_000000", contents: [`Bench note ${i}: margin in EMEA rose after the loyalty programme`] }] } });
const seqA = await throughput(archive, 2000, 1, seconds * 0.15);
const parA = await throughput(archive, 4000, 16, seconds * 0.15);
const seqB = await throughput(observe, 20, 1, seconds * 0.1);

const sa = summarize(samplesA), sb = summarize(samplesB);
console.log(`| Memory, 100,000 passages (${samplesA.length} searches each, alternating) | p50 ms | p99 ms | avg response bytes |`);
console.log("|---|---:|---:|---:|");
console.log(`| McpDataEnv memory_search (ranked, limit 5) | ${ms(sa.p50)} | ${ms(sa.p99)} | ${Math.round(bytesA / samplesA.length)} |`);
console.log(`| server-memory search_nodes (substring, unranked, unbounded) | ${ms(sb.p50)} | ${ms(sb.p99)} | ${Math.round(bytesB / samplesB.length)} |`);
console.log("");
console.log("| Writes end to end | writes/s |");
console.log("|---|---:|");
console.log(`| McpDataEnv memory_archive, sequential (${seqA.done}) | ${seqA.rate.toFixed(0)} |`);
console.log(`| McpDataEnv memory_archive, 16 in flight (${parA.done}) | ${parA.rate.toFixed(0)} |`);
console.log(`| server-memory add_observations, sequential (${seqB.done}; rewrites the whole file) | ${seqB.rate.toFixed(1)} |`);
await a.close();
await b.close();
