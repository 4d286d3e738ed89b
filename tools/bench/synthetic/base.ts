// Synthetic recorded stacks for the pack benchmark: the mix a real platform registers, built the
// way the recorder records it (inputs, outputs, parents, property dependencies), with every value
// known (as after `pulumi up`), so every policy runs all the way. Almost everything complies; a
// few resources break a mandatory rule each, so the reporting path runs too.
import type { RecordedResource } from "../../lib/recorder";
import { handBuiltResource } from "../../lib/engine/registration";

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

/** A recorded resource of the synthetic stack; its outputs are its inputs plus `opts.outputs`. */
export function resource(
  type: string,
  name: string,
  inputs: Record<string, any>,
  opts: Options = {},
): RecordedResource {
  return handBuiltResource(type, name, inputs, {
    stack: STACK,
    project: PROJECT,
    outputs: { ...inputs, ...(opts.outputs ?? {}) },
    parent: opts.parent,
    refs: opts.refs,
    custom: opts.custom,
  });
}

/** The key policy statement that lets the key administrators manage a key (not use it). */
export function keyAdmin(...extraActions: string[]): object {
  return {
    Sid: "Admin",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/key-admin` },
    Action: [
      "kms:Describe*",
      "kms:Put*",
      "kms:Enable*",
      "kms:Disable*",
      "kms:ScheduleKeyDeletion",
      "kms:CancelKeyDeletion",
      ...extraActions,
    ],
    Resource: "*",
  };
}

export const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
export const tags = (name: string, extra: Record<string, string> = {}) => ({
  Name: name,
  project: "bench",
  ...extra,
});
