// Synthetic recorded stacks for the pack benchmark: the mix a real platform registers, built the
// way the recorder records it (inputs, outputs, parents, property dependencies), with every value
// known (as after `pulumi up`), so every policy runs all the way. Almost everything complies; a
// few resources break a mandatory rule each, so the reporting path runs too.
import type { RecordedResource } from "../../lib/recorder";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const STACK = "bench";
export const PROJECT = "platform";

export interface Options {
  readonly parent?: RecordedResource;
  readonly refs?: Record<string, RecordedResource[]>;
  readonly outputs?: Record<string, unknown>;
  readonly custom?: boolean;
}

export function resource(
  type: string,
  name: string,
  inputs: Record<string, any>,
  opts: Options = {},
): RecordedResource {
  const qualified = opts.parent ? `${opts.parent.type}$${type}` : type;
  const propertyDependencies: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(opts.refs ?? {}))
    propertyDependencies[k] = v.map((r) => r.urn);
  return {
    urn: `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`,
    type,
    name,
    custom: opts.custom ?? true,
    remote: false,
    parent: opts.parent?.urn,
    inputs,
    outputs: { ...inputs, ...(opts.outputs ?? {}) },
    dependencies: [...new Set(Object.values(propertyDependencies).flat())],
    propertyDependencies,
    options: {
      protect: false,
      retainOnDelete: false,
      deleteBeforeReplace: false,
      ignoreChanges: [],
      additionalSecretOutputs: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    },
  };
}

export const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
export const tags = (name: string, extra: Record<string, string> = {}) => ({
  Name: name,
  project: "bench",
  ...extra,
});
