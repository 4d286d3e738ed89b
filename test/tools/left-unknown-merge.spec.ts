// What the apply phase left unknown, as the report lists it: two failures that read the same at
// the same line (awsx classic's `repository.buildAndPushImage` called twice with no Docker daemon:
// each error names the repository) are one entry carrying both stand-ins, while failures at other
// lines, or of other kinds, stay apart.
import { expect } from "chai";
import { leftUnknownAtApply, type ApplyUnknown } from "../../tools/lib/engine/left-unknown";
import type { OfflineEngine } from "../../tools/lib/engine/monitor";

const DAEMON =
  "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";
const REPO = "urn:pulumi:dev::app::awsx:ecr:Repository::app";
const TABLE = "urn:pulumi:dev::app::aws:dynamodb/table:Table::t";

/** An engine that registered the repository at index.ts:30 and a table at index.ts:50. */
function engine(): OfflineEngine {
  const at = (urn: string, line: number) => ({
    urn,
    source: { uri: "file:///p/index.ts", line, column: 1 },
  });
  return { logs: [], resources: [at(REPO, 30), at(TABLE, 50)] } as unknown as OfflineEngine;
}

/** A `docker build` that failed for want of a daemon, naming `urn`. */
function build(context: string, urn: string, ref: string): ApplyUnknown {
  return {
    message: `'docker build ${context}' failed with exit code 1`,
    output: DAEMON,
    urn,
    ref,
  };
}

describe("leftUnknownAtApply: failures that read alike at one line", () => {
  it("two builds that name one repository are one entry with both stand-ins", () => {
    const left = leftUnknownAtApply(
      [build("../mqtt-broker", REPO, "ref-1"), build("../connect", REPO, "ref-2")],
      engine(),
      new Map(),
      new Map(),
    );
    expect(left).to.have.length(1);
    expect(left[0].location?.line).to.equal(30);
    expect(left[0].what).to.contain("no Docker daemon answers on this machine");
    expect(left[0].refs).to.deep.equal(["ref-1", "ref-2"]);
  });

  it("the same failure at two lines stays two entries", () => {
    const left = leftUnknownAtApply(
      [build("../mqtt-broker", REPO, "ref-1"), build("../connect", TABLE, "ref-2")],
      engine(),
      new Map(),
      new Map(),
    );
    expect(left.map((u) => [u.location?.line, u.refs])).to.deep.equal([
      [30, ["ref-1"]],
      [50, ["ref-2"]],
    ]);
  });

  it("a different failure at the same line stays apart", () => {
    const network: ApplyUnknown = {
      message: "getaddrinfo ENOTFOUND registry.example.com",
      network: true,
      urn: REPO,
      ref: "ref-3",
    };
    const left = leftUnknownAtApply(
      [build("../mqtt-broker", REPO, "ref-1"), network],
      engine(),
      new Map(),
      new Map(),
    );
    expect(left).to.have.length(2);
    expect(left[1].what).to.match(/^a network request, which failed/);
  });
});
