// Arguments a resource class drops without a word: a key its type does not take, given in a
// JavaScript program or past TypeScript's checks (`as any`, a spread of a wider object), e.g.
// `securityGroupIds` on an `aws.ec2.LaunchTemplate` (whose input is `vpcSecurityGroupIds`) or
// `encrypted` on an `aws.s3.Bucket`.
//
// A generated resource class copies its arguments key by key into the inputs it registers:
// `resourceInputs["vpcSecurityGroupIds"] = args?.vpcSecurityGroupIds;` for each input of the
// type, its outputs set to `undefined /*out*/`, then `super(X.__pulumiType, name,
// resourceInputs, opts)` (@pulumi/aws ec2/launchTemplate.js, and every class the Pulumi code
// generator writes; a component's the same, with `args ? args.x : undefined` in older ones). A key
// it does not copy never reaches the registration: neither `pulumi preview` nor `pulumi up` says
// anything, and the resource is created without it. The registration the engine sees is already
// without it, so the only place to see the key is the class's own arguments: each exported class
// of a module under node_modules with a static `__pulumiType` is wrapped (its module's export
// replaced by a Proxy whose `construct` looks at the arguments, then constructs as before), and
// its inputs are read from the constructor's own text, the branch that copies `args`, so the keys
// known are those of the version of the package the program installed (deprecated ones included).
// A class read with `get` (`opts.id`) or rehydrated (`opts.urn`) takes state, not arguments, and
// one a package constructs (its first caller is under node_modules: the SDK's CallbackFunction
// passes its own `callback` on to `aws.lambda.Function`) has arguments the program did not write:
// neither is looked at.
//
// Each key dropped is written as a warning of the program's own SDK (`log.warn`), which the engine
// receives as `pulumi preview` would and the report lists with the run's other warnings: the
// resource's type and name, the program's line that made it, and the nearest input of the type.
//
// What the program can observe stays as without the wrapper: the class's `prototype.constructor`
// is the Proxy (so an instance's `constructor` is the exported binding: identity, a Map keyed by
// the class, `instanceof`, `extends`, static `isInstance`/`get` hold), and
// `Function.prototype.toString` of the Proxy gives the class's own text (a Proxy's is
// `function () { [native code] }`, ECMA-262 Function.prototype.toString). An error the class's
// constructor throws (a missing required input) loses the trap's frame from its stack, so its
// first frames are the constructor's and then the program's line, as without the wrapper. What
// still differs: `util.types.isProxy`, and the class's own code, whose name binding is the class
// itself (docs/check-reports.md).
//
// The SDK finds a resource's source position 4 frames below `Resource`'s constructor
// (@pulumi/pulumi resource.js: `Resource.stackTrace(4)` over `Resource.callsites()`), so the
// Proxy's frame would become every wrapped resource's position: `hideOwnFrames` leaves this
// file's frames out of `callsites`, and a class is wrapped only when the SDK it extends has that
// filter (an SDK without `callsites`, before 3.192.0, counts frames otherwise: its classes are not
// looked at).
"use strict";
const Module = require("module");
const path = require("path");
const { frameOf } = require("./frame-of");
const { editDistance } = require("../edit-distance");

const HIDDEN = Symbol.for("offline-check.hidden-frames");
const WRAPPED = Symbol.for("offline-check.inputs-watched");
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
/** An assignment of the constructor: `resourceInputs["key"] = <value>`. */
const ASSIGNMENT = /resourceInputs\["([^"]+)"\]\s*=\s*([^;\n]*)/g;
const OUTPUT = /^undefined\s*\/\*out\*\//;

/** Leaves this file's frames out of `Resource.callsites()` of @pulumi/pulumi's resource.js. */
function hideOwnFrames(exports) {
  const resource = exports && exports.Resource;
  if (!resource || typeof resource.callsites !== "function" || resource[HIDDEN]) return;
  const callsites = resource.callsites;
  resource.callsites = function () {
    return callsites.apply(this, arguments).filter((f) => !f || f.file !== __filename);
  };
  resource[HIDDEN] = true;
}

