// Typed reads of a `secure:` config value the check cannot decrypt (./child-preload.js, item 20;
// only with OFFLINE_UNDECRYPTABLE_CONFIG set: the keys and the placeholder value each was given).
// `pulumi preview` decrypts secrets, so the program reads the stack's value; offline it has only a
// placeholder, which a typed getter of the SDK's Config (config.ts) would parse: a `boolean` or
// `integer` key declared in Pulumi.yaml gets "false" or "0" (a value nobody set, read without a
// word), an undeclared one fails with ConfigTypeError ("... is not a valid boolean").
//
// - The secret getters (`getSecretBoolean`, `requireSecretNumber`, ..., `getSecretObject` of a
//   value that is not JSON) return an Output: here an unknown secret one, as a value nobody can
//   know offline, carrying a stand-in dependency (the SDK's `DependencyResource`, never
//   registered) whose URN names the key, so every input built from it reaches the pack unknown and
//   its checks are named (./unknown-sources.ts); each read is recorded (`unknown: true`), and the
//   report lists the key as not evaluated: what the program builds inside an `apply` on it never
//   runs, as at `pulumi preview` of an unknown value. So that the report names those callbacks,
//   each `apply` the program's own line calls on an Output built from such a secret (it, what an
//   `apply`, `all` or `interpolate` derives from it: the SDK carries an Output's resources, the
//   stand-in among them, into what it derives, output.ts) is recorded with that line
//   (`callback: true`), the SDK's own uses (a lifted property, `runWithUnknowns`) aside.
// - The plain getters (`getBoolean`, `requireBoolean`, `getNumber`, `requireNumber`, and
//   `getObject`/`requireObject` of a whole `secure:` value, not an object or list) return a plain value,
//   which nothing can make unknown: the check refuses the stack (exit 2) naming every such read
//   (../../check/undecryptable-reads.ts). So that one run names them all, each is recorded (token
//   `config-undecryptable:<key>`, with the getter and the program's line) and the program goes on
//   with a stand-in (false, 0, undefined) that no report is made from. A `secure:` nested in an
//   object parses: it keeps its placeholder, hidden wherever it reaches an input
//   (./recorded-inputs.ts).
"use strict";
const path = require("path");
const { callerStack } = require("./caller-stack");
const { frameOf: frameOfLine } = require("./frame-of");

/** The token prefix of a plain typed read's record (./sites-file.ts reads it). */
const UNDECRYPTABLE_READ_PREFIX = "config-undecryptable:";
/** How the URN of a secret getter's stand-in dependency starts; the full key follows. */
const SECRET_REF_PREFIX = "urn:offline-check:secret-config:";

/** Plain typed getters → the stand-in they return while the run goes on to its refusal. */
const PLAIN = { getBoolean: false, requireBoolean: false, getNumber: 0, requireNumber: 0 };
/** Plain getters of a value that may parse (a `secure:` nested in an object): refused otherwise. */
const PLAIN_OBJECT = ["getObject", "requireObject"];
/** Secret typed getters; `true` when only a value that fails to parse is made unknown. */
const SECRET = {
  getSecretBoolean: false,
  requireSecretBoolean: false,
  getSecretNumber: false,
  requireSecretNumber: false,
  getSecretObject: true,
  requireSecretObject: true,
};

/** Each secret getter's stand-in dependency → the full key it stands for. */
const standIns = new WeakMap();
/** The Output classes whose `apply` records callbacks on those stand-ins. */
const watchedOutputs = new WeakSet();

/**
 * Wraps `Output.prototype.apply` so that a call from the program's own line (its first frame)
 * on an Output carrying a stand-in is recorded, through `record(full key, site)`.
 */
function recordCallbacks(Output, record, frameOf) {
  if (watchedOutputs.has(Output) || typeof Output.prototype.apply !== "function") return;
  watchedOutputs.add(Output);
  const apply = Output.prototype.apply;
  Output.prototype.apply = function applyOnSecret(func, runWithUnknowns) {
    try {
      const keys =
        typeof func === "function" && !runWithUnknowns && typeof this.resources === "function"
          ? [...this.resources()].flatMap((r) => (standIns.has(r) ? [standIns.get(r)] : []))
          : [];
      if (keys.length > 0) {
        const stack = callerStack(applyOnSecret);
        const caller = frameOfLine(String(stack).split("\n")[1] ?? "");
        const site = frameOf(stack);
        if (site && caller && caller.file === site.file && caller.line === site.line)
          for (const key of new Set(keys)) record(key, site);
      }
    } catch {
      // the report names no callback line, nothing else
    }
    return apply.apply(this, arguments);
  };
}

