// The policy SDK's typed fast path for resource rules over several types.
//
// For each resource the engine sends (Analyze), the SDK goes through the pack's resource policies
// in order and, for every one it does not skip, decodes the resource again (server.js,
// `makeAnalyzeRpcFun`: deserializeProperties, unknownCheckingProxy, options, provider, per policy).
// It skips a policy without decoding anything when the policy's validation function names one type
// (`__pulumiType`, which `validateResourceOfType` sets) and the resource is of another:
// `getPulumiType(p.validateResource)`, read for each resource just before that comparison
// (pulumi/pulumi-policy sdk/nodejs/policy/server.ts). One type cannot say "a classic type and its
// aws-native twin", so a rule of two types would decode every resource of the stack.
//
// So for such a rule `__pulumiType` is read, not stored: it names the type of the resource being
// analyzed when the rule lists it (the rule runs as before), and the rule's first type otherwise
// (the SDK skips it; its "not applicable" entry names that type). The type being analyzed is what
// the request says: the Analyze handler reads `req.getType()` before any policy, and this module
// wraps that accessor of the AnalyzeRequest class server.js loads, to note it. The note is trusted
// only while it certainly belongs to the request being judged:
// - a handler runs its policies back to back in promise continuations, so it finishes in the
//   turn of the event loop it started in, unless a rule waits for I/O; the notes are dropped when
//   that turn ends (`setImmediate`);
// - a rule that waits for I/O (the IAM rules read their data set's files on first use) says so
//   with `acrossTurns`: while it waits, and until the turn its handler resumes in has ended,
//   nothing is trusted. Otherwise a request started in that turn (a check sends several at once)
//   would lend its type to the resumed handler, whose later rules could then be skipped for the
//   very resource they judge;
// - when a second request starts in the same turn (handlers may then interleave), which of them
//   asks is not known until the turn ends: the rule runs unless none of the requests started in
//   the turn is of a type it lists, so whichever handler asks, the rule would judge nothing (a
//   check sends many resources at once, and a rule of a classic type and its aws-native twin
//   then skips every batch that holds neither);
// - where the accessor cannot be wrapped, and outside an Analyze call (in-process tools skip by
//   the catalogue's types), nothing is noted.
// Not trusted, `__pulumiType` is undefined and the rule runs, judging only its own types: a rule
// that is skipped would have judged nothing.
import { createRequire } from "module";

/** The type of the resource being analyzed, while exactly one request started in this turn. */
let analyzing: string | undefined;
/** Requests started in this turn of the event loop. */
let started = 0;
/** The types of the requests started in this turn; undefined once one had no type. */
let startedTypes: Set<string> | undefined = new Set();
/** Rules waiting across turns, or whose handler resumes in the current turn. */
let waiting = 0;

/**
 * Marks `work`, what a rule returns when it has to wait for I/O, so that no note is trusted until
 * the turn in which it settles (and its handler runs its remaining policies) has ended.
 */
export function acrossTurns<T>(work: Promise<T>): Promise<T> {
  waiting++;
  const settled = () => void setImmediate(() => waiting--);
  work.then(settled, settled);
  return work;
}

function noteRequest(type: unknown): void {
  if (started === 0) {
    setImmediate(() => {
      started = 0;
      analyzing = undefined;
      startedTypes = new Set();
    });
  }
  started++;
  analyzing = started === 1 && typeof type === "string" ? type : undefined;
  if (typeof type === "string") startedTypes?.add(type);
  else startedTypes = undefined;
}

/** Whether a request of a type in `listed` may have started in this turn (or that is not known). */
function mayAnalyze(listed: ReadonlySet<string>): boolean {
  if (started === 0 || startedTypes === undefined) return true;
  for (const t of startedTypes) if (listed.has(t)) return true;
  return false;
}

/**
 * Wraps `AnalyzeRequest.prototype.getType` of the SDK's own protocol module (resolved from
 * @pulumi/policy, as server.js resolves it). Returns whether it could.
 */
function watchRequests(): boolean {
  try {
    const fromPolicySdk = createRequire(require.resolve("@pulumi/policy"));
    const proto = fromPolicySdk("@pulumi/pulumi/proto/analyzer_pb").AnalyzeRequest?.prototype;
    const getType = proto?.getType;
    if (typeof getType !== "function") return false;
    if ((getType as { __notes?: true }).__notes) return true;
    const wrapped = function (this: unknown): unknown {
      const type = getType.call(this);
      noteRequest(type);
      return type;
    };
    (wrapped as { __notes?: true }).__notes = true;
    proto.getType = wrapped;
    return true;
  } catch {
    return false;
  }
}

let watching: boolean | undefined;

/**
 * Makes `validateResource`'s `__pulumiType` name, for the resource being analyzed, its type when
 * `types` lists it and `types[0]` otherwise, or nothing when that is not known (see above).
 */
export function gateResourceTypes(validateResource: object, types: readonly string[]): void {
  watching ??= watchRequests();
  if (!watching) return;
  const listed = new Set(types);
  Object.defineProperty(validateResource, "__pulumiType", {
    configurable: true,
    enumerable: false,
    get(): string | undefined {
      if (waiting > 0) return undefined;
      const type = analyzing;
      if (type !== undefined) return listed.has(type) ? type : types[0];
      return mayAnalyze(listed) ? undefined : types[0];
    },
  });
}
