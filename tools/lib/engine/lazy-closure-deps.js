// The packages the Pulumi SDK needs only to package a callback function (`aws.lambda.
// CallbackFunction`, `bucket.onObjectCreated`), loaded when the first one is packaged instead of
// when the SDK loads. `@pulumi/pulumi/runtime/closure/codePaths.js` requires npm's
// `@npmcli/arborist` (with pacote, sigstore and the registry client behind it) and
// `normalize-package-data` at its top, and `@pulumi/pulumi` loads that file with its runtime:
// about half a second of every process that loads the SDK (the program's language host, the
// policy pack's process, the tools), though only `computeCodePaths` ever uses them, through
// `new arborist.Arborist(...)` and `normalize(...)` (pulumi/pulumi `sdk/nodejs/runtime/closure/
// codePaths.ts`).
//
// For that file only, each of the two is a stand-in that loads the real package, resolved from
// that file as Node would, on its first use, and hands the call on: `new Arborist(options)`
// gives a real `Arborist`, `normalize(data)` runs the real `normalize`. Nothing else sees a
// stand-in: any other module requiring either package gets the real one.
"use strict";
const path = require("path");
const { deferRequires } = require("./defer-require");

const CODE_PATHS = path.join("@pulumi", "pulumi", "runtime", "closure", "codePaths.js");
const DEFERRED = new Set(["@npmcli/arborist", "normalize-package-data"]);

/** A function that loads the real package on its first call or construction. */
function standIn(loadReal, request) {
  let real;
  const get = () => (real ??= loadReal());
  const fn = function (...args) {
    // `new Arborist(options)` builds the real class's instance, as the SDK does; a plain call
    // (`normalize(data)`) calls the real function.
    return new.target ? Reflect.construct(get(), args) : get().apply(this, args);
  };
  // The SDK's compiled import helper copies the module's own keys (`arborist.Arborist`): the
  // arborist package exports its class both as the module and as `Arborist`.
  if (request === "@npmcli/arborist") fn.Arborist = fn;
  return fn;
}

let installed = false;

/** From now on, the SDK's codePaths.js gets stand-ins that load its two packages on first use. */
function deferClosurePackages() {
  if (installed) return;
  installed = true;
  deferRequires(CODE_PATHS, DEFERRED, standIn);
}

module.exports = { deferClosurePackages };
