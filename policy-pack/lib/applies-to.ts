// The policy SDK's typed fast path for stack rules over several resource types.
//
// For every stack policy, the SDK's AnalyzeStack decodes every resource of the stack again
// (server.js, `makeAnalyzeStackRpcFun`: deserializeProperties, unknownCheckingProxy, options and
// dependencies per resource, per policy); on a stack of 10,000 resources that is the bulk of the
// pack's time. It skips a policy without decoding anything when the policy's function names one
// type (`__pulumiType`, which `validateStackResourcesOfType` sets) and the stack has no resource of
// it: `getPulumiType(p.validateStack)`, read once per policy just before that check
// (pulumi/pulumi-policy sdk/nodejs/policy/server.ts). A rule whose findings are all on resources
// of a few types (`appliesTo` in ./define.ts) has nothing to judge on a stack without any of them
// either, but one type cannot say so.
//
// So for such a rule `__pulumiType` is read, not stored: it names one of the rule's types that the
// stack being judged has, and the rule runs as before; when the stack has none of them, it names
// the first, which the stack lacks, and the SDK skips the rule (its "not applicable" entry names
// that type). What the stack has is known from the stack policies that ran before it in the same
// AnalyzeStack, which the SDK runs in the pack's order, each handing its policy every resource:
// every stack policy built by ./define.ts records the index it was given (`sawStack`). The answer
// is trusted only while it certainly describes the same request:
// - the record is dropped when the current turn of the event loop ends (`setImmediate`): the SDK
//   runs one AnalyzeStack's policies back to back in promise continuations, so a later request
//   never sees it; a policy that awaited real work in between only costs the skip;
// - positions in the pack's order only grow within one request: a rule placed before the policy
//   that recorded does not trust the record (another request started);
// - before any stack policy has run in a request, and outside the pack (a rule not listed by
//   `catalogue`), nothing is trusted, `__pulumiType` is undefined and the rule runs.
// A rule that is not skipped decodes and judges exactly as without this; a rule that is skipped
// would have judged no resource. In-process tools ask `stackPolicyTypes` instead of reading
// `__pulumiType`, and skip a rule when the stack has none of its types.
import type { StackIndex } from "./stack-index";

/** Position of each stack policy in the pack's order (from `catalogue`). */
const positions = new Map<string, number>();

/** The stack being judged, as the last stack policy to run in this turn saw it. */
let judging:
  | { readonly index: StackIndex; readonly types?: ReadonlySet<string>; position: number }
  | undefined;

/** The multi-type rules' types, by their validation function, for in-process tools. */
const gated = new WeakMap<object, readonly string[]>();

/** Records the pack's order of stack policies (`catalogue` calls it with the pack's policies). */
export function orderStackPolicies(names: readonly string[]): void {
  positions.clear();
  names.forEach((name, i) => positions.set(name, i));
}

/**
 * A stack policy of the pack was handed `index` (every resource of the stack being judged). A rule
 * that sees aws-native resources as their classic twins (../native/view.ts) also gives the types
 * the engine sent, which are what the SDK compares `__pulumiType` with.
 */
export function sawStack(name: string, index: StackIndex, types?: ReadonlySet<string>): void {
  const position = positions.get(name);
  if (position === undefined) return;
  if (!judging) setImmediate(() => (judging = undefined));
  judging = { index, types, position };
}

/**
 * Makes `validateStack`'s `__pulumiType` name, for the stack being judged, one of `types` it has,
 * or the first of `types` when it has none (see the top of this file).
 */
export function gateOnTypes(name: string, validateStack: object, types: readonly string[]): void {
  gated.set(validateStack, types);
  Object.defineProperty(validateStack, "__pulumiType", {
    configurable: true,
    enumerable: false,
    get(): string | undefined {
      const position = positions.get(name);
      const seen = judging;
      if (position === undefined || !seen || seen.position > position) return undefined;
      seen.position = position;
      const has = (t: string) => (seen.types ? seen.types.has(t) : seen.index.has(t));
      return types.find(has) ?? types[0];
    },
  });
}

/**
 * The types a stack policy's findings are all on, for a tool that evaluates the pack in its own
 * process: it skips the policy when the stack has none of them, as the SDK skips it. Undefined for
 * a policy of one type (read its `__pulumiType`) or of no declared types.
 */
export function stackPolicyTypes(validateStack: object): readonly string[] | undefined {
  return gated.get(validateStack);
}
