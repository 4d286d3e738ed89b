// Starts a policy pack the way the Pulumi CLI starts a Node.js policy pack, and connects to it.
//
// Mirrored from pulumi/pulumi:
// - sdk/go/common/resource/plugin/analyzer_plugin.go, `NewPolicyAnalyzer`: the pack folder must
//   hold a PulumiPolicy.yaml; a Node.js pack runs through the `pulumi-analyzer-policy` shim with
//   the pack folder as working directory and the arguments `<engine address> .` followed by
//   `-<key>=<value>` for each runtime option; the errors "it looks like the policy pack's
//   dependencies are not installed; …" and "policy pack %q failed to start: %w".
// - sdk/nodejs/dist/pulumi-analyzer-policy: the shim resolves `@pulumi/pulumi/cmd/run-policy-pack`
//   from the working directory (`node -e require.resolve(...)`) and runs it with node. (The newest
//   language host's `RunPlugin` runs the same module the same way, the folder as last argument.)
// - sdk/go/common/resource/plugin/plugin.go, `newPlugin` / `parsePort` / `dialPlugin`: the first
//   line on stdout is the port ("could not read plugin [%v] stdout: %w", "%v plugin [%v] wrote an
//   invalid port to stdout: %w"), stderr is shown as the plugin's output, the channel must become
//   ready within 10 s ("did not begin responding to RPC connections"), gRPC messages up to 400 MB;
//   `Close` kills the process.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import * as yaml from "js-yaml";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { isOwnFrame, packOutputPlace } from "./own-frames";
import { AnalyzerDiagnosticsClient, grpc } from "./proto";

/**
 * A failure of the pack or of the protocol, with the message the CLI would print: one or more
 * error lines (the CLI prints each as an `error:`), then what the pack process printed.
 */
export class AnalyzerError extends Error {
  override readonly name = "AnalyzerError";
  readonly lines: readonly string[];

  constructor(
    message: string,
    /** What the pack process printed (stderr and stdout after its port). */
    readonly output: readonly string[] = [],
    /** The rule a pack that failed to load is blamed on (the JSON error report names it). */
    readonly location?: { readonly file: string; readonly line: number },
  ) {
    super(output.length ? `${message}\n${output.map((l) => `    ${l}`).join("\n")}` : message);
    this.lines = message.split("\n");
  }

  /** As the CLI shows it: `error: <line>` for each line, the pack's output indented below. */
  describe(): string {
    return [...this.lines.map((l) => `error: ${l}`), ...this.output.map((l) => `    ${l}`)].join(
      "\n",
    );
  }
}

export interface PackProject {
  readonly dir: string;
  readonly runtime: string;
  readonly options: Record<string, unknown>;
  /** `version` of PulumiPolicy.yaml: the engine prefers it to the pack's own. */
  readonly version?: string;
  readonly description?: string;
}

/** `workspace.LoadPolicyPack`: the pack folder's PulumiPolicy.yaml. */
export function loadPolicyProject(packDir: string): PackProject {
  const dir = path.resolve(packDir);
  const file = path.join(dir, "PulumiPolicy.yaml");
  const fail = (why: string) =>
    new AnalyzerError(`failed to load Pulumi policy project located at "${dir}": ${why}`);
  let doc: any;
  try {
    doc = yaml.load(fs.readFileSync(file, "utf8"));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw fail(err.code === "ENOENT" ? `open ${file}: no such file or directory` : err.message);
  }
  const runtime = typeof doc?.runtime === "string" ? doc.runtime : doc?.runtime?.name;
  if (typeof runtime !== "string" || !runtime)
    throw fail("project is missing a 'runtime' attribute");
  return {
    dir,
    runtime,
    options: (typeof doc.runtime === "object" && doc.runtime.options) || {},
    version: doc.version === undefined ? undefined : String(doc.version),
    description: typeof doc.description === "string" ? doc.description : undefined,
  };
}

export interface StartOptions {
  readonly project: PackProject;
  /** Address of an engine server, if any; the Node.js runner only passes it along. */
  readonly engineAddress: string;
  /** Directory of the compile cache, or undefined to load exactly as the CLI does every time. */
  readonly compileCache?: string;
  /** How long the pack may take to load and print its port. */
  readonly startTimeoutMs: number;
  /** Decode each resource's properties once, not once per policy (./pack-preload.js). */
  readonly shareDecoded: boolean;
  /** Encode each (policy, reason) of a not-applicable entry once (./pack-preload.js). */
  readonly shareEncoded: boolean;
  /** Stops a start still under way (the process is killed, the start rejects). */
  readonly signal?: AbortSignal;
}

