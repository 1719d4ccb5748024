// Where a run_readonly_sql round trip goes, against one McpDataEnv server over stdio (same client as bench-postgres):
// ping (MCP framing only), a refused call (framing + tool frame + audit append), a text never seen before (full
// plan checks), the repeated query round trip, and the
// backend's own elapsed_ms (gate excluded: PostgreSQL work plus cell conversion). Calls alternate within each iteration.
//
// node phases-postgres.mjs --server "dotnet <dll> serve --env environments/retail-postgres" [--iterations 300]
//   [--peer-url postgresql://...]   (also ping and query @modelcontextprotocol/server-postgres: the floor both stand on)
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { fileURLToPath } from "node:url";
import { summarize, ms } from "./stats.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, cur, i, all) => {
  if (cur.startsWith("--")) acc.push([cur.slice(2), all[i + 1]]);
  return acc;
}, []));
const iterations = Number(args.iterations ?? 300);
const [command, ...serverArgs] = args.server.split(" ");
const client = new Client({ name: "mcpdataenv-phases", version: "1.0.0" });
await client.connect(new StdioClientTransport({ command, args: serverArgs, env: process.env, stderr: "ignore" }));

const peerEntry = fileURLToPath(new URL("./node_modules/@modelcontextprotocol/server-postgres/dist/index.js", import.meta.url));
const peer = args["peer-url"] ? new Client({ name: "mcpdataenv-phases", version: "1.0.0" }) : null;
await peer?.connect(new StdioClientTransport({ command: process.execPath, args: [peerEntry, args["peer-url"]], env: process.env, stderr: "ignore" }));

const queries = {
  "1 row": "SELECT order_id, customer_id, ordered_at, status FROM retail.orders WHERE order_id = 4242",
  "1,000 rows": "SELECT order_id, customer_id, ordered_at, status FROM retail.orders ORDER BY order_id LIMIT 1000",
};
const samples = { ping: [], refused: [], "peer: ping": [], "peer: 1 row": [], "1 row, first sight (new text each time)": [] };
for (const name of Object.keys(queries)) { samples[name] = []; samples[`${name}: backend elapsed_ms`] = []; }
for (let i = 0; i < iterations + 20; i++) {
  const keep = i >= 20;
  let t0 = performance.now();
  await client.ping();
  if (keep) samples.ping.push(performance.now() - t0);
  t0 = performance.now();
  const refused = await client.callTool({ name: "run_readonly_sql", arguments: { sql: " " } });
  if (keep) samples.refused.push(performance.now() - t0);
  if (!refused.isError) throw new Error("expected a refusal");
  if (peer) {
    t0 = performance.now();
    await peer.ping();
    if (keep) samples["peer: ping"].push(performance.now() - t0);
    t0 = performance.now();
    await peer.callTool({ name: "query", arguments: { sql: queries["1 row"] } });
    if (keep) samples["peer: 1 row"].push(performance.now() - t0);
  }
  t0 = performance.now();
  const fresh = await client.callTool({ name: "run_readonly_sql", arguments: { sql: `${queries["1 row"]} AND ${i} = ${i}` } });
  if (keep) samples["1 row, first sight (new text each time)"].push(performance.now() - t0);
  if (fresh.isError) throw new Error(JSON.stringify(fresh.content));
  for (const [name, sql] of Object.entries(queries)) {
    t0 = performance.now();
    const result = await client.callTool({ name: "run_readonly_sql", arguments: { sql, max_rows: 1000 } });
    if (keep) samples[name].push(performance.now() - t0);
    if (result.isError) throw new Error(JSON.stringify(result.content));
    if (keep) samples[`${name}: backend elapsed_ms`].push(result.structuredContent.elapsed_ms);
  }
}
await client.close();
await peer?.close();
console.log(`| phase | n | p50 ms | p99 ms |`);
console.log(`|---|---|---|---|`);
for (const [name, values] of Object.entries(samples).filter(([, v]) => v.length > 0)) {
  const s = summarize(values);
  console.log(`| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} |`);
}