/** Each Proxy made here, to its class. */
const TARGETS = new WeakMap();

/**
 * `Function.prototype.toString` of a Proxy made here gives its class's text, as without the
 * Proxy; of anything else, what it gave. Installed once.
 */
function showClassText() {
  const toString = Function.prototype.toString;
  if (toString[WRAPPED]) return;
  const shown = {
    toString() {
      return toString.call(this === shown ? toString : (TARGETS.get(this) ?? this));
    },
  }.toString;
  Object.defineProperty(shown, "name", { value: "toString" });
  Object.defineProperty(shown, WRAPPED, { value: true });
  Object.defineProperty(Function.prototype, "toString", {
    ...Object.getOwnPropertyDescriptor(Function.prototype, "toString"),
    value: shown,
  });
}

/** Removes this file's frames from the stack of an error thrown through the trap. */
function withoutOwnFrames(error) {
  try {
    if (!(error instanceof Error) || typeof error.stack !== "string") return;
    const stack = error.stack.split("\n").filter((l) => !l.includes(`${__filename}:`));
    error.stack = stack.join("\n");
  } catch {
    // the stack keeps the frame
  }
}

/** The class's own static `__pulumiType`, read without running a getter or a Proxy's trap. */
function typeOf(value) {
  if (typeof value !== "function" || TARGETS.has(value)) return undefined;
  try {
    const d = Object.getOwnPropertyDescriptor(value, "__pulumiType");
    return d && typeof d.value === "string" ? d.value : undefined;
  } catch {
    return undefined; // a Proxy that refuses it
  }
}

/** Whether the class extends a `Resource` whose `callsites` leave this file's frames out. */
function framesHidden(cls) {
  for (
    let c = Object.getPrototypeOf(cls);
    c && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    if (Object.prototype.hasOwnProperty.call(c, HIDDEN)) return true;
  }
  return false;
}

/**
 * The inputs a generated class copies from its arguments, from its constructor's text: the
 * assignments after `const args = argsOrState` (a custom resource; before it, the state of `get`),
 * else all of them (a component), outputs (`undefined /*out*\/`) left out. Undefined when the text
 * is not a generated constructor's.
 */
function inputsOf(cls) {
  let text;
  try {
    text = Function.prototype.toString.call(cls);
  } catch {
    return undefined;
  }
  if (!text.includes("resourceInputs")) return undefined;
  const from = text.indexOf("const args = argsOrState");
  const inputs = new Set();
  ASSIGNMENT.lastIndex = from === -1 ? 0 : from;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    if (!OUTPUT.test(m[2].trim())) inputs.add(m[1]);
  }
  return inputs;
}

/**
 * The input nearest to `key`, case aside: one that ends with it (`securityGroupIds` →
 * `vpcSecurityGroupIds`) or starts with it, else the nearest within a third of its length
 * (`publicAccessible` → `publiclyAccessible`); undefined when none is near.
 */
function nearestInput(key, inputs) {
  const k = key.toLowerCase();
  let best;
  for (const input of inputs) {
    const i = input.toLowerCase();
    const affix = k.length >= 4 && (i.endsWith(k) || i.startsWith(k) || k.endsWith(i));
    const d = affix ? Math.abs(i.length - k.length) : editDistance(k, i);
    if (!affix && d > Math.max(1, Math.floor(i.length / 3))) continue;
    const score = affix ? d / 10 : d;
    if (!best || score < best.score) best = { input, score };
  }
  return best && best.input;
}

/**
 * Whether the code that called `fn` (its first frame) is a package's under node_modules: a library
 * (the SDK's own `aws.lambda.CallbackFunction`, which passes its `callback` on to `Function`; a
 * local component) made the resource from arguments it consumed itself, not the program's.
 */
function libraryCall(fn) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 2;
  const holder = {};
  Error.captureStackTrace(holder, fn);
  Error.stackTraceLimit = limit;
  const first = String(holder.stack).split("\n").slice(1).map(frameOf).find(Boolean);
  return !!first && first.file.includes(NODE_MODULES);
}

