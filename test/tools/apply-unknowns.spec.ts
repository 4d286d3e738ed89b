// Which failures of an `apply` callback the apply phase leaves unknown (what an offline run
// lacks) and which stay the program's (tools/lib/engine/offline-cause.js `offlineCause`): the
// error's kind decides (a failed child process, an unreachable host, the offline engine's refusal
// of an invoke, which names its token), never the package it was raised in.
import { expect } from "chai";
import { offlineCause, offlineFailure } from "../../tools/lib/engine/offline-cause";

/** An error whose first stack frame is in `file`. */
function raisedIn(file: string, message = "failed"): Error {
  const e = new Error(message);
  e.stack = `Error: ${message}\n    at f (${file}:10:5)\n    at g (/work/program/index.ts:3:1)`;
  return e;
}

describe("which failures inside apply are left unknown at apply", () => {
  const cases: [string, unknown, ReturnType<typeof offlineCause>, Set<string>?][] = [
    [
      "an invoke the engine cannot answer",
      new Error(
        "the offline check cannot answer the invoke tailscale:index/getDevice:getDevice: supply its result",
      ),
      { invoke: "tailscale:index/getDevice:getDevice" },
    ],
    [
      "an invoke the engine cannot answer, with its reason",
      new Error(
        "the offline check cannot answer the invoke kubernetes:helm:template (a helm.v3.Chart renders it): supply",
      ),
      { invoke: "kubernetes:helm:template" },
    ],
    [
      "a command the program's process could not start (execFileSync, ENOENT)",
      Object.assign(new Error("spawnSync builder ENOENT"), {
        errno: -2,
        code: "ENOENT",
        syscall: "spawnSync builder",
      }),
      { command: true },
    ],
    [
      "a command that exited non-zero (execFileSync of a docker with no daemon)",
      Object.assign(
        new Error("Command failed: docker build -t app .\nCannot connect to the Docker daemon"),
        {
          status: 1,
          signal: null,
          pid: 42,
          stdout: "",
          stderr: "Cannot connect to the Docker daemon",
        },
      ),
      { command: true },
    ],
    [
      "a command exec ran that exited non-zero for a reason of its own (a failing build)",
      Object.assign(new Error("Command failed: make\nmake: *** [build] Error 1"), {
        cmd: "make",
        code: 2,
      }),
      undefined,
    ],
    [
      "a command that read a file the program does not have (execSync of cat)",
      Object.assign(
        new Error(
          "Command failed: cat ./version.txt\ncat: ./version.txt: No such file or directory",
        ),
        { status: 1, signal: null, pid: 7, stdout: "", stderr: "cat: ./version.txt: No such file" },
      ),
      undefined,
    ],
    [
      "a command the shell could not find (exit 127)",
      Object.assign(new Error("Command failed: pnpm run build\n/bin/sh: 1: pnpm: not found"), {
        status: 127,
        signal: null,
        pid: 8,
        stdout: "",
        stderr: "/bin/sh: 1: pnpm: not found",
      }),
      { command: true },
    ],
    [
      "a command exec ran whose host could not be resolved",
      Object.assign(
        new Error(
          "Command failed: git clone https://example.com/r\nCould not resolve host: example.com",
        ),
        { cmd: "git clone https://example.com/r", code: 128 },
      ),
      { command: true },
    ],
    [
      "a dependency's error naming a command whose child process failed (docker-classic)",
      raisedIn(
        "/p/node_modules/docker-classic/docker.js",
        "No 'docker' command available on PATH: Please install to use container 'build' mode.",
      ),
      { command: true },
      new Set(["docker"]),
    ],
    [
      "a dependency's error naming a command that did not fail",
      raisedIn("/p/node_modules/docker-classic/docker.js", "No 'docker' command available on PATH"),
      undefined,
      new Set(["git"]),
    ],
    [
      "fetch of a host this machine cannot resolve",
      Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND vendor.example.com"), {
          code: "ENOTFOUND",
          syscall: "getaddrinfo",
        }),
      }),
      { network: true },
    ],
    [
      "a provider package's own validation (@pulumi/aws: a required input missing)",
      raisedIn("/p/node_modules/@pulumi/iam/policy.ts", "Missing required property 'policy'"),
      undefined,
    ],
    [
      "a library's own error on a program bug (semver.gt(undefined))",
      Object.assign(new TypeError('Invalid version. Must be a string. Got type "undefined".'), {
        stack:
          "TypeError: Invalid version. Must be a string.\n    at new SemVer (/p/node_modules/semver/classes/semver.js:19:13)",
      }),
      undefined,
    ],
    [
      "a library's own validation error",
      raisedIn("/p/node_modules/acme-naming/index.js", "image name must be lower case"),
      undefined,
    ],
    ["the SDK as installed", raisedIn("/p/node_modules/@pulumi/pulumi/runtime/rpc.js"), undefined],
    ["the program's own code", raisedIn("/work/program/index.ts"), undefined],
    ["a value thrown that is no error", "not found", undefined],
    [
      "an error with no stack frame",
      Object.assign(new Error("x"), { stack: "Error: x" }),
      undefined,
    ],
  ];
  for (const [what, error, cause, failed] of cases) {
    it(`${what}: ${cause ? JSON.stringify(cause) : "stays the program's failure"}`, () => {
      expect(offlineCause(error, failed ?? new Set())).to.deep.equal(cause);
    });
  }
});

