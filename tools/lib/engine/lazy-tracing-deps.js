// The OpenTelemetry packages the language host needs only when the engine asks it to trace (`pulumi
// preview --tracing`), loaded then instead of with the host. `@pulumi/pulumi/cmd/run/tracing.js`
// requires six of them at its top (resources, sdk-trace-base, exporter-zipkin,
// instrumentation-grpc, sdk-trace-node, instrumentation), and the host's `run.js` loads that file
// on every run, though only its `start()` reads them, and the host calls `start()` only with a
// tracing address (pulumi/pulumi `sdk/nodejs/cmd/run/tracing.ts`, `run.ts`). Loading them is about
// 150 ms of CPU in every program process (measured with V8's code cache warm); the SDK's newer
// `cmd/run/instrumentation.js` already requires the same packages inside the function that uses
// them.
//
// For that file only, each of the six is a stand-in that loads the real package, resolved from
// that file as Node would, the first time anything reads it, and from then on answers as the real
// module does (every read, key listing and check goes to it). `@opentelemetry/api`, which the
// SDK's runtime loads anyway, is left alone; any other module requiring a deferred package gets the
// real one.
"use strict";
const path = require("path");
const { deferRequires } = require("./defer-require");

const TRACING = path.join("@pulumi", "pulumi", "cmd", "run", "tracing.js");
const DEFERRED = new Set([
  "@opentelemetry/resources",
  "@opentelemetry/sdk-trace-base",
  "@opentelemetry/exporter-zipkin",
  "@opentelemetry/instrumentation-grpc",
  "@opentelemetry/sdk-trace-node",
  "@opentelemetry/instrumentation",
]);

/** A module object that loads the real package on its first use and forwards to it. */
function standIn(loadReal) {
  let real;
  const get = () => (real ??= loadReal());
  return new Proxy(Object.create(null), {
    get: (_, key) => Reflect.get(get(), key),
    has: (_, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(get(), key);
      // A proxy may report only configurable properties its own target lacks.
      return d && { ...d, configurable: true };
    },
    set: (_, key, value) => Reflect.set(get(), key, value),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
}

let installed = false;

/** From now on, the SDK's cmd/run/tracing.js gets stand-ins that load its packages on first use. */
function deferTracingPackages() {
  if (installed) return;
  installed = true;
  deferRequires(TRACING, DEFERRED, standIn);
}

module.exports = { deferTracingPackages, moduleStandIn: standIn };