function fullKeyOf(config, key) {
  try {
    return typeof config.fullKey === "function" ? config.fullKey(key) : `${config.name}:${key}`;
  } catch {
    return undefined;
  }
}

/**
 * Wraps the typed getters of the `Config` class in `exports` (the SDK's config.js, at
 * `configFile`) for the full keys of `undecryptable` (full key → the value the program got).
 * `append` writes a record; `frameOf` picks the program's line from a stack.
 */
function standInSecretReads(exports, configFile, undecryptable, append, frameOf) {
  const Config = exports && exports.Config;
  if (typeof Config !== "function" || !Config.prototype || !undecryptable) return;
  const sdkDir = path.dirname(configFile);
  const recorded = new Set();
  const record = (full, getter, fields, wrapped) => {
    if (recorded.has(`${full}\0${getter}`)) return;
    recorded.add(`${full}\0${getter}`);
    let site;
    try {
      site = frameOf(callerStack(wrapped));
    } catch {
      site = undefined;
    }
    append({ token: `${UNDECRYPTABLE_READ_PREFIX}${full}`, getter, ...fields, ...site });
  };
  const callbacks = new Set();
  const recordCallback = (full, site) => {
    const id = `${full}\0${site.file}:${site.line}`;
    if (callbacks.has(id)) return;
    callbacks.add(id);
    append({
      token: `${UNDECRYPTABLE_READ_PREFIX}${full}`,
      getter: "apply",
      unknown: true,
      callback: true,
      ...site,
    });
  };
  const unknownSecret = (full) => {
    const { Output } = require(path.join(sdkDir, "output.js"));
    let deps = new Set();
    try {
      const { DependencyResource } = require(path.join(sdkDir, "resource.js"));
      if (typeof DependencyResource === "function") {
        const standIn = new DependencyResource(`${SECRET_REF_PREFIX}${full}`);
        standIns.set(standIn, full);
        deps = new Set([standIn]);
        recordCallbacks(Output, recordCallback, frameOf);
      }
    } catch {
      // an SDK without it: the unknown names no key, and the report infers one
    }
    const no = Promise.resolve(false);
    return new Output(
      deps,
      Promise.resolve(undefined),
      no,
      Promise.resolve(true),
      Promise.resolve(deps),
    );
  };
  // A `secure:` nested in an object or a list parses to that object or list, its placeholder in
  // place; a whole `secure:` value is the placeholder itself, which may parse too ("false" and "0"
  // for a key declared boolean or integer in Pulumi.yaml) but never to an object or a list.
  const parse = Config.prototype.getObject;
  const nestedSecret = (config, key) => {
    try {
      const v = parse.call(config, key);
      return v !== null && typeof v === "object";
    } catch {
      return false;
    }
  };
  // Getter `name`, for a key of `undecryptable` (unless `parsesOn` and its value is nested in an
  // object or a list): the read recorded with `fields`, the program given `answer(full key)`.
  const wrap = (name, parsesOn, fields, answer) => {
    const original = Config.prototype[name];
    if (typeof original !== "function") return;
    const wrapped = function (key, ...rest) {
      const full = fullKeyOf(this, key);
      if (
        full === undefined ||
        !Object.prototype.hasOwnProperty.call(undecryptable, full) ||
        (parsesOn && nestedSecret(this, key))
      )
        return original.call(this, key, ...rest);
      record(full, name, fields, wrapped);
      return answer(full);
    };
    Config.prototype[name] = wrapped;
  };
  for (const [name, standIn] of Object.entries(PLAIN)) wrap(name, false, {}, () => standIn);
  for (const name of PLAIN_OBJECT) wrap(name, true, {}, () => undefined);
  for (const [name, onlyUnparsed] of Object.entries(SECRET))
    wrap(name, onlyUnparsed, { unknown: true }, unknownSecret);
}

/** OFFLINE_UNDECRYPTABLE_CONFIG's text as an object; undefined when unset or unreadable. */
function undecryptableFromEnvironment(text) {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

module.exports = {
  standInSecretReads,
  undecryptableFromEnvironment,
  UNDECRYPTABLE_READ_PREFIX,
  SECRET_REF_PREFIX,
};
