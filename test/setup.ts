// Loaded once by mocha (--require). Mocks are installed per scenario by `record()` in
// tools/lib/recorder.ts (each test run of the program gets a fresh mock monitor and recorder).
// A short stack-trace limit keeps the SDK's stack capture per resource (its source position) cheap;
// the per-promise capture is skipped by the recorder (tools/lib/engine/debuggable-promise.js).
Error.stackTraceLimit = 20;
process.env.PULUMI_NODEJS_PROJECT ??= "platform";
// Colour belongs to the terminal, not to the code under test: specs compare the text of the tools
// they start, and a CI service that sets FORCE_COLOR (or NO_COLOR) would change it. The specs of
// colouring pass these variables themselves.
delete process.env.FORCE_COLOR;
delete process.env.NO_COLOR;

/* eslint-disable @typescript-eslint/no-require-imports -- installed before any spec loads */
const ROOT = require("path").resolve(__dirname, "..");
// Specs and what they import compile through the tools' disk cache (tools/lib/ts-require.js): a
// second run skips the TypeScript compiler. Source maps go inline, so a failing test's stack
// points at `.ts` lines. The modules from node_modules compile from V8's code cache, as in the
// tools' runs (tools/lib/engine/code-cache.js).
require("../tools/lib/engine/code-cache").installCodeCache(
  require("path").join(ROOT, "node_modules", ".cache", "offline-check", "v8"),
);
require("../tools/lib/ts-require").register(ROOT, { inlineSourceMaps: true });
// As in the tools' runs: what the SDK needs only to package a callback function loads on first use.
require("../tools/lib/engine/lazy-closure-deps").deferClosurePackages();
/* eslint-enable @typescript-eslint/no-require-imports */

// A run that ends before its last suite (a library calling process.exit, a crash while a stack is
// formatted) must not pass: mocha only sets the exit code when it finishes.
let finished = false;
export const mochaHooks = {
  afterAll(): void {
    finished = true;
  },
};
process.on("exit", (code) => {
  if (finished || code !== 0) return;
  process.stderr.write("\nerror: the test run stopped before its last suite finished\n");
  process.exitCode = 1;
});
