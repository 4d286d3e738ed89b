// One module's requires of some packages answered with stand-ins that load the real package on
// first use (./lazy-closure-deps.js, ./lazy-tracing-deps.js). Only requires made by the file that
// ends with `fileSuffix` are deferred; any other module requiring the same package gets the real
// one. The real package is resolved from that file, as Node would resolve it there.
"use strict";
const Module = require("module");

/**
 * Installs the hook. `standIn(loadReal, request)` makes the stand-in; `loadReal()` loads the real
 * package (once: Node caches it).
 */
function deferRequires(fileSuffix, requests, standIn) {
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (
      requests.has(request) &&
      parent &&
      typeof parent.filename === "string" &&
      parent.filename.endsWith(fileSuffix)
    ) {
      return standIn(() => load.call(Module, request, parent, false), request);
    }
    return load.apply(this, arguments);
  };
}

module.exports = { deferRequires };
