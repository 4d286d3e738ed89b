// What a remote component's child is, for the derivations of ./remote-children.ts: the child's
// type, name and inputs as the component's own code creates it, and what has been made so far.
import type { FakeAwsEnv } from "../fake-aws";
import { RESOURCE_SIG, SIG_KEY } from "./wire";

export type Inputs = Record<string, any>;

/** A child as made: its URN, and the id and state the fake AWS gives it. */
export interface MadeChild {
  readonly urn: string;
  readonly id: string;
  readonly state: Inputs;
}

/**
 * The children made so far, by output key (a child's inputs may name them); an entry of an array
 * key is undefined where that child's id stays unknown.
 */
export type Made = Record<string, MadeChild | (MadeChild | undefined)[] | undefined>;

/** A child a remote component creates: its type, name, inputs, and the resources between. */
export interface Child {
  readonly type: string;
  readonly name: string;
  /**
   * Its inputs, or a function of the children made before it (an output key's entries come in
   * order). An input set to `LOOKED_UP` is one the component fills from a lookup or a computation
   * the offline engine does not make: the child's state leaves that key out, so the program reads
   * it as unknown.
   */
  readonly inputs: Inputs | ((made: Made) => Inputs);
  /** Types of the parents between the remote component and the child (URN type chain). */
  readonly via?: string[];
}

/**
 * The children of one remote component, by the output key that names them (several keys may list
 * the same `Child` object: it is made once), in the order the component creates them.
 */
export type Derive = (
  name: string,
  inputs: Inputs,
  at: {
    readonly stack: string;
    readonly env: FakeAwsEnv;
    /**
     * The component package's version as the program's SDK sends it with the registration
     * (`RegisterResourceRequest.version`: the installed package's own version), when sent.
     */
    readonly version?: string;
  },
) => Record<string, Child | Child[]>;

/** A value the component looks up or computes in a way not modeled here: never known offline. */
export const LOOKED_UP = Symbol("looked up");

export const given = (v: unknown): boolean => v !== undefined && v !== null;

export const omit = (o: Inputs | undefined, ...keys: string[]): Inputs => {
  const out = { ...(o ?? {}) };
  for (const k of keys) delete out[k];
  return out;
};

/** The id of a made child (one entry of an array key at `i`), unknown when not made. */
export function idOf(made: Made, key: string, i?: number): string | undefined {
  const m = made[key];
  const one = Array.isArray(m) ? (i === undefined ? undefined : m[i]) : m;
  return one?.id;
}

/** A reference to a made child as it crosses the wire: signature, URN and id. */
export const wire = (c: MadeChild): Inputs => ({ [SIG_KEY]: RESOURCE_SIG, urn: c.urn, id: c.id });
