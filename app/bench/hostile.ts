// Hostile clients against the app with production defaults, its memory watched (peak RSS, V8
// heap and Buffers, reported every 20 ms over IPC by bench/memory-probe.ts): slow clients that
// try to hold every upload slot, and decompression bombs (app/bench/run.ts runs it last).
import type { ChildProcess } from "node:child_process";
import { request } from "node:http";
import { join, sep } from "node:path";
import { multipartBody } from "../test/support/harness";
import { ihdr, png, pngBomb, pngChunk, pngFrom, zlibZeros } from "../test/support/images";
import { cpuMsPer, cpuSeconds, formatTable, startApp } from "./processes";

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

/**
 * A second app process with the production defaults meets slow clients and decompression bombs
 * while its memory is watched; prints one row per case.
 */
export async function hostileClients(s3: { endpoint: string; bucket: string }): Promise<void> {
  const { app, url } = await startApp(
    s3,
    // Production defaults otherwise; the bench's clients come "through a proxy" on 127.0.0.1,
    // each with its own address, as distinct clients behind the load balancer would.
    { TRUSTED_PROXIES: "127.0.0.1" },
    ["-r", `.${sep}${join("bench", "memory-probe.ts")}`],
  );
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
      cpuMsPerRequest: cpuMsPer(cpuBefore, cpuAfter, statuses.length),
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
  process.stdout.write(
    `\nHostile clients against production defaults (UPLOAD_CONCURRENCY 8, pace 10 s / 8 KiB/s, ` +
      `40 Mpx); app idle: RSS ${mib(idle.rss)} MiB, heap ${mib(idle.heapUsed)} MiB\n` +
      formatTable(table, [table[0].length - 1]),
  );
}