describe("which errors the program threw in place of an offline failure are that failure", () => {
  const unanswered = () =>
    new Error("the offline check cannot answer the invoke aws:rds/getCluster:getCluster: supply");
  const fetchFailed = () =>
    Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("getaddrinfo ENOTFOUND vendor.invalid"), {
        code: "ENOTFOUND",
      }),
    });
  const cycle = new Error("lookup failed");
  (cycle as any).cause = new Error("again", { cause: cycle });
  /** A Proxy every operation on which throws (`in`, a property read). */
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable(new Error("x"), {});
    revoke();
    return proxy;
  };
  const deep = (levels: number) => {
    let e: Error = unanswered();
    for (let i = 0; i < levels; i++) e = new Error(`level ${i}`, { cause: e });
    return e;
  };
  // [what, thrown, the cause found, the first line of the error it was read from]
  const cases: [string, unknown, ReturnType<typeof offlineCause>, string?][] = [
    [
      "the failure itself",
      unanswered(),
      { invoke: "aws:rds/getCluster:getCluster" },
      unanswered().message,
    ],
    [
      "an error with it as its cause",
      new Error("lookup failed", { cause: unanswered() }),
      { invoke: "aws:rds/getCluster:getCluster" },
      unanswered().message,
    ],
    [
      "an AggregateError of the program's whose every member is one",
      new AggregateError([unanswered(), new Error("again", { cause: unanswered() })], "failed"),
      { invoke: "aws:rds/getCluster:getCluster" },
      unanswered().message,
    ],
    [
      // Answering the lookup still leaves the quota failing: it fails on every machine.
      "an AggregateError of the program's with a member of its own (quota exceeded)",
      new AggregateError([new Error("quota exceeded"), unanswered()], "lookups failed"),
      undefined,
    ],
    [
      "an AggregateError of the program's with the program's JSON.parse failure among them",
      new AggregateError([unanswered(), new SyntaxError("Unexpected token 'r'")], "setup failed"),
      undefined,
    ],
    [
      // It rejects only when every promise did: where the lookup answers, it fulfils with it.
      "Promise.any's AggregateError with one member that is one",
      new AggregateError([new Error("no local copy"), unanswered()], "All promises were rejected"),
      { invoke: "aws:rds/getCluster:getCluster" },
      unanswered().message,
    ],
    ["an AggregateError with no members", new AggregateError([], "nothing to do"), undefined],
    [
      "an AggregateError with more members than are looked at, every one such a failure",
      new AggregateError(Array.from({ length: 21 }, unanswered), "lookups failed"),
      undefined,
    ],
    [
      "one failure held twice (two settled results of one promise)",
      ((e) => new AggregateError([e, e], "lookups failed"))(unanswered()),
      { invoke: "aws:rds/getCluster:getCluster" },
      unanswered().message,
    ],
    [
      "a cause whose message getter throws, around such a failure",
      Object.defineProperty(new Error("x", { cause: unanswered() }), "message", {
        get() {
          throw new Error("no message");
        },
      }),
      { invoke: "aws:rds/getCluster:getCluster" },
      unanswered().message,
    ],
    [
      "an error whose message getter throws",
      Object.defineProperty(new Error("x"), "message", {
        get() {
          throw new Error("no message");
        },
      }),
      undefined,
    ],
    ["a revoked Proxy", revoked(), undefined],
    ["an error with a revoked Proxy as its cause", new Error("x", { cause: revoked() }), undefined],
    [
      "an error with fetch's failure as its cause: fetch's error, not the program's",
      new Error("price list unavailable", { cause: fetchFailed() }),
      { network: true },
      "fetch failed",
    ],
    ["fetch's own failure", fetchFailed(), { network: true }, "fetch failed"],
    ["five levels of causes", deep(5), { invoke: "aws:rds/getCluster:getCluster" }, undefined],
    ["six levels: beyond what is followed", deep(6), undefined, undefined],
    [
      "an error whose cause is the program's own",
      new Error("bad answer", { cause: new SyntaxError("Unexpected token") }),
      undefined,
    ],
    ["causes that loop", cycle, undefined],
    ["a cause that is no error", new Error("lookup failed", { cause: "not found" }), undefined],
  ];
  for (const [what, error, cause, from] of cases) {
    it(`${what}: ${cause ? JSON.stringify(cause) : "stays the program's failure"}`, () => {
      const found = offlineFailure(error, () => new Set());
      expect(found?.cause).to.deep.equal(cause);
      if (from !== undefined) expect((found?.error as Error).message).to.equal(from);
    });
  }
});
