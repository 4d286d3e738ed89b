// Records every resource a Pulumi program registers under the SDK's mock runtime, with what the
// engine itself would know: raw inputs (unknowns as the wire sentinel), parent, provider,
// dependencies, property dependencies and resource options, taken from the registration request
// the mock monitor receives. Shared by the unit tests and the offline check.
import * as pulumi from "@pulumi/pulumi";
import { mockCall, mockState, MockEnv } from "./mock-aws";

/** The wire sentinel for an unknown value (what `pulumi preview` sends for unknowns). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface RecordedOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: string[];
  readonly additionalSecretOutputs: string[];
  readonly aliases: string[];
  readonly customTimeouts: { createSeconds: number; updateSeconds: number; deleteSeconds: number };
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
}

export interface ScenarioOptions {
  readonly project: string;
  readonly stack: string;
  /** Run as `pulumi preview` (true, the default) or as `pulumi up` (false). */
  readonly preview?: boolean;
  /** Stack config, keys as in the stack file (`platform:vpcCidr`, `aws:region`). */
  readonly config?: Record<string, unknown>;
  readonly env?: Partial<MockEnv>;
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
 * Runs `program` under the mock runtime and returns every registered resource. `program` may
 * return a promise; the run ends once all registrations have settled. Errors the program throws
 * (synchronously or in a registration) reject the returned promise.
 */
export async function record(
  opts: ScenarioOptions,
  program: () => unknown,
): Promise<Recording> {
  const preview = opts.preview ?? true;
  const env: MockEnv = {
    accountId: "123456789012",
    region: String(opts.config?.["aws:region"] ?? "eu-west-1"),
    azNames: ["a", "b", "c", "d"],
    ...opts.env,
  };
  pulumi.runtime.setAllConfig(configEntries(opts.config ?? {}), []);
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
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) => {
    register(req, (err: any, resp: any) => {
      if (!err && resp) {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v: any, k: string) => {
          propertyDependencies[k] = v.getUrnsList();
        });
        const ct = req.getCustomtimeouts();
        const inputs = structToJs(req.getObject());
        const custom: boolean = req.getCustom();
        resources.push({
          urn: resp.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom,
          remote: req.getRemote(),
          parent: req.getParent() || undefined,
          provider: req.getProvider() || undefined,
          inputs,
          outputs: custom ? structToJs(resp.getObject()) : {},
          dependencies: req.getDependenciesList(),
          propertyDependencies,
          options: {
            protect: req.getProtect() ?? false,
            retainOnDelete: req.getRetainondelete() ?? false,
            deleteBeforeReplace: req.getDeletebeforereplace(),
            ignoreChanges: req.getIgnorechangesList(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            aliases: req.getAliasurnsList(),
            customTimeouts: {
              createSeconds: Number(ct?.getCreate() || 0),
              updateSeconds: Number(ct?.getUpdate() || 0),
              deleteSeconds: Number(ct?.getDelete() || 0),
            },
          },
        });
      }
      callback(err, resp);
    });
  };
  const outputsByUrn = new Map<string, Record<string, any>>();
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req: any, callback: (err: any, resp: any) => void) => {
    outputsByUrn.set(req.getUrn(), structToJs(req.getOutputs()));
    registerOutputs(req, callback);
  };

  let failure: unknown;
  const onUnhandled = (e: unknown) => {
    failure ??= e;
  };
  process.on("unhandledRejection", onUnhandled);
  try {
    await program();
    await pulumi.runtime.disconnect();
  } catch (e) {
    failure ??= e;
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
  if (failure) throw failure;
  for (const r of resources) {
    if (!r.custom) r.outputs = outputsByUrn.get(r.urn) ?? {};
  }
  return { stack: opts.stack, preview, resources };
}
