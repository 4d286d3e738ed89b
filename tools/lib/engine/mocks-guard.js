// A program that calls `pulumi.runtime.setMocks` (left over from a unit test, or copied from one)
// replaces the engine it runs under with the test mocks: the SDK's `setMocks` calls
// `setMockOptions`, which points the runtime's monitor at a `MockMonitor` (@pulumi/pulumi
// runtime/mocks.js and runtime/settings.js); a program may call `setMockOptions` itself with a
// monitor of its own. Every resource the program registers after that call goes to the mocks, so
// `pulumi preview` shows none of them, `pulumi up` creates none of them, and the policy pack
// judges none of them: a preview that looks clean. Under the check either call throws a `MocksInProgramError` at the program's line instead,
// recorded under the token `setMocks` (./diagnose.ts `MOCKS_SITE` reports the run's failure
// there, also when the program catches it).
"use strict";
const { callerStack } = require("./caller-stack");

const SITE = "setMocks";

class MocksInProgramError extends Error {
  constructor(name) {
    super(
      `pulumi.runtime.${name} is refused` +
        ": a Pulumi program must not replace its engine with " +
        "unit-test mocks (the offline check reports this call)",
    );
    this.name = "MocksInProgramError";
    this.code = "ERR_OFFLINE_MOCKS_IN_PROGRAM";
  }
}

/**
 * Replaces `exports[name]` with a function that records the program's call site through `append`
 * (the frame `frameOf` picks from the caller's stack) and throws.
 */
function refuse(exports, name, append, frameOf) {
  if (!exports || typeof exports[name] !== "function") return;
  const refused = function () {
    const site = frameOf(callerStack(refused));
    if (site) append({ token: SITE, code: name, ...site });
    throw new MocksInProgramError(name);
  };
  exports[name] = refused;
}

/** Guards `setMocks` on the exports of the SDK's runtime/mocks.js (before runtime/index.js copies it). */
function guardMocks(exports, append, frameOf) {
  refuse(exports, "setMocks", append, frameOf);
}

/**
 * Guards `setMockOptions` on the exports of the SDK's runtime/settings.js (before runtime/index.js
 * copies it; runtime/mocks.js's own `setMocks` reaches it through these exports too).
 */
function guardMockOptions(exports, append, frameOf) {
  refuse(exports, "setMockOptions", append, frameOf);
}

module.exports = { guardMocks, guardMockOptions };