/** V8 flags of the pack's process (see where it is started). */
const PACK_NODE_FLAGS = ["--max-semi-space-size=64"];
const PRELOAD = path.join(__dirname, "pack-preload.js");
/** Variables the engine sets per stack (constructEnv); one process serves every stack here. */
const ENGINE_STACK_VARIABLES = [
  "PULUMI_CONFIG",
  "PULUMI_NODEJS_ORGANIZATION",
  "PULUMI_NODEJS_PROJECT",
  "PULUMI_NODEJS_STACK",
  "PULUMI_NODEJS_DRY_RUN",
  "PULUMI_ORGANIZATION",
  "PULUMI_PROJECT",
  "PULUMI_STACK",
  "PULUMI_DRY_RUN",
];

/** A line of the pack's output without terminal colours or a trailing carriage return. */
function plainText(line: string): string {
  return line.replace(/\x1b\[[0-9;]*m/g, "").replace(/\r$/, "");
}

/** Live pack processes, killed when this process exits or is interrupted. */
const live = new Set<ChildProcess>();
let cleanupInstalled = false;

function killAll(): void {
  for (const child of live) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
  live.clear();
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      killAll();
      // Keep the default behaviour (exit by that signal) unless someone else handles it.
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

export class PackProcess {
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    readonly client: AnalyzerClient,
    readonly bin: string,
    /** What the pack printed: stderr, and stdout after the port. */
    readonly output: string[],
  ) {
    child.once("exit", () => {
      this.exited = true;
      live.delete(child);
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Starts the pack and connects to it; on any failure the process is stopped. */
  static async start(opts: StartOptions): Promise<PackProcess> {
    const { project } = opts;
    const name = project.dir;
    if (project.runtime !== "nodejs") {
      throw new AnalyzerError(
        `policy pack "${name}" failed to start: only Node.js policy packs can run offline (runtime: ${project.runtime})`,
      );
    }
    // The shim: `node -e "require.resolve('@pulumi/pulumi/cmd/run-policy-pack')"` in the folder.
    let bin: string;
    try {
      bin = createRequire(path.join(project.dir, "noop.js")).resolve(
        "@pulumi/pulumi/cmd/run-policy-pack",
      );
    } catch {
      throw new AnalyzerError(
        `it looks like the policy pack's dependencies are not installed; try running npm install or yarn install in "${project.dir}"`,
      );
    }
    const args = [opts.engineAddress, "."];
    for (const [k, v] of Object.entries(project.options)) {
      const s = typeof v === "string" ? v : JSON.stringify(v);
      if (s !== "" && v !== undefined && v !== null) args.push(`-${k}=${s}`);
    }
    const env: NodeJS.ProcessEnv = { ...process.env, POLICY_PACK_EXIT_WITH_PARENT: "1" };
    for (const k of ENGINE_STACK_VARIABLES) delete env[k];
    if (opts.compileCache) env.POLICY_PACK_COMPILE_CACHE = opts.compileCache;
    else delete env.POLICY_PACK_COMPILE_CACHE;
    if (opts.shareDecoded) env.POLICY_PACK_SHARE_DECODED = "1";
    else delete env.POLICY_PACK_SHARE_DECODED;
    if (opts.shareEncoded) env.POLICY_PACK_SHARE_ENCODED = "1";
    else delete env.POLICY_PACK_SHARE_ENCODED;

    installCleanup();
    // A larger young generation than V8's default (16 MB semi-spaces): judging a stack makes
    // millions of short-lived objects (the SDK decodes every resource for each stack policy), and
    // the smaller nursery spends a quarter of the run in scavenges. A heap size changes no
    // behaviour of the pack; `npm run bench` shows the gain on the 10,000-resource stack.
    // OFFLINE_CHILD_PROF=<dir> profiles the pack's process as it does the programs' (language-host.ts).
    const prof = process.env.OFFLINE_CHILD_PROF;
    const profile = prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : [];
    const child = spawn(
      process.execPath,
      [...PACK_NODE_FLAGS, ...profile, "-r", PRELOAD, bin, ...args],
      {
        cwd: project.dir,
        env,
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    live.add(child);
    const output: string[] = [];
    const collect = (stream: NodeJS.ReadableStream) => {
      let pending = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        pending += chunk;
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const l of lines) if (l.trim()) output.push(plainText(l));
      });
      stream.on("end", () => {
        if (pending.trim()) output.push(plainText(pending));
        pending = "";
      });
    };
    collect(child.stderr!);
    const failed = (why: string) => {
      child.kill("SIGKILL");
      live.delete(child);
      if (
        output.some((l) => l.includes("Cannot find module '@pulumi/pulumi/cmd/run-policy-pack'"))
      ) {
        return new AnalyzerError(
          `it looks like the policy pack's dependencies are not installed; try running npm install or yarn install in "${project.dir}"`,
          output,
        );
      }
      // A pack that throws while loading prints its stack: the check's preloads (./pack-preload.js
      // and the loaders it installs) are not the pack's, and `pulumi preview` has none of them.
      // What it printed names the rule that failed (a syntax error's place, or the stack's frame).
      const shown = output.filter((l) => !isOwnFrame(l));
      const at = packOutputPlace(shown, project.dir);
      return new AnalyzerError(
        `policy pack "${name}" failed to start: ${why}`,
        shown,
        at && { file: at.file, line: at.line },
      );
    };

    const port = await new Promise<number>((resolve, reject) => {
      let portString = "";
      let settled = false;
      const finish = (err: AnalyzerError | undefined, value?: number) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        opts.signal?.removeEventListener("abort", onAbort);
        if (err) reject(err);
        else resolve(value!);
      };
      const onAbort = () => {
        if (!settled) finish(failed("the start was cancelled"));
      };
      const timer = setTimeout(
        () =>
          finish(
            failed(
              `plugin [${bin}] did not write its port to stdout within ${Math.round(opts.startTimeoutMs / 1000)} s`,
            ),
          ),
        opts.startTimeoutMs,
      );
      const onData = (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        const nl = text.indexOf("\n");
        if (nl < 0) {
          portString += text;
          return;
        }
        portString += text.slice(0, nl);
        const rest = text.slice(nl + 1);
        if (rest.trim())
          output.push(
            ...rest
              .split("\n")
              .filter((l) => l.trim())
              .map(plainText),
          );
        const trimmed = portString.trim();
        const n = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
        if (!Number.isInteger(n)) {
          finish(
            failed(
              `${name} (analyzer) plugin [${bin}] wrote an invalid port to stdout: could not parse port: strconv.Atoi: parsing "${trimmed}": invalid syntax`,
            ),
          );
        } else if (n <= 0 || n > 65535) {
          finish(
            failed(
              `${name} (analyzer) plugin [${bin}] wrote an invalid port to stdout: invalid port number: ${n}`,
            ),
          );
        } else {
          finish(undefined, n);
        }
      };
      child.stdout!.on("data", onData);
      child.once("error", (e) => finish(failed(`failed to load plugin ${bin}: ${e.message}`)));
      if (opts.signal?.aborted) onAbort();
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      child.once("exit", () =>
        // Let stderr drain first, so the error shows what the pack printed.
        setImmediate(
          () =>
            settled ||
            finish(
              failed(
                portString
                  ? `failure reading plugin [${bin}] stdout (read '${portString}'): EOF`
                  : `could not read plugin [${bin}] stdout: EOF`,
              ),
            ),
        ),
      );
    });
    collect(child.stdout!);

    const client = new AnalyzerDiagnosticsClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
      {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
        "grpc.max_send_message_length": 400 * 1024 * 1024,
      },
    );
    try {
      await new Promise<void>((resolve, reject) =>
        client.waitForReady(Date.now() + 10_000, (err) => (err ? reject(err) : resolve())),
      );
    } catch {
      client.close();
      throw failed(
        `${name} (analyzer) plugin [${bin}] did not begin responding to RPC connections`,
      );
    }
    // From now on the process does not keep this one alive by itself: an RPC in flight does.
    // (A program that never settles must still let the check notice it.)
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      (stream as unknown as { unref?: () => void } | null)?.unref?.();
    }
    return new PackProcess(child, client, bin, output);
  }

  /**
   * Closes the channel and stops the process (plugin.Close kills it): its standard input is closed
   * first, which ends it (./pack-preload.js); a process still there after a second is killed.
   */
  async close(): Promise<void> {
    this.client.close();
    if (this.exited) return;
    // Waiting for the process to go keeps this one alive (close is awaited).
    this.child.ref();
    const exit = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    this.child.stdin?.end();
    await exit(1000);
    if (!this.exited) {
      this.child.kill("SIGKILL");
      await exit(5000);
    }
    live.delete(this.child);
  }
}
