// Records every resource a Pulumi program registers under the SDK's mock runtime, with what the
// engine itself would know: raw inputs (unknowns as the wire sentinel), parent, provider,
// dependencies, property dependencies and resource options, taken from the registration request
// the mock monitor receives. Shared by the unit tests and the offline check.
import * as pulumi from "@pulumi/pulumi";
import { azNamesOf, mockCall, mockState, MockEnv } from "./mock-aws";

import { lightenDebuggablePromise } from "./engine/debuggable-promise";
import { defaultProvider, readRecord, requestOptions } from "./engine/registration";
import { UNKNOWN } from "./engine/wire";

/** The wire sentinel for an unknown value (what `pulumi preview` sends for unknowns). */
export { UNKNOWN };

export interface RecordedOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: string[];
  readonly additionalSecretOutputs: string[];
  readonly aliases: string[];
  readonly customTimeouts: { createSeconds: number; updateSeconds: number; deleteSeconds: number };
  /** The id of the existing resource the `import` option adopts (absent when not given). */
  readonly importId?: string;
}

export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** false for component resources. */
  readonly custom: boolean;
  /** true for multi-language components (awsx v3): their children are never seen. */
  readonly remote: boolean;
  readonly parent?: string;
  readonly provider?: string;
  /** Inputs in wire form: unknowns are `UNKNOWN`, secrets are signature objects. */
  readonly inputs: Record<string, any>;
  /** Outputs the engine would report (at preview: inputs plus unknown computed ids and ARNs). */
  outputs: Record<string, any>;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly options: RecordedOptions;
  /**
   * Where the program constructed the resource (the SDK's source position: a `file://` URI with
   * 1-based line and column; mapped to the `.ts` source when the loader keeps source maps).
   */
  readonly source?: SourcePosition;
  /**
   * Read, not managed: `Resource.get(...)` with an id. The engine shows such resources to stack
   * policies but does not run resource policies on them. (Recorded with `engineResources`.)
   */
  readonly external?: boolean;
}

export interface SourcePosition {
  readonly uri: string;
  readonly line: number;
  readonly column: number;
  /**
   * The line of the resource's component, not its own: a component library made it after an
   * `await`, where its stack holds no frame of the program (engine/registration-sources.ts).
   */
  readonly component?: boolean;
}

export interface ScenarioOptions {
  readonly project: string;
  readonly stack: string;
  /** Run as `pulumi preview` (true, the default) or as `pulumi up` (false). */
  readonly preview?: boolean;
  /** Stack config, keys as in the stack file (`platform:vpcCidr`, `aws:region`). */
  readonly config?: Record<string, unknown>;
  readonly env?: Partial<MockEnv>;
  /** Config keys whose values are secrets (as `pulumi config set --secret` marks them). */
  readonly secretKeys?: readonly string[];
  /**
   * Run the program the way the Node.js language host does: inside the root `pulumi:pulumi:Stack`
   * component (top-level resources are its children, the program's return value becomes the stack
   * outputs), and register the default provider of each package the way the engine does
   * (`pulumi:providers:<pkg>::default_<version>`, inputs from the `<pkg>:*` config). Off by
   * default: component tests record only what their code registers.
   */
  readonly engineResources?: boolean;
}

export interface Recording {
  readonly stack: string;
  readonly preview: boolean;
  readonly resources: RecordedResource[];
}

function structToJs(s: any): Record<string, any> {
  return s && typeof s.toJavaScript === "function" ? (s.toJavaScript() as Record<string, any>) : {};
}

function configEntries(config: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}

/**
 * The SDK's `debuggablePromise` stores `new Error().stack` on every promise it makes, for a leak
 * report printed only when PULUMI_DEBUG_PROMISE_LEAKS is set; capturing and source-mapping those
 * stacks is most of a mock run's cost. Unless that variable is set, it runs with a stack-trace
 * limit of 0 here, as in the offline check's language host (./engine/child-preload.js), both
 * through ./engine/debuggable-promise.js: the same bookkeeping, no stack.
 */
function lightenSdkPromises(): void {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, patched in place
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debuggablePromise: (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
    __lightened?: boolean;
  };
  if (debuggable.__lightened) return;
  if (lightenDebuggablePromise(debuggable)) debuggable.__lightened = true;
}
lightenSdkPromises();

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

