// The apply phase's answer to what an offline run cannot do inside an `apply` (./child-preload.js,
// item 19; only with OFFLINE_APPLY_UNKNOWNS set, which the apply phase sets): a data source nothing
// answers (`tailscale.getDevice` inside `bucket.id.apply(...)`, any provider's invoke with no
// offline answer), or a dependency's command that needs what this machine lacks (docker-classic's
// `docker build` inside `repositoryUrl.apply`, with no Docker daemon).
//
// At `pulumi preview` of a new stack such a callback never runs: its input is an output of a
// resource not yet created, so the SDK leaves the callback's result unknown
// (@pulumi/pulumi output.ts `applyHelperAsync`: "We didn't actually run the function, our new
// Output is definitely **not** known"). In the apply phase the input is known and the callback
// runs; when it fails on one of those two causes, its result is made unknown as at preview,
// instead of failing the whole run: what depends on it reaches the engine as unknown (the SDK
// serializes an unknown output as the unknown sentinel, the program running with --dry-run), and
// only the checks on those values stay unevaluated. Every such failure is recorded under the token
// `apply-unknown` (the invoke's token, or the error's first line and the resource it names), for
// the report to name it; its unknown carries a stand-in dependency (`refFor`) whose URN the
// record holds, so each check is traced to the failure its value was built from.
//
// A failure that reaches no `apply` (a lookup the main code awaits) is left as it is: the program
// stops there, as it would under `pulumi up`. ./apply-stopped.js records it with its offline cause,
// so the report can keep what the apply phase registered before it when preview ran past it (a
// lookup whose argument is unknown at preview, which the SDK then skips). An Output's value read with `.promise()` inside another
// callback (docker-classic's `buildAndPushImageAsync`) gives the callback the failure again, not
// `undefined`, so the outer callback's result is the one made unknown, as at preview, where neither
// ran.
"use strict";
const path = require("path");
const { callerSites } = require("./caller-stack");
const { describeFailure, offlineFailure, watchChildProcesses } = require("./offline-cause");

const TOKEN = "apply-unknown";
/** Failures recorded per run at most: enough to name them, never a flood. */
const MAX_RECORDS = 20;
/** The failure a value made unknown stands for (a property of the marker, never enumerable). */
const FAILED = Symbol("offline-check: failed at apply");
/** Marks a failure already recorded (an inner callback's, given again to the outer one). */
const RECORDED = Symbol("offline-check: recorded");
/** The stand-in dependency a recorded failure's unknown carries (see `refFor`). */
const REF = Symbol("offline-check: reference");
/**
 * How the URN of a failure's stand-in dependency starts. The unknown a failure leaves carries a
 * `DependencyResource` of the SDK (resource.ts: a dependency stand-in that never registers) with
 * this URN: the SDK sends it among the property dependencies of every input built from the
 * unknown (rpc.ts `serializeProperty` adds an Output's resources), through `apply`, `all` and
 * `interpolate`, so the engine can name the failure a check's unknown came from exactly
 * (./monitor.ts keeps such URNs apart from the resources' dependencies the pack sees).
 */
const REF_PREFIX = "urn:offline-check:apply-unknown:";
/** Every stand-in made in this process, told apart from the program's own resources. */
const refs = new WeakSet();

