// The server as a process: configuration errors at startup, JSON logs on stdout, and graceful
// shutdown on SIGTERM (in-flight requests finish, new connections are refused, bounded wait).
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { png } from "./support/images";
import { LocalS3 } from "./support/local-s3";
import { multipartBody, testEnv } from "./support/harness";

const APP_DIR = join(__dirname, "..");

interface ServerProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", join("src", "server.ts")],
    { cwd: APP_DIR, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  const stderr: string[] = [];
  let partial = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts.filter((l) => l !== ""));
  });
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines, stderr, exited };
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const logs = (server: ServerProcess): Array<Record<string, unknown>> =>
  server.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

async function listeningPort(server: ServerProcess): Promise<number> {
  return waitFor("the server to listen", () => {
    for (const entry of logs(server)) {
      const match = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(String(entry.msg));
      if (match) return Number(match[1]);
    }
    return undefined;
  });
}

/** Starts an upload and sends only the first half of its body; returns how to finish it. */
function slowUpload(port: number): { finish(): void; response: Promise<number> } {
  const boundary = "----slow-boundary";
  const body = multipartBody([{ data: png(64, 64, true), name: "slow.png" }], boundary);
  const req = request({
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/upload",
    headers: {
      accept: "application/json",
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": body.length,
    },
  });
  const response = new Promise<number>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
  });
  response.catch(() => {});
  const half = Math.floor(body.length / 2);
  req.write(body.subarray(0, half));
  return { finish: () => req.end(body.subarray(half)), response };
}

describe("server process", function () {
  this.timeout(45_000);
  let s3: LocalS3;

  before(async () => {
    s3 = await LocalS3.start();
  });
  after(async () => {
    await s3.close();
  });

  it("refuses to start without BUCKET_NAME, naming the variable", async () => {
    const env = testEnv(s3, { BUCKET_NAME: "", MAX_UPLOAD_BYTES: "lots" });
    const server = startServer(env);
    expect(await server.exited).to.equal(1);
    const message = server.stderr.join("");
    expect(message).to.include("BUCKET_NAME: required");
    expect(message).to.include('MAX_UPLOAD_BYTES: "lots"');
  });

  it("logs JSON lines, and on SIGTERM finishes the request in flight, then exits 0", async () => {
    const server = startServer(testEnv(s3, { LOG_LEVEL: "debug" }));
    try {
      const port = await listeningPort(server);
      const upload = slowUpload(port);
      await waitFor(
        "the request to arrive",
        () =>
          logs(server).some(
            (l) => l.msg === "incoming request" && (l.req as { url?: string })?.url === "/upload",
          ) || undefined,
      );

      server.child.kill("SIGTERM");
      await waitFor(
        "shutdown to start",
        () => logs(server).some((l) => l.msg === "shutting down") || undefined,
      );
      // The listening socket is closed: new connections are refused.
      const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        () => false,
        () => true,
      );
      expect(refused).to.equal(true);

      upload.finish();
      expect(await upload.response).to.equal(201);
      const answered = Date.now();
      expect(await server.exited).to.equal(0);
      // Kept-alive connections are told to close, so exit does not wait for them to idle out.
      expect(Date.now() - answered).to.be.below(3_000);
      const messages = logs(server).map((l) => l.msg);
      expect(messages).to.include.members([
        "image stored",
        "request completed",
        "shutdown complete",
      ]);
      for (const entry of logs(server)) expect(entry).to.include.keys("level", "time", "msg");
      expect(await s3.keys()).to.have.length(1);
    } finally {
      server.child.kill("SIGKILL");
    }
  });

  it("gives up after SHUTDOWN_TIMEOUT_SECONDS when a request never finishes", async () => {
    const server = startServer(testEnv(s3, { LOG_LEVEL: "debug", SHUTDOWN_TIMEOUT_SECONDS: "1" }));
    try {
      const port = await listeningPort(server);
      const upload = slowUpload(port); // never finished
      await waitFor(
        "the request to arrive",
        () => logs(server).some((l) => l.msg === "incoming request") || undefined,
      );
      const started = Date.now();
      server.child.kill("SIGTERM");
      expect(await server.exited).to.equal(1);
      expect(Date.now() - started).to.be.within(900, 5_000);
      expect(logs(server).map((l) => l.msg)).to.include(
        "shutdown timed out; closing remaining connections",
      );
      expect(await upload.response.catch(() => "reset")).to.equal("reset");
    } finally {
      server.child.kill("SIGKILL");
    }
  });
});
