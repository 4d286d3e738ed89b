// npm run bench: requests per second and latency of the upload and gallery endpoints, on this
// machine, against a local S3 API. Everything listens on 127.0.0.1 only; s3rver's data goes to
// a temporary directory that is removed at the end; nothing is written into the repository.
//
// Three processes, as in production the app does not share its CPU with S3: the local S3, the
// app (src/server.ts, JSON logs at info level, discarded), and this one driving autocannon.
// BENCH_SECONDS (default 10) per endpoint, BENCH_CONNECTIONS (default 10) concurrent clients.
//
// Then a second app process with the production defaults (UPLOAD_CONCURRENCY 8, the default
// pace and pixel budget) meets hostile clients, and its memory is watched while it does (peak
// RSS, V8 heap and Buffers, reported every 20 ms over IPC by bench/memory-probe.ts): slow
// clients that try to hold every upload slot, and decompression bombs. Those figures, not
// timed assertions in tests, are where speed and memory are measured.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { join, sep } from "node:path";
import autocannon from "autocannon";
import { multipartBody } from "../test/support/harness";
import { ihdr, png, pngBomb, pngChunk, pngFrom, zlibZeros } from "../test/support/images";

const APP_DIR = join(__dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const GALLERY_IMAGES = 24;
const TS_NODE = ["-r", "ts-node/register/transpile-only"];
const children: ChildProcess[] = [];

function start(
  script: string,
  env: Record<string, string>,
  quiet: boolean,
  preload: string[] = [],
): ChildProcess {
  const child = spawn(process.execPath, [...TS_NODE, ...preload, script], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...env,
    },
    stdio: ["ignore", quiet ? "ignore" : "pipe", "inherit", "ipc"],
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
      // One load generator on one address stands for many clients.
      UPLOAD_CONCURRENCY_PER_CLIENT: String(CONNECTIONS * 2),
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

  await hostileClients(endpoint, bucket);
}

// ---- Hostile clients, with the app's memory watched -------------------------------------------

const MIB = 1024 * 1024;

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** Peaks of the app's memory (from memory-probe.ts) between begin() and end(). */
class MemoryWatch {
  private peak: Memory = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  latest: Memory = { ...this.peak };

  constructor(child: ChildProcess) {
    child.on("message", (message: { memory?: Memory }) => {
      if (!message.memory) return;
      this.latest = message.memory;
      for (const key of Object.keys(this.peak) as Array<keyof Memory>)
        this.peak[key] = Math.max(this.peak[key], message.memory[key]);
    });
  }

  begin(): void {
    this.peak = { ...this.latest };
  }

  end(): Memory {
    return { ...this.peak };
  }
}

interface CaseRow {
  readonly name: string;
  readonly requests: number;
  readonly answers: string;
  readonly seconds: number;
  readonly cpuMsPerRequest?: number;
  readonly memory: Memory;
  readonly note: string;
}

function countAnswers(statuses: Array<number | string>): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(String(status), (counts.get(String(status)) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n}x ${status}`).join(", ");
}

/** POST /upload of `body` as client `client` (X-Forwarded-For); resolves with the status. */
function upload(url: string, body: Buffer, client: string): Promise<number | string> {
  return fetch(`${url}/upload`, {
    method: "POST",
    body,
    headers: {
      accept: "application/json",
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      "x-forwarded-for": client,
    },
  }).then(
    async (response) => {
      await response.arrayBuffer();
      return response.status;
    },
    (err: Error) => err.name,
  );
}

/**
 * A client that sends a valid PNG header, then one byte every `everyMs`: what used to hold an
 * upload slot for the whole request timeout. Resolves with the status and when it came.
 */
function slowClient(
  url: string,
  client: string,
  everyMs: number,
): Promise<{ status: number | string; afterMs: number }> {
  const body = multipartBody([{ data: png(200, 200, true), name: "slow.png" }], BOUNDARY);
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request(`${url}/upload`, {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        "content-length": body.length,
        "x-forwarded-for": client,
      },
    });
    let sent = 400;
    req.write(body.subarray(0, sent));
    const timer = setInterval(() => {
      if (sent < body.length) req.write(body.subarray(sent, ++sent));
    }, everyMs);
    const done = (status: number | string): void => {
      clearInterval(timer);
      req.destroy();
      resolve({ status, afterMs: Date.now() - started });
    };
    req.on("response", (res) => done(res.statusCode ?? 0));
    req.on("error", (err) => done(err.name));
  });
}

const BOUNDARY = "----bench-hostile";

async function hostileClients(endpoint: string, bucket: string): Promise<void> {
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
      // Production defaults otherwise; the bench's clients come "through a proxy" on 127.0.0.1,
      // each with its own address, as distinct clients behind the load balancer would.
      TRUSTED_PROXIES: "127.0.0.1",
    },
    true,
    ["-r", `.${sep}${join("bench", "memory-probe.ts")}`],
  );
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url);
  const memory = new MemoryWatch(app);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const idle = { ...memory.latest };
  const rows: CaseRow[] = [];
  let clientNumber = 0;
  const nextClient = (): string => `198.51.100.${(clientNumber++ % 250) + 1}`;

  const measure = async (
    name: string,
    run: () => Promise<{ statuses: Array<number | string>; note: string }>,
  ) => {
    process.stderr.write(`hostile clients: ${name}...\n`);
    const cpuBefore = cpuSeconds(app.pid);
    const started = Date.now();
    memory.begin();
    const { statuses, note } = await run();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the last memory report
    const cpuAfter = cpuSeconds(app.pid);
    rows.push({
      name,
      requests: statuses.length,
      answers: countAnswers(statuses),
      seconds: (Date.now() - started) / 1000,
      cpuMsPerRequest:
        cpuBefore !== undefined && cpuAfter !== undefined
          ? ((cpuAfter - cpuBefore) * 1000) / statuses.length
          : undefined,
      memory: memory.end(),
      note,
    });
  };

  // 1. Sixteen slow clients (twice the upload slots), while an honest client tries to upload
  // every 250 ms: the slots come back when the pace rules cut the slow ones off.
  await measure("16 slow clients, 1 byte/500 ms", async () => {
    const started = Date.now();
    const slow = Array.from({ length: 16 }, () => slowClient(url, nextClient(), 500));
    let finished = false;
    const all = Promise.all(slow).then((results) => {
      finished = true;
      return results;
    });
    const small = multipartBody([{ data: png(64, 64, true), name: "ok.png" }], BOUNDARY);
    const honest: Array<{ status: number | string; at: number }> = [];
    await new Promise((resolve) => setTimeout(resolve, 200)); // the slow ones connect first
    // Until the slow clients are answered and an honest upload got through after that.
    while (!finished || honest[honest.length - 1]?.status !== 201) {
      const at = Date.now() - started;
      honest.push({ status: await upload(url, small, nextClient()), at });
      if (at > 60_000) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const results = await all;
    const lastCut = Math.max(...results.map((r) => r.afterMs));
    const firstAccepted = honest.find((h) => h.status === 201);
    return {
      statuses: results.map((r) => r.status),
      note:
        `slow ones cut after ${(lastCut / 1000).toFixed(1)} s; an honest client every 250 ms: ` +
        `${countAnswers(honest.map((h) => h.status))}` +
        (firstAccepted ? `, first 201 at ${(firstAccepted.at / 1000).toFixed(1)} s` : ""),
    };
  });

  // 2. The 10000 x 10000 PNG bomb (about 100 KB each), 8 at a time: refused at the header.
  const bomb = multipartBody([{ data: pngBomb(10000, 10000), name: "bomb.png" }], BOUNDARY);
  await measure("200 PNG bombs 10000x10000 (refused)", async () => {
    const statuses: Array<number | string> = [];
    for (let i = 0; i < 25; i++)
      statuses.push(
        ...(await Promise.all(Array.from({ length: 8 }, () => upload(url, bomb, nextClient())))),
      );
    return { statuses, note: `${(bomb.length / 1024).toFixed(0)} KiB each, refused by IHDR` };
  });

  // 3. A PNG that lies: IHDR says 100 x 100, its data inflates to 300 MB.
  const liar = multipartBody(
    [
      {
        data: pngFrom(
          ihdr(100, 100, 8, 0),
          pngChunk("IDAT", zlibZeros(300 * MIB)),
          pngChunk("IEND", Buffer.alloc(0)),
        ),
        name: "liar.png",
      },
    ],
    BOUNDARY,
  );
  await measure("40 PNGs inflating past their header", async () => {
    const statuses: Array<number | string> = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        ...(await Promise.all(Array.from({ length: 8 }, () => upload(url, liar, nextClient())))),
      );
    return { statuses, note: `${(liar.length / 1024).toFixed(0)} KiB each, 300 MB of data` };
  });

  // 4. The largest allowed still image at the most bytes per pixel: 6000 x 6000 16-bit RGBA
  // (36 Mpx of the 40 Mpx budget), 288 MB of image data to inflate and check, 8 at a time.
  const large = multipartBody([{ data: pngBomb(6000, 6000, 8), name: "large.png" }], BOUNDARY);
  await measure("16 PNGs 6000x6000 RGBA16 (accepted)", async () => {
    const statuses: Array<number | string> = [];
    for (let i = 0; i < 2; i++)
      statuses.push(
        ...(await Promise.all(Array.from({ length: 8 }, () => upload(url, large, nextClient())))),
      );
    return { statuses, note: `${(large.length / 1024).toFixed(0)} KiB each, 288 MB inflated each` };
  });

  const mib = (bytes: number): string => (bytes / MIB).toFixed(0);
  const table = [
    [
      "case",
      "requests",
      "answers",
      "s",
      "app CPU ms/req",
      "peak RSS MiB",
      "peak heap MiB",
      "peak Buffers MiB",
      "notes",
    ],
    ...rows.map((r) => [
      r.name,
      String(r.requests),
      r.answers,
      r.seconds.toFixed(1),
      r.cpuMsPerRequest === undefined ? "n/a" : r.cpuMsPerRequest.toFixed(1),
      mib(r.memory.rss),
      mib(r.memory.heapUsed),
      mib(r.memory.arrayBuffers),
      r.note,
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) =>
        i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]),
      )
      .join("  ")
      .trimEnd();
  process.stdout.write(
    `\nHostile clients against production defaults (UPLOAD_CONCURRENCY 8, pace 10 s / 8 KiB/s, ` +
      `40 Mpx); app idle: RSS ${mib(idle.rss)} MiB, heap ${mib(idle.heapUsed)} MiB\n` +
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