function sourceOf(req: any): SourcePosition | undefined {
  const pos = typeof req.getSourceposition === "function" ? req.getSourceposition() : undefined;
  if (!pos || !pos.getUri()) return undefined;
  return { uri: pos.getUri(), line: pos.getLine(), column: pos.getColumn() };
}

/** Package of a type token: `aws:s3/bucket:Bucket` → `aws`; providers `pulumi:providers:aws` → `aws`. */
function packageOf(type: string): string {
  return type.split(":")[0];
}

/**
 * Runs `program` under the mock runtime and returns every registered resource. `program` may
 * return a promise; the run ends once all registrations have settled. Errors the program throws
 * (synchronously, in a registration, or in a callback) reject the returned promise.
 */
export async function record(opts: ScenarioOptions, program: () => unknown): Promise<Recording> {
  const preview = opts.preview ?? true;
  const engine = opts.engineResources ?? false;
  const region = String(opts.env?.region ?? opts.config?.["aws:region"] ?? "eu-west-1");
  const env: MockEnv = {
    accountId: "123456789012",
    region,
    // The region's real AZs, so a program asking for more than it has fails as at deploy.
    azNames: azNamesOf(region),
    ...opts.env,
  };
  pulumi.runtime.setAllConfig(configEntries(opts.config ?? {}), [...(opts.secretKeys ?? [])]);
  const resources: RecordedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => mockState(args, env, preview),
      call: (args) => mockCall(args, env),
    },
    opts.project,
    opts.stack,
    preview,
  );
  const monitor: any = pulumi.runtime.getMonitor();
  const stackUrn = `urn:pulumi:${opts.stack}::${opts.project}::${ROOT_STACK_TYPE}::${opts.project}-${opts.stack}`;
  if (engine && typeof monitor.newUrn === "function") {
    // The engine leaves the root stack out of its children's URNs (`generateURN` skips a parent of
    // type pulumi:pulumi:Stack); the mock monitor would qualify them with it.
    const newUrn = monitor.newUrn.bind(monitor);
    monitor.newUrn = (parent: string, type: string, name: string) =>
      newUrn(parent === stackUrn ? "" : parent, type, name);
  }
  const defaultProviders = new Map<string, string>(); // package → provider reference
  const defaultProviderFor = (req: any): string | undefined => {
    const pkg = packageOf(req.getType());
    let ref = defaultProviders.get(pkg);
    if (ref) return ref;
    const version: string = req.getVersion() || "";
    const provider = defaultProvider(opts.stack, opts.project, pkg, version, opts.config ?? {});
    // At preview the id of a provider being created is unknown, as the engine reports it.
    ref = `${provider.urn}::${preview ? UNKNOWN : hexId(provider.urn)}`;
    defaultProviders.set(pkg, ref);
    resources.push(provider);
    return ref;
  };
  const seen = new Set<string>();
  let refused: unknown;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) => {
    register(req, (err: any, resp: any) => {
      if (!err && resp) {
        const urn: string = resp.getUrn();
        if (seen.has(urn)) {
          // As the engine does: two registrations with the same URN fail the run.
          callback(
            new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`),
            undefined,
          );
          return;
        }
        let options: RecordedOptions;
        try {
          options = requestOptions(req, req.getAliasurnsList());
        } catch (e) {
          // As the engine does: a custom timeout it cannot parse fails the registration, and
          // the run with it (the mock runtime would only leave the resource out).
          refused ??= e;
          callback(e, undefined);
          return;
        }
        seen.add(urn);
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v: any, k: string) => {
          propertyDependencies[k] = v.getUrnsList();
        });
        const inputs = structToJs(req.getObject());
        const custom: boolean = req.getCustom();
        const type: string = req.getType();
        let provider: string | undefined = req.getProvider() || undefined;
        if (engine && custom && !provider && !type.startsWith("pulumi:providers:")) {
          provider = defaultProviderFor(req);
        }
        resources.push({
          urn,
          type,
          name: req.getName(),
          custom,
          remote: req.getRemote(),
          parent: req.getParent() || undefined,
          provider,
          inputs,
          outputs: custom ? keepUnknowns(inputs, structToJs(resp.getObject())) : {},
          dependencies: req.getDependenciesList(),
          propertyDependencies,
          options,
          source: sourceOf(req),
        });
      }
      callback(err, resp);
    });
  };
  if (engine) {
    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (req: any, callback: (err: any, resp: any) => void) => {
      read(req, (err: any, resp: any) => {
        if (!err && resp) {
          resources.push(
            readRecord(req, {
              urn: resp.getUrn(),
              provider: req.getProvider() || defaultProviderFor(req),
              inputs: structToJs(req.getProperties()),
              outputs: structToJs(resp.getProperties()),
              source: sourceOf(req),
            }),
          );
        }
        callback(err, resp);
      });
    };
  }
  const outputsByUrn = new Map<string, Record<string, any>>();
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req: any, callback: (err: any, resp: any) => void) => {
    outputsByUrn.set(req.getUrn(), structToJs(req.getOutputs()));
    registerOutputs(req, callback);
  };

  let failure: unknown;
  const onFailure = (e: unknown) => {
    failure ??= e;
  };
  process.on("unhandledRejection", onFailure);
  process.on("uncaughtException", onFailure);
  try {
    if (engine) await pulumi.runtime.runInPulumiStack(async () => program());
    else await program();
    await pulumi.runtime.disconnect();
    // The SDK rejects a refused registration's promises a turn later, with the error users see
    // ("failed to register new resource …"): let it arrive while the handlers listen.
    if (refused) await new Promise((resolve) => setImmediate(resolve));
  } catch (e) {
    failure ??= e;
  } finally {
    process.off("unhandledRejection", onFailure);
    process.off("uncaughtException", onFailure);
  }
  failure ??= refused;
  if (failure) {
    forgetLaterRejections(failure);
    throw failure;
  }
  for (const r of resources) {
    if (!r.custom) r.outputs = outputsByUrn.get(r.urn) ?? {};
  }
  return { stack: opts.stack, preview, resources };
}

/**
 * Outputs at preview keep the inputs' unknown values. The mock receives inputs with unknowns
 * dropped (deserialized), so its state lacks them; the engine's planned state for a resource being
 * created keeps every input, unknowns included. Restores them, at any depth.
 */
function keepUnknowns(inputs: any, outputs: any): any {
  if (inputs === UNKNOWN) return outputs === undefined || outputs === null ? UNKNOWN : outputs;
  if (Array.isArray(inputs) && Array.isArray(outputs)) {
    return outputs.map((o, i) => keepUnknowns(inputs[i], o));
  }
  if (
    inputs &&
    outputs &&
    typeof inputs === "object" &&
    typeof outputs === "object" &&
    !Array.isArray(inputs)
  ) {
    const out: Record<string, any> = { ...outputs };
    for (const [k, v] of Object.entries(inputs)) {
      const merged = keepUnknowns(v, outputs[k]);
      if (merged !== undefined) out[k] = merged;
    }
    return out;
  }
  if (inputs && typeof inputs === "object" && (outputs === undefined || outputs === null))
    return inputs;
  return outputs;
}

const reported = new WeakSet<object>();
let guardInstalled = false;

/**
 * A failed program leaves promise chains that reject with the same error a tick later (the root
 * stack's outputs, pending registrations). The error is already reported through `record`'s
 * rejection; those echoes are dropped. Any other unhandled rejection keeps Node's behaviour (it is
 * rethrown) unless another listener, such as a test runner's, handles it.
 */
function forgetLaterRejections(error: unknown): void {
  if (!error || typeof error !== "object") return;
  reported.add(error);
  if (guardInstalled) return;
  guardInstalled = true;
  process.on("unhandledRejection", (reason) => {
    if (reason && typeof reason === "object" && reported.has(reason)) return;
    if (process.listenerCount("unhandledRejection") > 1) return;
    throw reason;
  });
}

function hexId(seed: string): string {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (Math.imul(h, 31) + seed.charCodeAt(i)) | 0;
  return `${(h >>> 0).toString(16).padStart(8, "0")}-offline`;
}