/** The `<name>@<version>` of the package a file under node_modules belongs to, if readable. */
function packageOf(filename) {
  const at = filename.lastIndexOf(NODE_MODULES);
  if (at === -1) return undefined;
  const parts = filename.slice(at + NODE_MODULES.length).split(path.sep);
  const name = parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  try {
    const dir = filename.slice(0, at + NODE_MODULES.length) + name.split("/").join(path.sep);
    return `${name} ${require(path.join(dir, "package.json")).version}`;
  } catch {
    return name;
  }
}

/** The message for the keys of one resource's arguments its class dropped. */
function droppedMessage(type, name, keys, inputs, where, pkg) {
  const each = keys.map((k) => {
    const near = nearestInput(k, inputs);
    return near ? `"${k}" (did you mean ${near}?)` : `"${k}"`;
  });
  const what = keys.length === 1 ? "is not an input" : "are not inputs";
  return (
    `${type} "${name}"${where ? ` (${where})` : ""}: ${each.join(", ")} ${what} of this type` +
    `${pkg ? ` in ${pkg}` : ""}: its class drops ${keys.length === 1 ? "it" : "them"} without a word, ` +
    "as `pulumi preview` and `pulumi up` do, and the resource is created without " +
    `${keys.length === 1 ? "it" : "them"}.`
  );
}

/**
 * Wraps each resource class `module` exports (a data property holding a class with a static
 * `__pulumiType` whose constructor copies its inputs) so that the keys of its arguments it drops
 * are warned about through the program's SDK. `site(fn)` gives the program's line of the call of
 * `fn` ({ file, line }), if any.
 */
function watchInputs(module, filename, site) {
  const exports = module.exports;
  if (!exports || typeof exports !== "object" || !filename.includes(NODE_MODULES)) return;
  let warn;
  let descriptors;
  try {
    descriptors = Object.getOwnPropertyDescriptors(exports); // no getter runs (lazy-loaded modules)
  } catch {
    return; // a Proxy of a module's exports that refuses it
  }
  for (const [key, d] of Object.entries(descriptors)) {
    try {
      wrap(key, d);
    } catch {
      // an export that refuses a read is left as it is
    }
  }

  function wrap(key, d) {
    const cls = d.value;
    const type = typeOf(cls);
    if (type === undefined || !d.writable) return;
    if (Object.prototype.hasOwnProperty.call(cls, WRAPPED) || !framesHidden(cls)) return;
    const inputs = inputsOf(cls);
    if (!inputs) return;
    const look = ([name, given, opts]) => {
      if (
        !given ||
        typeof given !== "object" ||
        Array.isArray(given) ||
        (opts && (opts.id || opts.urn))
      )
        return;
      const dropped = Object.keys(given).filter((k) => !inputs.has(k) && given[k] !== undefined);
      if (!dropped.length || libraryCall(construct)) return;
      const at = site(construct);
      const where = at ? `${path.relative(process.cwd(), at.file) || at.file}:${at.line}` : "";
      warn ??= Module.createRequire(filename)("@pulumi/pulumi").log.warn;
      const message = droppedMessage(
        type,
        String(name),
        dropped,
        inputs,
        where,
        packageOf(filename),
      );
      void Promise.resolve(warn(message)).catch(() => undefined);
    };
    const construct = (target, args, newTarget) => {
      try {
        look(args);
      } catch {
        // no warning, nothing else
      }
      try {
        return Reflect.construct(target, args, newTarget);
      } catch (error) {
        withoutOwnFrames(error);
        throw error;
      }
    };
    const proxy = new Proxy(cls, { construct });
    Object.defineProperty(cls, WRAPPED, { value: true });
    TARGETS.set(proxy, cls);
    showClassText();
    const ctor = Object.getOwnPropertyDescriptor(cls.prototype, "constructor");
    if (ctor && ctor.value === cls && ctor.writable)
      Object.defineProperty(cls.prototype, "constructor", { ...ctor, value: proxy });
    exports[key] = proxy;
  }
}

module.exports = { hideOwnFrames, watchInputs, inputsOf, nearestInput, droppedMessage };
