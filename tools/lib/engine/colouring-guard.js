// Item 4 of ./child-preload.js: the language host describes every error it reports with
// `util.inspect(err, { colors: true })` and falls back to `util.inspect(err)` when that throws
// (`cmd/run/error.js`). On some Node.js releases (20.20 among them) the colouring of node_modules
// frames never ends on a frame whose path has no separator after the package name, e.g.
// `node_modules/@pulumi/config.ts:301:19`, which is what the SDK's own source maps give: it grows a
// string until "Invalid string length", about a minute later. For such a stack, on the error or on
// one `util.inspect` formats inside it, the coloured call returns the uncoloured inspection at once.
//
// The guard runs on every coloured inspection of an error, the program's own included, so it must
// change nothing the program can observe and cost little whatever the error holds:
// - it reads own data properties only (a getter is never called, as `util.inspect` shows it as
//   `[Getter]` without calling it) and never looks into a Proxy (whose traps would run; `util.inspect`
//   formats a proxy's target without running them);
// - an `errors` that is no array (an object of field messages, a number) is walked as any other
//   value, never spread;
// - it goes no deeper than `util.inspect` formats (its `depth`, 2 by default: an error one level
//   further is still printed with its stack when it has no properties), reads at most 100 keys of
//   an object, and stops after VISIT_BUDGET objects: past that, the inspection is coloured as
//   Node.js colours it.
"use strict";
const util = require("util");

/** Objects the guard looks at for one inspection, at most. */
const VISIT_BUDGET = 300;
/** Keys (or list items) read of one object, at most. */
const KEYS_PER_OBJECT = 100;

/** The getter V8 gives `stack` where it is an accessor (undefined where it is a data property). */
const NATIVE_STACK_GETTER = Object.getOwnPropertyDescriptor(new Error(), "stack")?.get;

/**
 * True when Node's colouring of node_modules frames (`markNodeModules` in `internal/util/inspect`)
 * would not terminate on a line: a `node_modules` path segment whose package name (scoped or not)
 * is not followed by a separator.
 */
function colouringNeverEnds(line) {
  let from = 0;
  for (;;) {
    const at = line.indexOf("node_modules", from);
    if (at === -1) return false;
    const before = line[at - 1];
    const after = line[at + 12];
    if ((before !== "/" && before !== "\\") || (after !== "/" && after !== "\\")) {
      from = at + 1;
      continue;
    }
    const start = at + 13;
    let end = line.indexOf(before, start);
    if (line[start] === "@" && end !== -1) end = line.indexOf(before, end + 1);
    if (end === -1) return true;
    from = end;
  }
}

/** The value of an own data property of `object`; undefined for a getter or a missing key. */
function ownData(object, key) {
  try {
    const d = Object.getOwnPropertyDescriptor(object, key);
    return d && "value" in d ? d.value : undefined;
  } catch {
    return undefined;
  }
}

/** An object the guard may look into: no Proxy, no primitive. */
function walkable(value) {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    !util.types.isProxy(value)
  );
}

/** True for what `util.inspect` formats as an error (its own `isError`). */
function isError(value) {
  try {
    return util.types.isNativeError(value) || value instanceof Error;
  } catch {
    return false;
  }
}

/** The stack `util.inspect` would print for an error, read without running a program's getter. */
function stackOf(error) {
  try {
    const d = Object.getOwnPropertyDescriptor(error, "stack");
    if (!d) return undefined;
    if ("value" in d) return d.value;
    return NATIVE_STACK_GETTER && d.get === NATIVE_STACK_GETTER ? d.get.call(error) : undefined;
  } catch {
    return undefined;
  }
}

/** The values `util.inspect` formats inside `value`: an error's cause and errors, its own keys. */
function heldValues(value) {
  const held = [];
  if (isError(value)) held.push(ownData(value, "cause"), ownData(value, "errors"));
  let keys;
  try {
    if (Array.isArray(value)) {
      const length = Math.min(Number(ownData(value, "length")) || 0, KEYS_PER_OBJECT);
      keys = Array.from({ length }, (_, i) => String(i));
    } else keys = Object.keys(value).slice(0, KEYS_PER_OBJECT);
  } catch {
    keys = [];
  }
  for (const key of keys) held.push(ownData(value, key));
  return held;
}

/**
 * True when colouring would not terminate on a line of the stack of `value` or of an error
 * `util.inspect` formats inside it to `depth` (null: any depth), coloured the same way: its
 * `cause`, the `errors` of an AggregateError (Promise.any's, a program's own), an error held in a
 * property, in an object or a list. Breadth first, so the errors nearest the top are read before
 * the budget runs out.
 */
function colouringNeverEndsIn(value, depth = 2) {
  const maxLevel = depth === null || depth === Infinity ? Infinity : Number(depth) || 0;
  const seen = new Set();
  let level = [value];
  for (let at = 0; level.length > 0 && at <= maxLevel + 1; at++) {
    const next = [];
    for (const item of level) {
      if (!walkable(item) || seen.has(item)) continue;
      if (seen.size >= VISIT_BUDGET) return false;
      seen.add(item);
      if (isError(item)) {
        const stack = stackOf(item);
        if (typeof stack === "string" && stack.split("\n").some(colouringNeverEnds)) return true;
      }
      // One level past `depth`, util.inspect prints an error's stack but none of what it holds.
      if (at <= maxLevel) next.push(...heldValues(item));
    }
    level = next;
  }
  return false;
}

/** Replaces `util.inspect` with one whose coloured description of such an error is uncoloured. */
function guardColouredInspect() {
  util.inspect = new Proxy(util.inspect, {
    apply(target, thisArg, args) {
      const [value, options] = args;
      if (
        options &&
        typeof options === "object" &&
        options.colors === true &&
        walkable(value) &&
        isError(value) &&
        colouringNeverEndsIn(
          value,
          options.depth !== undefined ? options.depth : target.defaultOptions.depth,
        )
      ) {
        return Reflect.apply(target, thisArg, [value, { ...options, colors: false }]);
      }
      return Reflect.apply(target, thisArg, args);
    },
  });
}

module.exports = { guardColouredInspect, colouringNeverEndsIn, VISIT_BUDGET };
