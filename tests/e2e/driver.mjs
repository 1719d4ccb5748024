// Drives a real McpDataEnv server with the official MCP TypeScript SDK client.
// Usage: node driver.mjs plan.json  ->  prints one JSON document with every step's outcome.
//        node driver.mjs --session plan.json  ->  connects once, prints the initialize facts as one line, then reads
//        one {"steps": [...]} line at a time from stdin and answers each with one line of outcomes, until stdin closes
//        (a test class whose tests need no fresh server shares one client and one server this way).
// The xunit end-to-end tests write the plan and assert on this output, so the server is
// exercised by an independent client exactly as Claude Desktop or an IDE agent would.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { execFileSync } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";

const session = process.argv[2] === "--session";
const plan = JSON.parse(readFileSync(process.argv[session ? 3 : 2], "utf8"));
const transportErrors = [];
let stderr = "";

function makeTransport() {
  if (plan.transport === "http" || plan.transport === "sse") {
    const headers = plan.headers ?? {};
    const opts = { requestInit: { headers } };
    return plan.transport === "http"
      ? new StreamableHTTPClientTransport(new URL(plan.url), opts)
      : new SSEClientTransport(new URL(plan.url), { ...opts, eventSourceInit: { fetch: (u, i) => fetch(u, { ...i, headers: { ...(i?.headers ?? {}), ...headers } }) } });
  }
  const t = new StdioClientTransport({
    command: plan.server.command,
    args: plan.server.args,
    env: { ...process.env, ...(plan.server.env ?? {}) },
    cwd: plan.server.cwd,
    stderr: "pipe",
  });
  t.stderr?.on("data", (d) => { stderr += d.toString(); });
  return t;
}

async function runStep(client, step) {
  switch (step.op) {
    case "listTools": return await client.listTools();
    // The SDK's default request timeout (60 s) is shorter than the generous limits some tests give scripts.
    case "callTool": return await client.callTool({ name: step.name, arguments: step.arguments ?? {} }, undefined, { timeout: step.timeoutMs ?? 180000 });
    case "listResources": return await client.listResources();
    case "readResource": return await client.readResource({ uri: step.uri });
    case "listPrompts": return await client.listPrompts();
    case "getPrompt": return await client.getPrompt({ name: step.name, arguments: step.arguments ?? {} });
    case "ping": return await client.ping();
    // A call with a progress token: returns the result and every progress notification received.
    case "callToolWithProgress": {
      const progress = [];
      const result = await client.callTool({ name: step.name, arguments: step.arguments ?? {} }, undefined,
        { onprogress: (p) => progress.push(p), timeout: step.timeoutMs ?? 60000 });
      return { result, progress };
    }
    // Aborts the call after `abortAfterMs` (the SDK then sends notifications/cancelled); returns how it ended.
    case "callToolThenAbort": {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort("test cancels"), step.abortAfterMs);
      try {
        const result = await client.callTool({ name: step.name, arguments: step.arguments ?? {} }, undefined, { signal: controller.signal });
        return { aborted: false, result };
      } catch (e) {
        return { aborted: controller.signal.aborted, error: String(e?.message ?? e) };
      } finally {
        clearTimeout(timer);
      }
    }
    // Test-side actions between calls (e.g. restarting a database under a live session); never sent to the server.
    case "exec": return { stdout: execFileSync(step.command, step.args ?? [], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
    case "sleep": return await new Promise((r) => setTimeout(() => r({}), step.ms));
    // Resident memory of the stdio server process (Linux /proc), for bounded-memory tests.
    case "serverMemory": {
      const status = readFileSync(`/proc/${transport.pid}/status`, "utf8");
      return { pid: transport.pid, rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)[1]), hwmKb: Number(/VmHWM:\s+(\d+)/.exec(status)[1]) };
    }
    case "parallel": {
      const all = await Promise.all(step.steps.map((s) => outcome(client, s)));
      return { outcomes: all };
    }
    case "repeat": {
      const outcomes = [];
      for (let i = 0; i < step.times; i++) outcomes.push(await outcome(client, step.step));
      return { outcomes };
    }
    case "pageAll": {
      // Follows next_cursor until the last page, so paging is tested exactly as a client would do it.
      const pages = [];
      let args = { ...(step.arguments ?? {}) };
      for (let i = 0; i < (step.maxPages ?? 200); i++) {
        const r = await client.callTool({ name: step.name, arguments: args });
        pages.push(r);
        const next = r.structuredContent?.next_cursor;
        if (r.isError || !next) break;
        args = { cursor: next };
      }
      return { pages };
    }
    case "burstThenKill": {
      // Fires `count` calls at once and SIGKILLs the server once `killAfter` have answered;
      // returns every answer the client received (those writes were acknowledged).
      const acknowledged = [];
      let killed = false;
      const calls = Array.from({ length: step.count }, (_, i) =>
        client.callTool({ name: step.name, arguments: { ...step.arguments, content: `${step.arguments.content} #${i}` } }).then((r) => {
          acknowledged.push(r);
          if (!killed && acknowledged.length >= step.killAfter) { killed = true; process.kill(transport.pid, "SIGKILL"); }
        }, () => {}));
      // The kill closes the transport, which settles every pending call; the timer is only a backstop for a server
      // that hangs, so it is generous: on a loaded 2-core machine, 40 durable writes under a 200-call burst take a while.
      await Promise.race([Promise.allSettled(calls), new Promise((r) => setTimeout(r, 120000).unref())]);
      return { killed, acknowledged };
    }
    default: throw new Error(`unknown op ${step.op}`);
  }
}

async function outcome(client, step) {
  const started = performance.now();
  try {
    const result = await runStep(client, step);
    return { ok: true, ms: performance.now() - started, result };
  } catch (e) {
    return { ok: false, ms: performance.now() - started, error: { message: String(e?.message ?? e), code: e?.code ?? null } };
  }
}

const out = { initialize: null, steps: [], transportErrors, stderr: "" };
const client = new Client({ name: "mcpdataenv-e2e", version: "1.0.0" });
const transport = makeTransport();
client.onerror = (e) => transportErrors.push(String(e?.message ?? e));
try {
  const started = performance.now();
  await client.connect(transport);
  out.initialize = {
    ms: performance.now() - started,
    serverInfo: client.getServerVersion(),
    capabilities: client.getServerCapabilities(),
    instructions: client.getInstructions(),
  };
  if (session) {
    await serveSession();
  } else {
    for (const step of plan.steps ?? []) out.steps.push(await outcome(client, step));
  }
} catch (e) {
  out.fatal = String(e?.stack ?? e);
} finally {
  try { await client.close(); } catch { /* closing a dead transport */ }
  out.stderr = stderr;
  process.stdout.write(JSON.stringify(out) + (session ? "\n" : ""));
}

// Session mode: one line out per line in. Each answer carries the transport errors seen since the previous answer and
// the server's whole stderr so far (a secret logged at start-up must still fail a later test that looks for it).
async function serveSession() {
  process.stdout.write(JSON.stringify({ initialize: out.initialize }) + "\n");
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const steps = [];
    for (const step of JSON.parse(line).steps ?? []) steps.push(await outcome(client, step));
    process.stdout.write(JSON.stringify({ initialize: out.initialize, steps, transportErrors: transportErrors.splice(0), stderr }) + "\n");
  }
}
