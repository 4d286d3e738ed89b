// The one structured-stack capture the preloads share (tools/lib/engine/caller-stack.js):
// the caller's frames through `read`, and the process's own stack settings put back after it.
import { expect } from "chai";
import * as path from "path";

const CALLER = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "caller-stack.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { callerSites } = require(CALLER);

describe("callerSites", () => {
  it("reads the frames of the caller of a function, at most the limit asked", () => {
    function inner(limit: number) {
      return callerSites(inner, limit, (site: { getFileName(): string }) => site.getFileName());
    }
    const files = inner(2);
    expect(files).to.have.length(2);
    expect(files[0]).to.equal(__filename);
    expect(inner(1)).to.deep.equal([__filename]);
  });

  it("puts back the process's prepareStackTrace and stackTraceLimit, also when read throws", () => {
    const prepare = (_: Error, sites: unknown[]) => `${sites.length} frames`;
    const saved = [Error.prepareStackTrace, Error.stackTraceLimit];
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = 7;
    try {
      callerSites(callerSites, 3, () => "x");
      expect([Error.prepareStackTrace, Error.stackTraceLimit]).to.deep.equal([prepare, 7]);
      expect(() =>
        callerSites(callerSites, 3, () => {
          throw new Error("unreadable frame");
        }),
      ).to.throw("unreadable frame");
      expect([Error.prepareStackTrace, Error.stackTraceLimit]).to.deep.equal([prepare, 7]);
      expect(new Error("after").stack).to.match(/^\d+ frames$/);
    } finally {
      [Error.prepareStackTrace, Error.stackTraceLimit] = saved as [typeof prepare, number];
    }
  });
});
