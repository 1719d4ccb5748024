// HTTP, one client: cold start to the first answer (spawn the server, then initialize + a 1-row query over Streamable
// HTTP as soon as it accepts connections), the 1-row round trip right after start (20 calls in: the runtime is still
// compiling the hot path), and the same round trip in steady state, after --steady-after calls, which is what a
// long-running server answers. Prints Markdown rows. The environment's per-minute request budget must allow the calls.
//
// node bench-http-rtt.mjs --server "dotnet <dll> serve --env <dir>" [--starts 5] [--iterations 300] [--seconds 20] [--steady-after 2000]
import { spawn } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { summarize, ms } from "./stats.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, cur, i, all) => {
  if (cur.startsWith("--")) acc.push([cur.slice(2), all[i + 1]]);
  return acc;
}, []));
const [command, ...serverArgs] = args.server.split(" ");
const starts = Number(args.starts ?? 5);
const iterations = Number(args.iterations ?? 300);
const seconds = Number(args.seconds ?? 20);
const steadyAfter = Number(args["steady-after"] ?? 2000);
const oneRow = { name: "run_readonly_sql", arguments: { sql: "SELECT product_id, name, unit_price FROM products WHERE product_id = 42" } };

function start() {
  const port = 5800 + Math.floor(Math.random() * 800);
  const child = spawn(command, [...serverArgs, "--transport", "http", "--urls", `http://127.0.0.1:${port}`, "--allow-anonymous", "analyst"],
    { stdio: ["ignore", "ignore", "ignore"], env: { ...process.env, MCPDATAENV_LOG_LEVEL: "Warning" } });
  return { child, url: new URL(`http://127.0.0.1:${port}/mcp`) };
}

// Retries the connection every 5 ms until the server listens; the clock runs from the spawn to the query's answer.
async function firstAnswer(url, spawnedAt) {
  for (;;) {
    const client = new Client({ name: "bench-http-rtt", version: "1.0.0" });
    try {
      await client.connect(new StreamableHTTPClientTransport(url));
      const result = await client.callTool(oneRow);
      if (result.isError) throw new Error(JSON.stringify(result.content));
      return { client, elapsed: performance.now() - spawnedAt };
    } catch (e) {
      if (performance.now() - spawnedAt > 30_000) throw e;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

const cold = [];
let warm = [];
let steady = [];

async function roundTrips(client) {
  const samples = [];
  const began = performance.now();
  for (let n = 0; n < iterations && performance.now() - began < seconds * 1000; n++) {
    const t = performance.now();
    const result = await client.callTool(oneRow);
    samples.push(performance.now() - t);
    if (result.isError) throw new Error(JSON.stringify(result.content));
  }
  return samples;
}
for (let i = 0; i < starts; i++) {
  const spawnedAt = performance.now();
  const { child, url } = start();
  try {
    const { client, elapsed } = await firstAnswer(url, spawnedAt);
    cold.push(elapsed);
    if (i === starts - 1) {
      for (let w = 0; w < 20; w++) await client.callTool(oneRow);
      warm = await roundTrips(client);
      for (let w = warm.length + 20; w < steadyAfter; w++) await client.callTool(oneRow);
      steady = await roundTrips(client);
    }
    await client.close();
  } finally {
    child.kill();
  }
}

const c = summarize(cold);
const w = summarize(warm);
const st = summarize(steady);
console.log("| HTTP scenario (one client, stateful) | p50 ms | p99 ms | n |");
console.log("|---|---:|---:|---:|");
console.log(`| cold start: spawn to first 1-row answer | ${ms(c.p50)} | ${ms(c.p99)} | ${c.n} |`);
console.log(`| 1-row \`run_readonly_sql\` round trip, just started (calls 21 on) | ${ms(w.p50)} | ${ms(w.p99)} | ${w.n} |`);
console.log(`| 1-row \`run_readonly_sql\` round trip, steady state (after ${steadyAfter} calls) | ${ms(st.p50)} | ${ms(st.p99)} | ${st.n} |`);
