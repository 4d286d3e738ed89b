// A program that calls `pulumi.runtime.setMocks` (left over from a unit test, or copied from one)
// replaces the engine it runs under with the test mocks: the SDK's `setMocks` calls
// `setMockOptions`, which points the runtime's monitor at a `MockMonitor` (@pulumi/pulumi
// runtime/mocks.js and runtime/settings.js). Every resource the
// program registers after that call goes to the mocks, so `pulumi preview` shows none of them,
// `pulumi up` creates none of them, and the policy pack judges none of them: a preview that looks
// clean. Under the check the call throws a `MocksInProgramError` at the program's line instead,
// recorded under the token `setMocks` (./diagnose.ts `MOCKS_SITE` reports the run's failure
// there, also when the program catches it).
"use strict";
const { callerStack } = require("./config-sites");

const SITE = "setMocks";

class MocksInProgramError extends Error {
  constructor() {
    super(
      "pulumi.runtime.setMocks is refused: a Pulumi program must not replace its engine with " +
        "unit-test mocks (the offline check reports this call)",
    );
    this.name = "MocksInProgramError";
    this.code = "ERR_OFFLINE_MOCKS_IN_PROGRAM";
  }
}

/**
 * Replaces `setMocks` on the exports of the SDK's runtime/mocks.js (before runtime/index.js copies
 * it) with a function that records the program's call site through `append` (the frame `frameOf`
 * picks from the caller's stack) and throws.
 */
function guardMocks(exports, append, frameOf) {
  if (!exports || typeof exports.setMocks !== "function") return;
  exports.setMocks = function setMocks() {
    const site = frameOf(callerStack(setMocks));
    if (site) append({ token: SITE, ...site });
    throw new MocksInProgramError();
  };
}

module.exports = { guardMocks };
