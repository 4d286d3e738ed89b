// Test helpers: run the real program for a stack under mocks, find recorded resources, unwrap
// outputs. The program is the composition root `index.ts`, loaded fresh for each run.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { isExampleCertificateArn } from "../components/config";
import { record, RecordedResource, Recording } from "../tools/lib/recorder";
import { loadProject, loadStackConfig } from "../tools/check/project";
import { REGION } from "./fixtures/account";

export const ROOT = path.resolve(__dirname, "..");

/**
 * Files git tracks, with the ones it does not ignore yet, relative to the root and present on
 * disk; only those matching `pathspec` (e.g. `*.md`) when given.
 */
export function trackedFiles(pathspec?: string): string[] {
  const out = execFileSync(
    "git",
    [
      "ls-files",
      "--cached",
      "--others",
      "--exclude-standard",
      ...(pathspec ? ["--", pathspec] : []),
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  return out.split("\n").filter((f) => f && fs.existsSync(path.join(ROOT, f)));
}

/**
 * Whether git ignores `file` (relative to the root), present or not: a build output. Asked as a
 * path inside it too, so that a folder pattern (`dist/`) matches a folder not built yet.
 */
export function gitIgnores(file: string): boolean {
  return [file, path.join(file, "x")].some(
    (f) => spawnSync("git", ["check-ignore", "-q", "--no-index", f], { cwd: ROOT }).status === 0,
  );
}

/** The effective config of a committed stack file, with optional overrides (full keys). */
export function stackConfig(
  stack: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const merged: Record<string, unknown> = {
    ...loadStackConfig(loadProject(ROOT), stack).values,
    ...overrides,
  };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged;
}

/** Drops the program's own modules from the require cache so the next load runs it again. */
export function forgetProgram(): void {
  for (const id of Object.keys(require.cache)) {
    if (
      id.startsWith(ROOT) &&
      !id.includes(`${path.sep}node_modules${path.sep}`) &&
      !id.includes(`${path.sep}tools${path.sep}`) &&
      !id.includes(`${path.sep}test${path.sep}`)
    ) {
      delete require.cache[id];
    }
  }
}

/** Runs the program (`index.ts`) afresh: a Pulumi program is a module whose loading registers. */
export function loadProgram(): unknown {
  forgetProgram();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program runs on load
  return require(path.join(ROOT, "index.ts"));
}

const cache = new Map<string, Promise<Recording>>();
/** Mock runs share the SDK's global state: they run one at a time. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The certificate an operator sets before the first `pulumi up` (docs/first-deploy.md): the
 * committed prod file carries an example ARN, which `pulumi up` refuses; up-style runs of the
 * committed stacks use this one, in the mock account and the stack's region.
 */
export function deployableCertificateArn(region: string): string {
  return `arn:aws:acm:${region}:123456789012:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c`;
}

/**
 * Runs `index.ts` for a stack (committed config + overrides) and records every resource.
 * `configFrom` runs the stack under another committed stack file (e.g. a `qa` stack with
 * staging's file).
 */
export function runStack(
  stack: string,
  opts: {
    preview?: boolean;
    overrides?: Record<string, unknown>;
    configFrom?: string;
    /** Per instance type, the only AZ IDs that offer it (see `MockEnv.instanceTypeZones`). */
    instanceTypeZones?: Record<string, string[]>;
  } = {},
): Promise<Recording> {
  const from = opts.configFrom ?? stack;
  const key = JSON.stringify([
    stack,
    from,
    opts.preview ?? false,
    opts.overrides ?? {},
    ...(opts.instanceTypeZones ? [opts.instanceTypeZones] : []),
  ]);
  let run = cache.get(key);
  if (!run) {
    const config = stackConfig(from, opts.overrides);
    const cert = config["platform:certificateArn"];
    if (!(opts.preview ?? false) && typeof cert === "string" && isExampleCertificateArn(cert)) {
      config["platform:certificateArn"] = deployableCertificateArn(String(config["aws:region"]));
    }
    run = queue.then(() =>
      record(
        {
          project: "platform",
          stack,
          preview: opts.preview ?? false,
          config,
          ...(opts.instanceTypeZones ? { env: { instanceTypeZones: opts.instanceTypeZones } } : {}),
        },
        () => {
          return loadProgram();
        },
      ),
    );
    queue = run.catch(() => undefined);
    cache.set(key, run);
  }
  return run;
}

/**
 * Records `program` (the component a spec builds, with its arguments) in the stack the component
 * specs share: project "platform", stack "test", the fixtures' REGION; at preview when `preview`.
 */
export function recordComponent(program: () => unknown, preview = false): Promise<Recording> {
  return record(
    { project: "platform", stack: "test", preview, config: { "aws:region": REGION } },
    program,
  );
}

export function findAll(rec: Recording, type: string): RecordedResource[] {
  return rec.resources.filter((r) => r.type === type);
}

export function findOne(rec: Recording, type: string, name: string): RecordedResource {
  const found = rec.resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = findAll(rec, type).map((r) => r.name);
    throw new Error(`no ${type} named ${name}; have: ${names.join(", ") || "none"}`);
  }
  return found;
}

/** Resources whose property `prop` was built from `target` (via property dependencies). */
export function referrers(
  rec: Recording,
  target: RecordedResource,
  prop: string,
  type?: string,
): RecordedResource[] {
  return rec.resources.filter(
    (r) => (!type || r.type === type) && (r.propertyDependencies[prop] ?? []).includes(target.urn),
  );
}

/**
 * Runs `run` and returns its result with the warnings logged meanwhile: under the mock runtime
 * there is no engine, and `pulumi.log.warn` writes to `console.warn` instead.
 */
export async function withWarnings<T>(
  run: () => Promise<T>,
): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  try {
    return { result: await run(), warnings };
  } finally {
    console.warn = warn;
  }
}

/** Resolves an output (only in non-preview runs: unknown outputs never resolve). */
export function unwrap<T>(o: pulumi.Output<T> | pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(o).apply((v) => resolve(v as T)));
}

/** Parses a policy document given as JSON text or object. */
export function doc(v: unknown): { Statement: any[] } {
  const d = typeof v === "string" ? JSON.parse(v) : v;
  const s = (d as any).Statement;
  return { ...(d as any), Statement: Array.isArray(s) ? s : [s] };
}
