// Loaded once by mocha (--require). Mocks are installed per scenario by `record()` in
// tools/lib/recorder.ts (each test run of the program gets a fresh mock monitor and recorder).
// A short stack-trace limit keeps the SDK's per-promise stack capture cheap.
Error.stackTraceLimit = 20;
process.env.PULUMI_NODEJS_PROJECT ??= "platform";
