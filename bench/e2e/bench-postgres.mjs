// Side-by-side benchmark on PostgreSQL: McpDataEnv (retail-postgres) vs the reference
// @modelcontextprotocol/server-postgres, same database, same SQL, same official TypeScript client over
// stdio. Calls alternate A/B within each iteration so machine drift hits both alike. Prints Markdown.
//
// node bench-postgres.mjs --server "dotnet <dll> serve --env environments/retail-postgres" \
//   --server-env MCPDATAENV_PG --peer-url postgresql://user:pw@127.0.0.1:port/db [--iterations 300] [--seconds 60]
//   [--baseline "dotnet <older dll> serve --env ..."]   (a third server, e.g. a build before a change, in the same rotation)
//   [--warm-up 500]   (untimed iterations first, so both servers are measured in steady state: .NET's tiered JIT
//                      and V8's optimizer have both compiled their hot paths by then)
// (measurement stops at --iterations or after --seconds, whichever comes first)
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { fileURLToPath } from "node:url";
import { summarize, ms } from "./stats.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, cur, i, all) => {
  if (cur.startsWith("--")) acc.push([cur.slice(2), all[i + 1]]);
  return acc;
}, []));
const iterations = Number(args.iterations ?? 300);
const seconds = Number(args.seconds ?? 60);
const warmUp = Number(args["warm-up"] ?? 500);
const [command, ...serverArgs] = args.server.split(" ");
const peerEntry = fileURLToPath(new URL("./node_modules/@modelcontextprotocol/server-postgres/dist/index.js", import.meta.url));

async function connect(cmd, cmdArgs) {
  const client = new Client({ name: "mcpdataenv-bench", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: cmd, args: cmdArgs, env: process.env, stderr: "ignore" }));
  return client;
}

// The same SQL for both; schema-qualified because the peer does not set a search_path.
const scenarios = [
  { name: "1 row (primary-key lookup)", sql: "SELECT order_id, customer_id, ordered_at, status FROM retail.orders WHERE order_id = 4242", rows: 1 },
  { name: "1,000 rows", sql: "SELECT order_id, customer_id, ordered_at, status FROM retail.orders ORDER BY order_id LIMIT 1000", rows: 1000 },
];
const ours = (s) => ({ name: "run_readonly_sql", arguments: { sql: s.sql, max_rows: 1000 } });
const peers = (s) => ({ name: "query", arguments: { sql: s.sql } });

function rowsOf(server, result, s) {
  if (server === "baseline") server = "mcpdataenv";
  if (result.isError) throw new Error(`${server} failed ${s.name}: ${JSON.stringify(result.content)}`);
  const n = server === "mcpdataenv" ? result.structuredContent.row_count : JSON.parse(result.content[0].text).length;
  if (n !== s.rows) throw new Error(`${server} returned ${n} rows for ${s.name}, expected ${s.rows}`);
}

const a = await connect(command, serverArgs);
const b = await connect(process.execPath, [peerEntry, args["peer-url"]]);
const base = args.baseline ? await connect(...(([c, ...r]) => [c, r])(args.baseline.split(" "))) : null;
const samples = { mcpdataenv: scenarios.map(() => []), peer: scenarios.map(() => []), baseline: scenarios.map(() => []) };
for (let i = 0; i < warmUp; i++) {
  for (const s of scenarios) {
    for (const [server, client, call] of [["mcpdataenv", a, ours], ["peer", b, peers], ...(base ? [["baseline", base, ours]] : [])]) {
      rowsOf(server, await client.callTool(call(s)), s);
    }
  }
}
const started = performance.now();
for (let i = 0; i < iterations + 20 && (i < 23 || performance.now() - started < seconds * 1000); i++) {
  for (const [k, s] of scenarios.entries()) {
    // A/B order flips every iteration.
    const order = i % 2 === 0 ? [["mcpdataenv", a, ours], ["peer", b, peers]] : [["peer", b, peers], ["mcpdataenv", a, ours]];
    if (base) order.splice(i % 3, 0, ["baseline", base, ours]);
    for (const [server, client, call] of order) {
      const t0 = performance.now();
      const result = await client.callTool(call(s));
      const elapsed = performance.now() - t0;
      rowsOf(server, result, s);
      if (i >= 20) samples[server][k].push(elapsed); // the first 20 iterations warm both up
    }
  }
}
await a.close();
await b.close();
await base?.close();

console.log(`| scenario (stdio, same PostgreSQL database) | n | McpDataEnv p50 ms | p99 ms | server-postgres 0.6.2 p50 ms | p99 ms | p50 ratio (peer / ours) |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const [k, s] of scenarios.entries()) {
  const x = summarize(samples.mcpdataenv[k]);
  const y = summarize(samples.peer[k]);
  console.log(`| ${s.name} | ${x.n} | ${ms(x.p50)} | ${ms(x.p99)} | ${ms(y.p50)} | ${ms(y.p99)} | ${(y.p50 / x.p50).toFixed(2)}x |`);
}
if (base) {
  console.log();
  console.log(`| scenario | baseline p50 ms | p99 ms | McpDataEnv p50 ms | p99 ms | p50 ratio (baseline / ours) |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const [k, s] of scenarios.entries()) {
    const x = summarize(samples.mcpdataenv[k]);
    const z = summarize(samples.baseline[k]);
    console.log(`| ${s.name} | ${ms(z.p50)} | ${ms(z.p99)} | ${ms(x.p50)} | ${ms(x.p99)} | ${(z.p50 / x.p50).toFixed(2)}x |`);
  }
}
