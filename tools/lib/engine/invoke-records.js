// Where the program asks for each invoke (./child-preload.js, item 2): the SDK sends no source
// position with an invoke, so a failed one could name no line of the program. The first call of
// each token from the program's own code records that line; a call a library makes later, inside
// a callback (no line of the program on the stack), records the resource it is made for, from its
// options' parent, once per resource and arguments (./invoke-sites.ts reads both).
"use strict";

/**
 * The resource an invoke is made for, from its options' `parent` (the SDK's `__pulumiType` and
 * `__name`): a component library that invokes later, in a callback (@pulumi/kubernetes's
 * `helm.v3.Chart` renders its chart with `kubernetes:helm:template` inside an `apply`, with the
 * chart as parent), leaves no frame of the program on the stack.
 */
function invokingResource(opts) {
  const parent = opts && opts.parent;
  if (!parent || typeof parent.__pulumiType !== "string" || typeof parent.__name !== "string") {
    return undefined;
  }
  return { resourceType: parent.__pulumiType, resourceName: parent.__name };
}

/** Whether `value` is plain data as the engine receives it (no Output, promise or resource). */
function plainData(value, depth = 0) {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return true;
  if (typeof value !== "object" || depth > 8) return false;
  if (Array.isArray(value)) return value.every((v) => plainData(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => v === undefined || plainData(v, depth + 1));
}

/** The longest arguments recorded with an invoker, as JSON; longer ones are left out. */
const MAX_INVOKER_ARGS = 4096;
/** How many invokers are recorded at most (a library that invokes in a loop). */
const MAX_INVOKERS = 200;
const seenInvokers = new Set();

/**
 * Records the resource an invoke is made for, once per token, resource and arguments: the
 * arguments given as plain data (an Output or a promise among them is left out, so they match the
 * call as a partial match), which tell two charts' calls apart when only one goes unanswered.
 */
function recordInvoker(append, tok, args, opts) {
  const invoker = invokingResource(opts);
  if (!invoker || seenInvokers.size >= MAX_INVOKERS) return;
  let plain;
  if (args && typeof args === "object") {
    plain = {};
    for (const [k, v] of Object.entries(args)) if (v !== undefined && plainData(v)) plain[k] = v;
  }
  let json = plain && JSON.stringify(plain);
  if (json && json.length > MAX_INVOKER_ARGS) ((plain = undefined), (json = undefined));
  const key = JSON.stringify([tok, invoker.resourceType, invoker.resourceName, json]);
  if (seenInvokers.has(key)) return;
  seenInvokers.add(key);
  append({ token: tok, ...invoker, args: plain });
}

/**
 * Wraps the invoke functions of the SDK's runtime/invoke.js `exports` (before runtime/index.js
 * copies them): the first call of each token records the program's line (`callSite(fn)`, from the stack of
 * the caller of `fn`) through
 * `append`; a call with no line of the program, the resource it is made for.
 */
function recordInvokeSites(exports, append, callSite) {
  const seenTokens = new Set();
  for (const name of ["invoke", "invokeOutput", "invokeSingle", "invokeSingleOutput"]) {
    const original = exports[name];
    if (typeof original !== "function") continue;
    const recorded = function (tok, ...rest) {
      if (typeof tok === "string") {
        const first = !seenTokens.has(tok);
        seenTokens.add(tok);
        const site = first ? callSite(recorded) : undefined;
        if (site) append({ token: tok, ...site });
        else recordInvoker(append, tok, rest[0], rest[1]);
      }
      return original.call(this, tok, ...rest);
    };
    exports[name] = recorded;
  }
}

module.exports = { recordInvokeSites };
