// Which failures of an `apply` callback the apply phase leaves unknown (what an offline run
// lacks) and which stay the program's (tools/lib/engine/apply-unknowns.js `offlineCause`): the
// first frame of the error as the language host's source maps print it decides, and the offline
// engine's refusal of an invoke names its token.
import { expect } from "chai";
import { offlineCause } from "../../tools/lib/engine/apply-unknowns";

/** An error whose first stack frame is in `file`. */
function raisedIn(file: string, message = "failed"): Error {
  const e = new Error(message);
  e.stack = `Error: ${message}\n    at f (${file}:10:5)\n    at g (/work/program/index.ts:3:1)`;
  return e;
}

describe("which failures inside apply are left unknown at apply", () => {
  const cases: [string, unknown, ReturnType<typeof offlineCause>][] = [
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
      "a command the program's process spawned",
      Object.assign(new Error("spawnSync builder ENOENT"), {
        stack:
          "Error: spawnSync builder ENOENT\n    at Object.spawnSync (node:internal/child_process:1124:20)",
      }),
      { command: true },
    ],
    [
      "a dependency (docker-classic)",
      raisedIn("/p/node_modules/docker-classic/docker.js"),
      { command: true },
    ],
    [
      "a provider package's own code",
      raisedIn("/p/node_modules/@pulumi/docker/docker.ts"),
      { command: true },
    ],
    ["the SDK as installed", raisedIn("/p/node_modules/@pulumi/pulumi/runtime/rpc.js"), undefined],
    [
      "the SDK through its source maps",
      raisedIn("/p/node_modules/@pulumi/runtime/rpc.ts"),
      undefined,
    ],
    [
      "the SDK's top-level files through its source maps",
      raisedIn("/p/node_modules/@pulumi/output.ts"),
      undefined,
    ],
    ["the program's own code", raisedIn("/work/program/index.ts"), undefined],
    ["a value thrown that is no error", "not found", undefined],
    [
      "an error with no stack frame",
      Object.assign(new Error("x"), { stack: "Error: x" }),
      undefined,
    ],
  ];
  for (const [what, error, cause] of cases) {
    it(`${what}: ${cause ? JSON.stringify(cause) : "stays the program's failure"}`, () => {
      expect(offlineCause(error)).to.deep.equal(cause);
    });
  }
});