/** The failure a value holds, when it is or contains the marker of one (depth-limited). */
function failureIn(value, depth = 0) {
  if (value === null || typeof value !== "object" || depth > 8) return undefined;
  if (value[FAILED]) return value[FAILED];
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    const found = failureIn(v, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Wraps `Output.prototype.apply` of one copy of the SDK's output.js (`exports`, loaded from
 * `outputFile`), and
 * `Output.getPromisedValue`, which `.promise()` reads through. `append` writes a record to
 * OFFLINE_INVOKE_SITES; `programFrame` picks the program's line from a stack.
 */
function leaveUnknownAtApply(exports, outputFile, append, programFrame) {
  // The SDK's folder (output.js is at its top), as V8 names its files.
  const sdkDir = path.dirname(outputFile) + path.sep;
  const Output = exports && exports.Output;
  if (typeof Output !== "function" || typeof Output.prototype.apply !== "function") return;
  if (typeof Output.getPromisedValue !== "function" || !exports.unknown) return;
  const apply = Output.prototype.apply;
  const getPromisedValue = Output.getPromisedValue;
  watchChildProcesses();
  let recorded = 0;
  let made = 0;
  // The SDK copy's own DependencyResource (resource.js beside output.js; since 2.x), read when
  // the first failure needs one: undefined leaves the unknown without a stand-in, as before.
  let Dependency;
  const refFor = (e) => {
    if (e[REF] !== undefined) return e[REF];
    if (Dependency === undefined) {
      try {
        Dependency = require(path.join(path.dirname(outputFile), "resource.js")).DependencyResource;
      } catch {
        Dependency = null;
      }
    }
    let ref = null;
    if (typeof Dependency === "function") {
      const urn = `${REF_PREFIX}${process.pid}-${++made}`;
      try {
        ref = { resource: new Dependency(urn), urn };
        refs.add(ref.resource);
      } catch {
        ref = null;
      }
    }
    Object.defineProperty(e, REF, { value: ref });
    return ref;
  };

  const record = (e, found) => {
    if (recorded >= MAX_RECORDS) return;
    recorded++;
    const ref = refFor(e);
    const base = {
      token: TOKEN,
      ...describeFailure(e, found, programFrame),
      ...(ref ? { ref: ref.urn } : {}),
    };
    // A ResourceError names the resource it is about (docker-classic's command errors name the
    // image or the repository): its URN places the failure at that resource's line.
    // Written at once, and again with the URN once it resolves (a resource whose registration
    // never completes leaves the first record alone).
    append(base);
    try {
      const named = found.error.resource ?? e.resource;
      const urn = named && named.urn;
      if (urn && typeof urn.promise === "function")
        urn.promise(true).then(
          (u) => typeof u === "string" && append({ ...base, urn: u }),
          () => undefined,
        );
    } catch {
      // a resource that cannot be read: the record stays at the program's line
    }
  };

  /**
   * An Output unknown as at preview, whose value carries the failure for `.promise()` and whose
   * resources its stand-in dependency (`refFor`), when it was recorded.
   */
  const unknownFor = (e) => {
    const marker = Object.create(exports.unknown, { [FAILED]: { value: e } });
    const known = Promise.resolve(false);
    const ref = e[REF];
    const deps = ref ? new Set([ref.resource]) : new Set();
    return new Output(deps, Promise.resolve(marker), known, known, Promise.resolve(new Set(deps)));
  };

  // An error whose properties cannot be read or defined (a getter or a Proxy trap that throws, a
  // frozen error) is the program's failure, thrown as it was: nothing of the check's escapes.
  const settle = (e) => {
    let unknown;
    try {
      const found = offlineFailure(e);
      if (found) {
        if (!e[RECORDED]) {
          Object.defineProperty(e, RECORDED, { value: true });
          // The program caught an inner callback's failure, recorded already, and threw its own
          // with it as the cause: one failure, one record, one stand-in.
          const inner = found.error;
          if (inner !== e && inner[RECORDED]) Object.defineProperty(e, REF, { value: inner[REF] });
          else record(e, found);
        }
        unknown = unknownFor(e);
      }
    } catch {
      unknown = undefined;
    }
    if (!unknown) throw e;
    return unknown;
  };

  Output.prototype.apply = function (func, runWithUnknowns) {
    if (typeof func !== "function") return apply.apply(this, arguments);
    const guarded = function (value) {
      let result;
      try {
        result = func(value);
      } catch (e) {
        return settle(e);
      }
      return result && typeof result.then === "function" ? result.then(undefined, settle) : result;
    };
    return apply.call(this, guarded, runWithUnknowns);
  };

  // The SDK's own reads (a resource input's serialization, `rpc.ts` `serializeProperty`) keep the
  // SDK's answer, `undefined`; code outside it (a dependency, the program) gets the failure. Told
  // apart by the file of the function that called `.promise()` (V8's structured frames, unmapped:
  // one short capture per read without unknowns).
  Output.getPromisedValue = function promisedValue(promise, withUnknowns) {
    if (withUnknowns) return getPromisedValue.call(this, promise, withUnknowns);
    const [, caller] = callerSites(promisedValue, 2, (site) => site.getFileName() || "");
    if (caller === undefined || caller.startsWith(sdkDir))
      return getPromisedValue.call(this, promise, withUnknowns);
    return Promise.resolve(promise).then((value) => {
      const failed = failureIn(value);
      if (failed) throw failed;
      return getPromisedValue.call(this, Promise.resolve(value), withUnknowns);
    });
  };
  settlers.set(exports, settle);
}

/** The failures' stand-ins (`refs`) the Outputs in `value` carry (depth-limited; never throws). */
async function refsIn(value, Output, depth = 0) {
  const out = new Set();
  if (value === null || typeof value !== "object" || depth > 6) return out;
  try {
    if (Output.isInstance(value)) {
      for (const r of await value.allResources()) if (refs.has(r)) out.add(r);
      return out;
    }
    if (typeof value.then === "function") return refsIn(await value, Output, depth + 1);
    for (const v of Array.isArray(value) ? value : Object.values(value))
      for (const r of await refsIn(v, Output, depth + 1)) out.add(r);
  } catch {
    // a value that cannot be read carries nothing the check can name
  }
  return out;
}

/** Each wrapped copy of output.js (its exports) → how a failure there is settled. */
const settlers = new WeakMap();

/**
 * Wraps the output forms of invoke (`invokeOutput`, `invokeSingleOutput`) on the exports of one
 * copy of the SDK's runtime/invoke.js, whose output.js `outputExports` is (already wrapped by
 * `leaveUnknownAtApply`): `aws.ec2.getSubnetOutput({ id: subnet.id })` asks only once the subnet's
 * id is known (at preview, an unknown argument gives an unknown result without asking: runtime
 * invoke.ts `invokeAsync`), and a failure there on what an offline run lacks gives an unknown
 * result too. Installed before ./invoke-records.js wraps them, so that stays outermost.
 */
function leaveUnknownInvokeOutputs(exports, outputExports) {
  const settle = settlers.get(outputExports);
  const Output = outputExports && outputExports.Output;
  if (!settle || !exports) return;
  for (const name of ["invokeOutput", "invokeSingleOutput"]) {
    const own = Object.getOwnPropertyDescriptor(exports, name);
    if (typeof exports[name] !== "function" || !own || !own.writable) continue;
    const invoke = exports[name];
    exports[name] = function () {
      const out = invoke.apply(this, arguments);
      if (!Output.isInstance(out) || typeof out.allResources !== "function") return out;
      // Every part of the output fails with the invoke's error (runtime/invoke.ts `createOutput`).
      const failed = (then) => (e) => {
        settle(e); // rethrows what an offline run does not lack
        return then(e);
      };
      const value = out.promise(true).catch((e) => settle(e).promise(true));
      const known = out.isKnown.catch(failed(() => false));
      const secret = out.isSecret.catch(failed(() => false));
      // An argument left unknown by a failure gives a result unknown with no dependencies (runtime
      // invoke.ts `invokeAsync`): the result carries the failure's stand-in on.
      const args = arguments[1];
      const resources = out.allResources().then(
        async (found) => {
          if (await out.isKnown.catch(() => true)) return found;
          const carried = await refsIn(args, Output);
          return carried.size > 0 ? new Set([...found, ...carried]) : found;
        },
        failed((e) => new Set(e[REF] ? [e[REF].resource] : [])),
      );
      return new Output(out.resources(), value, known, secret, resources);
    };
  }
}

module.exports = {
  APPLY_UNKNOWN_REF_PREFIX: REF_PREFIX,
  leaveUnknownAtApply,
  leaveUnknownInvokeOutputs,
  APPLY_UNKNOWN_TOKEN: TOKEN,
};
