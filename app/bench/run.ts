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
import { loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { multipartBody } from "../test/support/harness";
import { png } from "../test/support/images";
import { hostileClients } from "./hostile";
import {
  cpuMsPer,
  cpuSeconds,
  firstLine,
  formatTable,
  freePort,
  start,
  startApp,
  stopAll,
} from "./processes";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const GALLERY_IMAGES = 24;

interface Row {
  endpoint: string;
  result: autocannon.Result;
  /** CPU time the app process used per request, when the platform tells (Linux /proc). */
  cpuMsPerRequest?: number;
}

async function main(): Promise<void> {
  const s3 = start(
    join("scripts", "local-s3.ts"),
    { LOCAL_S3_PORT: String(await freePort()) },
    false,
  );
  const s3Address = JSON.parse(await firstLine(s3)) as { endpoint: string; bucket: string };
  const { app, url } = await startApp(s3Address, {
    UPLOAD_CONCURRENCY: String(CONNECTIONS * 2),
    // One load generator on one address stands for many clients.
    UPLOAD_CONCURRENCY_PER_CLIENT: String(CONNECTIONS * 2),
  });

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
    const cpuMsPerRequest = cpuMsPer(cpuBefore, cpuAfter, result.requests.total);
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
  process.stdout.write(
    `\n${CONNECTIONS} connections, ${SECONDS} s per endpoint, node ${process.version}, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}\n` +
      formatTable(table),
  );

  await hostileClients(s3Address);
}

main().then(
  () => stopAll(),
  (err: unknown) => {
    process.stderr.write(`benchmark failed: ${String(err)}\n`);
    stopAll();
    process.exitCode = 1;
  },
);
