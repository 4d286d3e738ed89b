// The bench's processes: the local S3 and the app under test, each a child of this process,
// started with ts-node and stopped together at the end (app/bench/run.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

const APP_DIR = join(__dirname, "..");
const TS_NODE = ["-r", "ts-node/register/transpile-only"];
const children: ChildProcess[] = [];

export function start(
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

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(text.split("\n")[0]);
    });
    child.once("exit", (code) => reject(new Error(`process exited early (${code})`)));
  });
}

export async function waitHealthy(url: string): Promise<void> {
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

/** CPU seconds (user + system) a process has used so far, from /proc; undefined elsewhere. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

/** CPU milliseconds per request a process spent between two `cpuSeconds` readings. */
export function cpuMsPer(
  before: number | undefined,
  after: number | undefined,
  requests: number,
): number | undefined {
  return before !== undefined && after !== undefined && requests > 0
    ? ((after - before) * 1000) / requests
    : undefined;
}

/**
 * The app (src/server.ts) against the local S3 at `endpoint`, listening on a free port of
 * 127.0.0.1, its logs discarded; resolves once it answers /healthz, with its process and URL.
 */
export async function startApp(
  s3: { endpoint: string; bucket: string },
  env: Record<string, string>,
  preload: string[] = [],
): Promise<{ app: ChildProcess; url: string }> {
  const port = await freePort();
  const app = start(
    join("src", "server.ts"),
    {
      BUCKET_NAME: s3.bucket,
      AWS_REGION: "eu-west-1",
      S3_ENDPOINT: s3.endpoint,
      KMS_KEY_ID: "alias/bench",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      ...env,
    },
    true,
    preload,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url);
  return { app, url };
}

/** A plain-text table: the first column and `leftColumns` padded right, the others left. */
export function formatTable(table: string[][], leftColumns: number[] = []): string {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) =>
        i === 0 || leftColumns.includes(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i]),
      )
      .join("  ")
      .trimEnd();
  return [line(table[0]), widths.map((w) => "-".repeat(w)).join("  "), ...table.slice(1).map(line)]
    .join("\n")
    .concat("\n");
}

export function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
}
