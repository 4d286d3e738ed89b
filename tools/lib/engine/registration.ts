// What the engine records of a registration, shared by the mock-runtime recorder (../recorder.ts)
// and the offline engine (./monitor.ts): the options a registration request carries, the options
// of a resource registered with none, the record of a read of an existing resource, and the
// default provider of a package. Also the recorded resource built by hand, for the bench's
// synthetic stacks and the policy tests' fixtures.
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { RecordedOptions, RecordedResource } from "../recorder";
import { goDurationSeconds, parseGoDuration } from "./go-duration";
import { withoutStandIns } from "./monitor-options";

/** Options of a resource registered without any, as are those the engine registers itself. */
export function defaultOptions(): RecordedOptions {
  return {
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    ignoreChanges: [],
    additionalSecretOutputs: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  };
}

/**
 * A resource's custom timeouts in seconds, as the engine reads them: the SDK sends the program's
 * strings ("40m", "1h30m") and the engine parses each that is set with Go's `time.ParseDuration`
 * into the seconds policies see as `createSeconds` … (pulumi/pulumi
 * `pkg/resource/deploy/source_eval.go`, `RegisterResource` and `generateTimeoutInSeconds`: create,
 * then delete, then update). One Go does not parse (the "1d" some SDK docs show) fails the
 * registration with the engine's own message, "unable to parse customTimeout Value 1d", and
 * `pulumi preview` stops at the resource; so does the offline engine. A remote component's are
 * not parsed: the engine hands them to the provider's Construct as they are.
 */
export function customTimeoutSeconds(
  ct: resproto.RegisterResourceRequest.CustomTimeouts | undefined,
): RecordedOptions["customTimeouts"] {
  const seconds = (text: string | undefined): number => {
    if (!text) return 0;
    const ns = parseGoDuration(text);
    if (ns === undefined) throw new Error(`unable to parse customTimeout Value ${text}`);
    return goDurationSeconds(ns);
  };
  const createSeconds = seconds(ct?.getCreate());
  const deleteSeconds = seconds(ct?.getDelete());
  return { createSeconds, updateSeconds: seconds(ct?.getUpdate()), deleteSeconds };
}

/** The options a registration request carries; `aliases` as the caller resolves them. */
export function requestOptions(
  req: resproto.RegisterResourceRequest,
  aliases: string[],
): RecordedOptions {
  // A remote component's timeouts go to the provider's Construct as strings, unparsed.
  const customTimeouts = customTimeoutSeconds(
    req.getRemote() ? undefined : req.getCustomtimeouts(),
  );
  const importId = req.getImportid();
  return {
    protect: req.getProtect() ?? false,
    retainOnDelete: req.getRetainondelete() ?? false,
    deleteBeforeReplace: req.getDeletebeforereplace(),
    ignoreChanges: req.getIgnorechangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    aliases,
    customTimeouts,
    ...(importId ? { importId } : {}),
  };
}

/**
 * The record of a read of an existing resource (`Resource.get(...)`, a stack reference): custom,
 * never remote, `external` so no resource policy runs on it, with the dependencies the request
 * names, no property dependencies, and the options of a resource registered with none but the
 * request's additional secret outputs. The caller says what it answered: the URN, the provider
 * and the outputs, and where in the program the read stands.
 */
export function readRecord(
  req: resproto.ReadResourceRequest,
  read: {
    readonly urn: string;
    readonly provider: string | undefined;
    readonly inputs: Record<string, any>;
    readonly outputs: Record<string, any>;
    readonly source: RecordedResource["source"];
  },
): RecordedResource {
  return {
    urn: read.urn,
    type: req.getType(),
    name: req.getName(),
    custom: true,
    remote: false,
    parent: req.getParent() || undefined,
    provider: read.provider,
    inputs: read.inputs,
    outputs: read.outputs,
    dependencies: withoutStandIns(req.getDependenciesList()),
    propertyDependencies: {},
    options: {
      ...defaultOptions(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    },
    source: read.source,
    external: true,
  };
}

/**
 * The default provider the engine registers for a package on first use: named after the requested
 * plugin version (`default_7_48_0`; `default` without one), with the package's config as inputs
 * (`aws:region` → `region`) and the version.
 */
export function defaultProvider(
  stack: string,
  project: string,
  pkg: string,
  version: string,
  config: Readonly<Record<string, unknown>>,
): RecordedResource {
  const name = version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
  const urn = `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::${name}`;
  const inputs: Record<string, any> = {};
  for (const [k, v] of Object.entries(config)) {
    if (k.startsWith(`${pkg}:`)) inputs[k.slice(pkg.length + 1)] = v;
  }
  if (version) inputs.version = version;
  return {
    urn,
    type: `pulumi:providers:${pkg}`,
    name,
    custom: true,
    remote: false,
    inputs,
    outputs: { ...inputs },
    dependencies: [],
    propertyDependencies: {},
    options: defaultOptions(),
  };
}

/** Where a hand-built resource stands and what it says beyond its type, name and inputs. */
export interface HandBuilt {
  readonly stack: string;
  readonly project: string;
  readonly outputs: Record<string, any>;
  /** The parent: its type qualifies the URN's type. */
  readonly parent?: RecordedResource;
  /** Property name → resources it was built from (what the engine sends as propertyDependencies). */
  readonly refs?: Record<string, RecordedResource[]>;
  /** false for a component. Default true. */
  readonly custom?: boolean;
  /** Options set; the others are as without any. */
  readonly options?: Partial<RecordedOptions>;
}

/**
 * A recorded resource built by hand, as the recorder would record its registration: dependencies
 * are the resources of its property dependencies.
 */
export function handBuiltResource(
  type: string,
  name: string,
  inputs: Record<string, any>,
  how: HandBuilt,
): RecordedResource {
  const qualified = how.parent ? `${how.parent.type}$${type}` : type;
  const propertyDependencies: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(how.refs ?? {})) {
    propertyDependencies[k] = v.map((r) => r.urn);
  }
  return {
    urn: `urn:pulumi:${how.stack}::${how.project}::${qualified}::${name}`,
    type,
    name,
    custom: how.custom ?? true,
    remote: false,
    parent: how.parent?.urn,
    inputs,
    outputs: how.outputs,
    dependencies: [...new Set(Object.values(propertyDependencies).flat())],
    propertyDependencies,
    options: { ...defaultOptions(), ...how.options },
  };
}
