import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { readFileSync } from "node:fs";
const [kind, n, seconds] = [process.argv[2], Number(process.argv[3] ?? 2000), Number(process.argv[4] ?? 0)];
const peer = kind.startsWith("peer");
const transport = peer
  ? new StdioClientTransport({ command: process.execPath, args: [new URL("./node_modules/@modelcontextprotocol/server-postgres/dist/index.js", import.meta.url).pathname, process.env.PEER_URL], env: process.env, stderr: "ignore" })
  : new StdioClientTransport({ command: "dotnet", args: [process.env.DLL, "serve", "--env", process.env.ENVDIR], env: process.env, stderr: "ignore" });
const client = new Client({ name: "loop", version: "1" });
await client.connect(transport);
const q1 = "SELECT order_id, customer_id, ordered_at, status FROM retail.orders WHERE order_id = 4242";
const q1000 = "SELECT order_id, customer_id, ordered_at, status FROM retail.orders ORDER BY order_id LIMIT 1000";
const call = {
  ping: () => client.ping(),
  refused: () => client.callTool({ name: "run_readonly_sql", arguments: { sql: " " } }),
  one: () => client.callTool({ name: "run_readonly_sql", arguments: { sql: q1 } }),
  thousand: () => client.callTool({ name: "run_readonly_sql", arguments: { sql: q1000, max_rows: 1000 } }),
  peerone: () => client.callTool({ name: "query", arguments: { sql: q1 } }),
  peerthousand: () => client.callTool({ name: "query", arguments: { sql: q1000 } }),
}[kind];
{ const w = performance.now() + Number(process.env.WARM ?? 5) * 1000; while (performance.now() < w) await call(); }
const pid = transport.pid;
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
const c0 = cpu(); const t0 = performance.now(); const lat = [];
const until = seconds ? t0 + seconds * 1000 : Infinity;
for (let i = 0; i < n && performance.now() < until; i++) { const s = performance.now(); await call(); lat.push(performance.now() - s); }
const wall = performance.now() - t0; const c1 = cpu();
lat.sort((a, b) => a - b);
console.log(`${kind}: n=${lat.length} p50=${lat[lat.length >> 1].toFixed(3)} ms, server cpu/call=${((c1 - c0) / lat.length).toFixed(3)} ms, wall/call=${(wall / lat.length).toFixed(3)} ms`);
await client.close();
