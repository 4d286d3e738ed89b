// Records what the program registers for a stack, the way the offline check does: the stack's
// committed config (Pulumi.<stack>.yaml over Pulumi.yaml defaults), the mock runtime in preview
// mode, the engine's root stack and default providers, and the check's fast program loader. The
// cost estimate and the diagram both read this recording, so they describe the same program the
// policy pack checks. Also an index over the recording (by URN, by type, by property reference).
import * as path from "path";
import { ProgramLoader } from "../check/loader";
import { record, RecordedResource, Recording, UNKNOWN } from "../lib/recorder";
import { loadProject, loadStackConfig } from "../check/project";

export const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Config overrides that turn on what the committed stacks leave off (a GitHub source with its
 * connection, the GitHub Actions OIDC roles, backups, the application database, the test server,
 * the AI environment), so tests can check the estimate and the diagram cover those resources too.
 */
export const OPTIONAL_FEATURES: Readonly<Record<string, unknown>> = {
  "platform:sourceProvider": "github",
  "platform:githubRepository": "example/app",
  "platform:githubOidcRepository": "example/platform",
  "platform:backupEnabled": true,
  "platform:databaseEnabled": true,
  "platform:testServerEnabled": true,
  "platform:aiEnvironmentEnabled": true,
  "platform:aiVpcCidr": "10.99.0.0/16",
};

/** Mock runs share the SDK's global state: one at a time. */
let queue: Promise<unknown> = Promise.resolve();
/** Recordings of this process, by program, stack and overrides (the cost and diagram tests share them). */
const cache = new Map<string, Promise<Recording>>();

/** Runs the program of `dir` (default: this project) for `stack` and records every resource. */
export function recordStack(
  stack: string,
  opts: { readonly dir?: string; readonly overrides?: Record<string, unknown> } = {},
): Promise<Recording> {
  const dir = path.resolve(opts.dir ?? ROOT);
  const key = JSON.stringify([dir, stack, opts.overrides ?? {}]);
  const cached = cache.get(key);
  if (cached) return cached;
  const run = queue.then(async () => {
    const project = loadProject(dir);
    const file = loadStackConfig(project, stack);
    const config: Record<string, unknown> = { ...file.values, ...(opts.overrides ?? {}) };
    forgetProgram(dir);
    const loader = new ProgramLoader(dir, ROOT);
    const entry = project.entry;
    const cwd = process.cwd();
    try {
      // The language host runs the program from its project directory.
      process.chdir(dir);
      return await loader.run(() =>
        record(
          {
            project: project.name,
            stack,
            preview: true,
            config,
            secretKeys: file.secretKeys,
            engineResources: true,
          },
          // As the language host does: the program is a CommonJS module loaded by path.
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          () => require(entry),
        ),
      );
    } finally {
      process.chdir(cwd);
    }
  });
  queue = run.catch(() => undefined);
  cache.set(key, run);
  run.catch(() => cache.delete(key));
  return run;
}

/**
 * Drops the program's own modules from the require cache, so `require(entry)` runs the program
 * again even when another caller in this process (a test helper) loaded it before.
 */
function forgetProgram(dir: string): void {
  const own = (id: string) =>
    id.startsWith(dir + path.sep) &&
    ![
      `${path.sep}node_modules${path.sep}`,
      `${path.sep}tools${path.sep}`,
      `${path.sep}test${path.sep}`,
    ].some((d) => id.slice(dir.length).includes(d));
  for (const id of Object.keys(require.cache)) if (own(id)) delete require.cache[id];
}

/** True for a value the engine does not know at preview. */
export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

/** Fast lookups over one recording. */
export class ResourceIndex {
  readonly byUrn = new Map<string, RecordedResource>();
  private readonly byTypeMap = new Map<string, RecordedResource[]>();
  /** target URN → [referring resource, property] */
  private readonly refs = new Map<string, { from: RecordedResource; prop: string }[]>();

  constructor(readonly resources: readonly RecordedResource[]) {
    for (const r of resources) {
      this.byUrn.set(r.urn, r);
      const list = this.byTypeMap.get(r.type) ?? [];
      list.push(r);
      this.byTypeMap.set(r.type, list);
    }
    for (const r of resources) {
      for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
        for (const urn of urns) {
          const list = this.refs.get(urn) ?? [];
          list.push({ from: r, prop });
          this.refs.set(urn, list);
        }
      }
    }
  }

  ofType(...types: string[]): RecordedResource[] {
    return types.flatMap((t) => this.byTypeMap.get(t) ?? []);
  }

  /** Resources whose property `prop` (any property when omitted) was built from `target`. */
  referrers(target: RecordedResource, prop?: string, ...types: string[]): RecordedResource[] {
    return (this.refs.get(target.urn) ?? [])
      .filter(
        (e) =>
          (prop === undefined || e.prop === prop) &&
          (types.length === 0 || types.includes(e.from.type)),
      )
      .map((e) => e.from);
  }

  /** Resources that `source`'s property `prop` (any when omitted) was built from. */
  referenced(source: RecordedResource, prop?: string, ...types: string[]): RecordedResource[] {
    const urns =
      prop === undefined
        ? Object.values(source.propertyDependencies).flat()
        : (source.propertyDependencies[prop] ?? []);
    const out: RecordedResource[] = [];
    for (const urn of new Set(urns)) {
      const r = this.byUrn.get(urn);
      if (r && (types.length === 0 || types.includes(r.type))) out.push(r);
    }
    return out;
  }

  /** The component chain of a resource, outermost first (the root stack left out). */
  componentChain(r: RecordedResource): RecordedResource[] {
    const chain: RecordedResource[] = [];
    let parent = r.parent ? this.byUrn.get(r.parent) : undefined;
    while (parent && parent.type !== "pulumi:pulumi:Stack") {
      chain.unshift(parent);
      parent = parent.parent ? this.byUrn.get(parent.parent) : undefined;
    }
    return chain;
  }

  /** The components of the program (`custom: false`, the root stack excluded). */
  components(): RecordedResource[] {
    return this.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
  }
}

/** "Runtime staging-runtime › PublicLoadBalancer staging-runtime-lb" */
export function componentLabel(chain: readonly RecordedResource[]): string {
  if (chain.length === 0) return "(stack)";
  return chain.map((c) => `${c.type.split(":").pop()} ${c.name}`).join(" › ");
}

/** The AWS region the program targets: the default aws provider's region input. */
export function regionOf(rec: Recording): string | undefined {
  const provider = rec.resources.find((r) => r.type === "pulumi:providers:aws");
  const region = provider?.inputs.region;
  return typeof region === "string" && !isUnknown(region) ? region : undefined;
}
