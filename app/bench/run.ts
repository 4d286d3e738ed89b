// npm run bench: requests per second and latency of the upload and gallery endpoints, on this
// machine, against a local S3 API. Everything listens on 127.0.0.1 only; s3rver's data goes to
// a temporary directory that is removed at the end; nothing is written into the repository.
//
// Three processes, as in production the app does not share its CPU with S3: the local S3, the
// app (src/server.ts, JSON logs at info level, discarded), and this one driving autocannon.
// BENCH_SECONDS (default 10) per endpoint, BENCH_CONNECTIONS (default 10) concurrent clients.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { multipartBody } from "../test/support/harness";
import { png } from "../test/support/images";

const APP_DIR = join(__dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const GALLERY_IMAGES = 24;
const TS_NODE = ["-r", "ts-node/register/transpile-only"];
const children: ChildProcess[] = [];

function start(script: string, env: Record<string, string>, quiet: boolean): ChildProcess {
  const child = spawn(process.execPath, [...TS_NODE, script], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...env,
    },
    stdio: ["ignore", quiet ? "ignore" : "pipe", "inherit"],
  });
  children.push(child);
  return child;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(text.split("\n")[0]);
    });
    child.once("exit", (code) => reject(new Error(`process exited early (${code})`)));
  });
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the app did not become healthy");
}

interface Row {
  endpoint: string;
  result: autocannon.Result;
  /** CPU time the app process used per request, when the platform tells (Linux /proc). */
  cpuMsPerRequest?: number;
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const s3 = start(
    join("scripts", "local-s3.ts"),
    { LOCAL_S3_PORT: String(await freePort()) },
    false,
  );
  const { endpoint, bucket } = JSON.parse(await firstLine(s3)) as {
    endpoint: string;
    bucket: string;
  };
  const port = await freePort();
  const app = start(
    join("src", "server.ts"),
    {
      BUCKET_NAME: bucket,
      AWS_REGION: "eu-west-1",
      S3_ENDPOINT: endpoint,
      KMS_KEY_ID: "alias/bench",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      UPLOAD_CONCURRENCY: String(CONNECTIONS * 2),
    },
    true,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url);

  const boundary = "----bench-boundary";
  const image = png(64, 64, true);
  const body = multipartBody([{ data: image, name: "bench.png", type: "image/png" }], boundary);
  const uploadRequest = {
    method: "POST",
    headers: {
      accept: "application/json",
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    body,
  };
  let imagePath = "";
  for (let i = 0; i < GALLERY_IMAGES; i++) {
    const response = await fetch(`${url}/upload`, uploadRequest);
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status}`);
    imagePath = ((await response.json()) as { url: string }).url;
  }

  const rows: Row[] = [];
  const run = async (endpoint: string, path: string, options: Omit<autocannon.Options, "url">) => {
    process.stderr.write(`measuring ${endpoint} for ${SECONDS} s...\n`);
    const cpuBefore = cpuSeconds(app.pid);
    const result = await autocannon({
      url: `${url}${path}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      ...options,
    });
    const cpuAfter = cpuSeconds(app.pid);
    const cpuMsPerRequest =
      cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0
        ? ((cpuAfter - cpuBefore) * 1000) / result.requests.total
        : undefined;
    rows.push({ endpoint, result, cpuMsPerRequest });
  };
  const html = { headers: { accept: "text/html" } };
  await run(`GET / (gallery of ${GALLERY_IMAGES}, listing cached 2 s)`, "/", html);
  await run("GET /images/:id (one HeadObject each)", imagePath, html);
  await run(`POST /upload (${(image.length / 1024).toFixed(0)} KiB PNG)`, "/upload", uploadRequest);

  const table = [
    [
      "endpoint",
      "req/s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "requests",
      "non-2xx",
      "errors",
      "app CPU ms/req",
      "req/s per vCPU",
    ],
    ...rows.map(({ endpoint, result: r, cpuMsPerRequest: cpu }) => [
      endpoint,
      r.requests.average.toFixed(0),
      String(r.latency.p50),
      String(r.latency.p99),
      String(r.latency.max),
      String(r.requests.total),
      String(r.non2xx),
      String(r.errors + r.timeouts),
      cpu === undefined ? "n/a" : cpu.toFixed(2),
      cpu === undefined || cpu === 0 ? "n/a" : (1000 / cpu).toFixed(0),
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  process.stdout.write(
    `\n${CONNECTIONS} connections, ${SECONDS} s per endpoint, node ${process.version}, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}\n` +
      `${line(table[0])}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n` +
      rows.map((_, i) => line(table[i + 1])).join("\n") +
      "\n",
  );
}

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
}

main().then(
  () => stopAll(),
  (err: unknown) => {
    process.stderr.write(`benchmark failed: ${String(err)}\n`);
    stopAll();
    process.exitCode = 1;
  },
);
